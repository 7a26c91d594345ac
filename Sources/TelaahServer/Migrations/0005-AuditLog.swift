import Fluent
import SQLKit

/// The append-only audit log: every entry carries the SHA-256 of the previous one. The head
/// row is locked by each append, so appends from several processes form one chain.
struct M0005AuditLog: AsyncMigration {
    var name: String { "M0005AuditLog" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries")
            .field("seq", .int64, .identifier(auto: false))
            .field("government_id", .uuid)
            .field("at", .string, .required)
            .field("user_id", .uuid)
            .field("username", .string)
            .field("action", .string, .required)
            .field("object_type", .string, .required)
            .field("object_id", .string, .required)
            .field("before_json", .string)
            .field("after_json", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await db.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX audit_entries_object ON audit_entries (object_type, object_id)").run()
        try await sql.insert(into: "audit_head").columns("id", "seq", "hash")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(AuditLog.genesisHash)).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_head").delete()
        try await db.schema("audit_entries").delete()
    }
}
