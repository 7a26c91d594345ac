import Fluent

/// Tindak lanjut (issue 15): each recommendation of a signed LHE as a record, with its code in the
/// PD's register (`2024-1.a-1`), the LHE revision it came from, and the Inspektorat's
/// verification. A later revision that drops or rewrites one marks it withdrawn. Additive.
struct M0028Recommendations: AsyncMigration {
    var name: String { "M0028Recommendations" }

    func prepare(on db: any Database) async throws {
        try await db.schema("recommendations")
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("lhe_id", .uuid, .required)
            .field("revision", .int, .required)
            .field("subcomponent_id", .string, .required)
            .field("position", .int, .required)
            .field("code", .string, .required)
            .field("text", .string, .required)
            .field("withdrawn_revision", .int)
            .field("verdict", .string)
            .field("verdict_reason", .string)
            .field("verified_by", .uuid, .references(User.schema, "id"))
            .field("verified_at", .string)
            .field("version", .int, .required)
            .field("created_at", .string, .required)
            .unique(on: "assessment_id", "code")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("recommendations").delete()
    }
}
