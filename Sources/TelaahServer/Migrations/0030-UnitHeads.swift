import Fluent

/// The head of each PD by name, pangkat and NIP (issue 15): who signs the PD's rencana aksi
/// (seed 004). Entered by the PD; nil until then. Additive.
struct M0030UnitHeads: AsyncMigration {
    var name: String { "M0030UnitHeads" }
    static let fields = ["head_name", "head_rank", "head_nip"]

    func prepare(on db: any Database) async throws {
        for field in Self.fields {
            try await db.schema(Unit.schema).field(.string(field), .string).update()
        }
    }

    func revert(on db: any Database) async throws {
        for field in Self.fields {
            try await db.schema(Unit.schema).deleteField(.string(field)).update()
        }
    }
}
