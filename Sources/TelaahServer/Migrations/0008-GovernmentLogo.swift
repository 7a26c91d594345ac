import Fluent

/// The government's logo (PNG) at the left of the letterhead of every LHE and report
/// made on the server. Additive.
struct M0008GovernmentLogo: AsyncMigration {
    var name: String { "M0008GovernmentLogo" }

    func prepare(on db: any Database) async throws {
        try await db.schema("governments").field("logo_png", .data).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("governments").deleteField("logo_png").update()
    }
}
