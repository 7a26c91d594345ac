import Fluent

/// The name of the head of the region (Bupati / Wali Kota), who signs the follow-up
/// letter to each LHE (seed 002). Additive.
struct M0010GovernmentHead: AsyncMigration {
    var name: String { "M0010GovernmentHead" }

    func prepare(on db: any Database) async throws {
        try await db.schema("governments").field("head_name", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("governments").deleteField("head_name").update()
    }
}
