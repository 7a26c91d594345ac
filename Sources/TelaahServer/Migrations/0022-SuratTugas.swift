import Fluent

/// A team's surat tugas: its number and date (the members with their roles and the PD assigned
/// are already the team's). A PD's self-assessment opens only once its team has one. Additive.
struct M0022SuratTugas: AsyncMigration {
    var name: String { "M0022SuratTugas" }

    // One column a statement: SQLite adds one column per ALTER TABLE.
    func prepare(on db: any Database) async throws {
        try await db.schema(Team.schema).field("letter_number", .string).update()
        try await db.schema(Team.schema).field("letter_date", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(Team.schema).deleteField("letter_date").update()
        try await db.schema(Team.schema).deleteField("letter_number").update()
    }
}
