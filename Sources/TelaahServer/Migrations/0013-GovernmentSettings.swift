import Fluent

/// The regency's own settings for its letters: the regulation its evaluation rests on (its own
/// Peraturan Bupati/Wali Kota, not the framework's), the title of its head (Bupati or Wali Kota),
/// and the tembusan of each document, one addressee per line. Additive.
struct M0013GovernmentSettings: AsyncMigration {
    var name: String { "M0013GovernmentSettings" }

    static let fields = ["legal_basis", "head_title", "tembusan_lhe", "tembusan_kompilasi", "tembusan_tindak_lanjut"]

    // One column a statement: SQLite adds one column per ALTER TABLE.
    func prepare(on db: any Database) async throws {
        for field in Self.fields { try await db.schema(Government.schema).field(.string(field), .string).update() }
    }

    func revert(on db: any Database) async throws {
        for field in Self.fields { try await db.schema(Government.schema).deleteField(.string(field)).update() }
    }
}
