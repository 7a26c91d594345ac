import Fluent

struct M0003Teams: AsyncMigration {
    var name: String { "M0003Teams" }

    func prepare(on db: any Database) async throws {
        try await db.schema(Team.schema)
            .id()
            .field("period_id", .uuid, .required, .references(Period.schema, .id))
            .field("name", .string, .required)
            .field("version", .int, .required)
            .unique(on: "period_id", "name")
            .create()
        try await db.schema(TeamMember.schema)
            .id()
            .field("team_id", .uuid, .required, .references(Team.schema, .id))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("role", .string, .required)
            .unique(on: "team_id", "user_id")
            .create()
        try await db.schema(Assignment.schema)
            .id()
            .field("period_id", .uuid, .required, .references(Period.schema, .id))
            .field("team_id", .uuid, .required, .references(Team.schema, .id))
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .unique(on: "period_id", "unit_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for schema in [Assignment.schema, TeamMember.schema, Team.schema] { try await db.schema(schema).delete() }
    }
}
