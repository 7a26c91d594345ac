import Fluent

/// The PD's tanggapan on each finding of its tentative result (seed 001 §V), and the team's reply:
/// one row per finding (a sub-component with the evaluators' note) per revision of the LHE, so a
/// reopened PD answers afresh and the earlier exchange stays. Additive.
struct M0020Responses: AsyncMigration {
    var name: String { "M0020Responses" }

    func prepare(on db: any Database) async throws {
        try await db.schema("finding_responses")
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("revision", .int, .required)
            .field("subcomponent_id", .string, .required)
            .field("agree", .bool, .required)
            .field("text", .string)
            .field("responded_by", .uuid, .references(User.schema, "id"))
            .field("responded_at", .string, .required)
            .field("reply", .string)
            .field("replied_by", .uuid, .references(User.schema, "id"))
            .field("replied_at", .string)
            .field("version", .int, .required)
            .unique(on: "assessment_id", "revision", "subcomponent_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("finding_responses").delete()
    }
}
