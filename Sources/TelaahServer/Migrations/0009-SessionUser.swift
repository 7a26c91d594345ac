import Fluent

/// The account of a session beside its data, so the session and its account are
/// read in one query on every request (`TelaahSessions`). Additive; sessions made before it
/// have none and are read as before.
struct M0009SessionUser: AsyncMigration {
    var name: String { "M0009SessionUser" }

    func prepare(on db: any Database) async throws {
        try await db.schema(SessionRecord.schema).field("user_id", .uuid).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SessionRecord.schema).deleteField("user_id").update()
    }
}
