import Fluent
import SQLKit

/// Every move of a PD's evaluation cycle: who, when, from which stage to which, why (a return, a
/// reopen), in which revision of its LHE. Shown on the PD's page; the audit chain keeps it too.
/// Additive.
struct M0016CycleEvents: AsyncMigration {
    var name: String { "M0016CycleEvents" }

    func prepare(on db: any Database) async throws {
        try await db.schema("cycle_events")
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("at", .string, .required)
            .field("user_id", .uuid, .references(User.schema, "id"))
            .field("username", .string, .required)
            .field("action", .string, .required)
            .field("from_stage", .string, .required)
            .field("to_stage", .string, .required)
            .field("reason", .string)
            .field("revision", .int, .required)
            .create()
        try await (db as! any SQLDatabase).raw(
            "CREATE INDEX cycle_events_assessment ON cycle_events (assessment_id, at)"
        )
        .run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("cycle_events").delete()
    }
}
