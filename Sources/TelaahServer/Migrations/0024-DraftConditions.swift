import Fluent

/// The rancangan LHE: the kondisi of each component of a PD's evaluation, written by the Ketua
/// Tim, versioned. Additive.
struct M0024DraftConditions: AsyncMigration {
    var name: String { "M0024DraftConditions" }

    func prepare(on db: any Database) async throws {
        try await db.schema("draft_conditions")
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("component_id", .string, .required)
            .field("text", .string, .required)
            .field("version", .int, .required)
            .field("updated_by", .uuid, .references(User.schema, "id"))
            .field("updated_at", .string, .required)
            .unique(on: "assessment_id", "component_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("draft_conditions").delete()
    }
}
