import Fluent

struct M0004Assessments: AsyncMigration {
    var name: String { "M0004Assessments" }

    func prepare(on db: any Database) async throws {
        try await db.schema(Assessment.schema)
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, .id))
            .field("period_id", .uuid, .required, .references(Period.schema, .id))
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .field("stage", .string, .required)
            .field("released", .bool, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "period_id", "unit_id")
            .create()
        try await db.schema(Answer.schema)
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, .id))
            .field("actor", .string, .required)
            .field("criterion_id", .string, .required)
            .field("code", .string)
            .field("not_applicable_reason", .string)
            .field("note", .string)
            .field("updated_by", .uuid, .references(User.schema, .id))
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "assessment_id", "actor", "criterion_id")
            .create()
        try await db.schema(SubcomponentGrade.schema)
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, .id))
            .field("actor", .string, .required)
            .field("subcomponent_id", .string, .required)
            .field("grade", .string)
            .field("justification", .string)
            .field("note", .string)
            .field("evidence", .string)
            .field("updated_by", .uuid, .references(User.schema, .id))
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "assessment_id", "actor", "subcomponent_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for schema in [SubcomponentGrade.schema, Answer.schema, Assessment.schema] {
            try await db.schema(schema).delete()
        }
    }
}
