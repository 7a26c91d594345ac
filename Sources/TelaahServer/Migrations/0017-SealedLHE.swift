import Fluent
import SQLKit

/// Signed LHE: the DOCX made once at signing and kept with its SHA-256 (the PDF beside it once
/// LibreOffice has made it), numbered from the government's register of the year, dated, with the
/// audit chain's head at signing. A reopened PD signs a new revision; the old one stays. Additive.
struct M0017SealedLHE: AsyncMigration {
    var name: String { "M0017SealedLHE" }

    func prepare(on db: any Database) async throws {
        try await db.schema("lhe_documents")
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("government_id", .uuid, .required, .references(Government.schema, "id"))
            .field("year", .int, .required)
            .field("sequence", .int, .required)
            .field("number", .string, .required)
            .field("revision", .int, .required)
            .field("date", .string, .required)
            .field("signed_at", .string, .required)
            .field("signed_by", .uuid, .references(User.schema, "id"))
            .field("signed_by_name", .string, .required)
            .field("audit_seq", .int64, .required)
            .field("audit_hash", .string, .required)
            .field("docx", .data, .required)
            .field("docx_sha256", .string, .required)
            .field("pdf", .data)
            .field("pdf_sha256", .string)
            .unique(on: "government_id", "year", "sequence")
            .unique(on: "assessment_id", "revision")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("lhe_documents").delete()
    }
}
