import Fluent

/// The Bupati's letter on a PD's signed LHE (seed 002, issue 15): prepared by the Inspektorat with
/// its number, date and signer (the head, or someone acting: Pt., Plh., Plt.), signed by the
/// pimpinan in Telaah, then kept as made. One per assessment. Additive.
struct M0031FollowUpLetters: AsyncMigration {
    var name: String { "M0031FollowUpLetters" }

    func prepare(on db: any Database) async throws {
        try await db.schema("follow_up_letters")
            .field("assessment_id", .uuid, .identifier(auto: false), .references(Assessment.schema, "id"))
            .field("number", .string, .required)
            .field("date", .string, .required)
            .field("signer_kind", .string, .required)
            .field("signer_name", .string, .required)
            .field("signer_position", .string)
            .field("prepared_by", .uuid, .references(User.schema, "id"))
            .field("prepared_at", .string, .required)
            .field("signed_by", .uuid, .references(User.schema, "id"))
            .field("signed_at", .string)
            .field("docx", .data)
            .field("docx_sha256", .string)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("follow_up_letters").delete()
    }
}
