import Fluent

/// The government's limits on evidence: megabytes per file and per PD in a period (empty: the
/// defaults of `Evidence.Limits`, 50 MB and 2 GB). Additive.
struct M0027EvidenceLimits: AsyncMigration {
    var name: String { "M0027EvidenceLimits" }

    static let fields = ["evidence_file_limit_mb", "evidence_unit_limit_mb"]

    // One column a statement: SQLite adds one column per ALTER TABLE.
    func prepare(on db: any Database) async throws {
        for field in Self.fields { try await db.schema(Government.schema).field(.string(field), .int).update() }
    }

    func revert(on db: any Database) async throws {
        for field in Self.fields { try await db.schema(Government.schema).deleteField(.string(field)).update() }
    }
}
