import Fluent

/// Bukti dukung (issue 14): the evidence of a PD's answers and the team's grades, a file or a link
/// per criterion or sub-component, versioned by name; and the files themselves where the database
/// keeps them (`DatabaseEvidenceFiles`): each stored once per SHA-256, in chunks. Additive.
struct M0026Evidence: AsyncMigration {
    var name: String { "M0026Evidence" }

    func prepare(on db: any Database) async throws {
        try await db.schema("evidence")
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("actor", .string, .required)
            .field("target", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("version", .int, .required)
            .field("url", .string)
            .field("sha256", .string)
            .field("size", .int64)
            .field("content_type", .string)
            .field("added_by", .uuid, .references(User.schema, "id"))
            .field("added_at", .string, .required)
            .field("superseded_by", .uuid)
            .field("removed_by", .uuid, .references(User.schema, "id"))
            .field("removed_at", .string)
            .unique(on: "assessment_id", "actor", "target", "name", "version")
            .create()
        try await db.schema("evidence_blobs")
            .field("sha256", .string, .identifier(auto: false))
            .field("upload_id", .uuid, .required)
            .field("size", .int64, .required)
            .field("stored_at", .string, .required)
            .create()
        try await db.schema("evidence_chunks")
            .field("upload_id", .uuid, .required)
            .field("n", .int, .required)
            .field("data", .data, .required)
            .unique(on: "upload_id", "n")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("evidence_chunks").delete()
        try await db.schema("evidence_blobs").delete()
        try await db.schema("evidence").delete()
    }
}
