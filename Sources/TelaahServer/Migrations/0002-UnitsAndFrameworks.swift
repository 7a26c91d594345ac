import Fluent

struct M0002UnitsAndFrameworks: AsyncMigration {
    var name: String { "M0002UnitsAndFrameworks" }

    func prepare(on db: any Database) async throws {
        try await db.schema(FrameworkVersion.schema)
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, .id))
            .field("framework_key", .string, .required)
            .field("framework_version", .string, .required)
            .field("title", .string, .required)
            .field("yaml", .string, .required)
            .field("sha256", .string, .required)
            .field("frozen", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "government_id", "framework_key", "framework_version")
            .create()
        try await db.schema(Period.schema)
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, .id))
            .field("name", .string, .required)
            .field("evaluation_year", .int, .required)
            .field("performance_year", .int, .required)
            .field("framework_version_id", .uuid, .required, .references(FrameworkVersion.schema, .id))
            .field("status", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "government_id", "evaluation_year")
            .create()
        try await db.schema(UnitProfile.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .field("period_id", .uuid, .required, .references(Period.schema, .id))
            .field("items", .json, .required)
            .field("version", .int, .required)
            .unique(on: "unit_id", "period_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for schema in [UnitProfile.schema, Period.schema, FrameworkVersion.schema] {
            try await db.schema(schema).delete()
        }
    }
}
