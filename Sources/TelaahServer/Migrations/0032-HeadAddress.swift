import Fluent

/// The address of the head of the region's office, printed under the Bupati's letterhead on the
/// follow-up letters (seed 002: "Jl. Onje No. 1B Telp. …"); nil until set. Additive.
struct M0032HeadAddress: AsyncMigration {
    var name: String { "M0032HeadAddress" }

    func prepare(on db: any Database) async throws {
        try await db.schema(Government.schema).field("head_address", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(Government.schema).deleteField("head_address").update()
    }
}
