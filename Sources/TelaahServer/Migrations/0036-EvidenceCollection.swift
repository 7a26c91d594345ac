import Fluent

/// Reclaiming evidence bytes no record names (issues 23 and 29): the hashes the collector found
/// unreferenced and since when (reclaimed only once that is older than the backup window), and the
/// time each chunk of a database upload was written (a cut-off upload's chunks are swept once
/// untouched for longer than any upload takes). Additive.
struct M0036EvidenceCollection: AsyncMigration {
    var name: String { "M0036EvidenceCollection" }

    func prepare(on db: any Database) async throws {
        try await db.schema("evidence_orphans")
            .field("sha256", .string, .identifier(auto: false))
            .field("seen_at", .string, .required)
            .create()
        try await db.schema("evidence_chunks").field("written_at", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("evidence_chunks").deleteField("written_at").update()
        try await db.schema("evidence_orphans").delete()
    }
}
