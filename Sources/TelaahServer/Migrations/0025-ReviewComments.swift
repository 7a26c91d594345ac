import Fluent

/// The reviewers' comments on a PD's draft, per sub-component, in threads (a reply names its
/// thread's first comment), resolved by the team; kept per revision. Additive.
struct M0025ReviewComments: AsyncMigration {
    var name: String { "M0025ReviewComments" }

    func prepare(on db: any Database) async throws {
        try await db.schema("review_comments")
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("revision", .int, .required)
            .field("subcomponent_id", .string, .required)
            .field("thread_id", .uuid)
            .field("stage", .string, .required)
            .field("text", .string, .required)
            .field("author_id", .uuid, .references(User.schema, "id"))
            .field("at", .string, .required)
            .field("resolved_by", .uuid, .references(User.schema, "id"))
            .field("resolved_at", .string)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("review_comments").delete()
    }
}
