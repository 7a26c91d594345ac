import Fluent

/// The title of each PD's head as the letters address them ("Camat Betung", "Sekretaris
/// Daerah"); nil: the default by the kind of PD (`UnitHead.defaultTitle`). Additive.
struct M0034UnitHeadTitle: AsyncMigration {
    var name: String { "M0034UnitHeadTitle" }

    func prepare(on db: any Database) async throws {
        try await db.schema(Unit.schema).field("head_title", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(Unit.schema).deleteField("head_title").update()
    }
}
