import Fluent

/// Reminders by e-mail (issue 23): an account's address, the government's way of sending mail
/// (the machine's sendmail, or an SMTP relay) with its sender, each reminder sent to an account
/// once (`reminders_sent`, unique per account and reminder), and the log of every message, sent or
/// failed. Additive.
struct M0037Reminders: AsyncMigration {
    var name: String { "M0037Reminders" }

    func prepare(on db: any Database) async throws {
        try await db.schema(User.schema).field("email", .string).update()
        // One column a statement: SQLite adds one per ALTER TABLE.
        for (name, type) in [
            ("mail_transport", DatabaseSchema.DataType.string), ("mail_from", .string), ("smtp_host", .string),
            ("smtp_port", .int),
        ] {
            try await db.schema(Government.schema).field(FieldKey(stringLiteral: name), type).update()
        }
        try await db.schema("reminders_sent")
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("key", .string, .required)
            .field("mail_id", .uuid, .required)
            .field("sent_at", .string, .required)
            .unique(on: "user_id", "key")
            .create()
        try await db.schema("mail_log")
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, "id"))
            .field("at", .string, .required)
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("transport", .string, .required)
            .field("status", .string, .required)
            .field("error", .string)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("mail_log").delete()
        try await db.schema("reminders_sent").delete()
        for name in ["mail_transport", "mail_from", "smtp_host", "smtp_port"] {
            try await db.schema(Government.schema).deleteField(FieldKey(stringLiteral: name)).update()
        }
        try await db.schema(User.schema).deleteField("email").update()
    }
}
