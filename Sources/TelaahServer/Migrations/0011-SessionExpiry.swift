import Fluent

/// Sessions end on the server after their lifetime, not only in the browser (the
/// cookie's max-age): a copied cookie stops working too. Additive; sessions made before it have
/// no expiry and count as ended (their users sign in once more).
struct M0011SessionExpiry: AsyncMigration {
    var name: String { "M0011SessionExpiry" }

    func prepare(on db: any Database) async throws {
        try await db.schema(SessionRecord.schema).field("expires_at", .double).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SessionRecord.schema).deleteField("expires_at").update()
    }
}
