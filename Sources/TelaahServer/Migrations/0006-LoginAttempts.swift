import Fluent

/// Failed sign-ins, per user name and per client address, for throttling across processes.
struct M0006LoginAttempts: AsyncMigration {
    var name: String { "M0006LoginAttempts" }

    func prepare(on db: any Database) async throws {
        try await db.schema("login_attempts")
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("window_start", .double, .required)
            .field("locked_until", .double)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_attempts").delete()
    }
}
