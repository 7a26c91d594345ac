import Fluent

/// Each PD's pra-evaluasi profile in a period (`PreEvaluation`): the items' texts as one JSON
/// object, versioned. Additive.
struct M0023PreEvaluation: AsyncMigration {
    var name: String { "M0023PreEvaluation" }

    func prepare(on db: any Database) async throws {
        try await db.schema("pre_evaluations")
            .id()
            .field("period_id", .uuid, .required, .references(Period.schema, "id"))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id"))
            .field("items", .string, .required)
            .field("version", .int, .required)
            .field("updated_by", .uuid, .references(User.schema, "id"))
            .field("updated_at", .string, .required)
            .unique(on: "period_id", "unit_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("pre_evaluations").delete()
    }
}
