import Fluent

/// What the documents of a period say beyond the figures (issue 27): the regency's own legal
/// bases of the evaluation (Bab I.A of the Laporan Kompilasi: the Perda RPJMD, the decree on the
/// PKPT, the Inspektur's pedoman; one per line), each PD's place as its letters address it ("di -
/// Kecamatan Kutasari"), and the period's general recommendations beyond the four components
/// (seed 000 E and F; one per line). Additive.
struct M0038LetterSettings: AsyncMigration {
    var name: String { "M0038LetterSettings" }

    func prepare(on db: any Database) async throws {
        try await db.schema(Government.schema).field("legal_bases", .string).update()
        try await db.schema(Unit.schema).field("place", .string).update()
        try await db.schema(Period.schema).field("general_recommendations", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(Period.schema).deleteField("general_recommendations").update()
        try await db.schema(Unit.schema).deleteField("place").update()
        try await db.schema(Government.schema).deleteField("legal_bases").update()
    }
}
