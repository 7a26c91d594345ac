import Fluent

/// The rencana aksi (issue 15): one plan per assessment with its state and the Inspektorat's note,
/// its actions per recommendation (what, who is in charge, by when), and the PD's reports of what
/// it did (realisasi). Additive.
struct M0029ActionPlans: AsyncMigration {
    var name: String { "M0029ActionPlans" }

    func prepare(on db: any Database) async throws {
        try await db.schema("action_plans")
            .field("assessment_id", .uuid, .identifier(auto: false), .references(Assessment.schema, "id"))
            .field("state", .string, .required)
            .field("note", .string)
            .field("moved_by", .uuid, .references(User.schema, "id"))
            .field("moved_at", .string)
            .field("version", .int, .required)
            .create()
        try await db.schema("plan_actions")
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("recommendation_id", .uuid, .required, .references("recommendations", "id"))
            .field("action", .string, .required)
            .field("person_name", .string, .required)
            .field("person_position", .string, .required)
            .field("person_phone", .string)
            .field("due_date", .string, .required)
            .field("created_by", .uuid, .references(User.schema, "id"))
            .field("created_at", .string, .required)
            .field("removed_at", .string)
            .create()
        try await db.schema("action_reports")
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("action_id", .uuid, .required, .references("plan_actions", "id"))
            .field("text", .string, .required)
            .field("reported_by", .uuid, .references(User.schema, "id"))
            .field("reported_at", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("action_reports").delete()
        try await db.schema("plan_actions").delete()
        try await db.schema("action_plans").delete()
    }
}
