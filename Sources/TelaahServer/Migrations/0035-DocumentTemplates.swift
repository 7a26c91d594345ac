import Fluent

/// An Inspektorat's own wording of a kind of document (issue 16: every sentence that states a
/// fact follows from the data or is the regency's own text), as YAML in the shape of the built-in
/// template it replaces; none: the built-in. One per government and kind. Additive.
struct M0035DocumentTemplates: AsyncMigration {
    var name: String { "M0035DocumentTemplates" }

    func prepare(on db: any Database) async throws {
        try await db.schema("document_templates")
            .id()
            .field("government_id", .uuid, .required, .references(Government.schema, "id"))
            .field("name", .string, .required)
            .field("yaml", .string, .required)
            .field("version", .int, .required)
            .unique(on: "government_id", "name")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("document_templates").delete()
    }
}
