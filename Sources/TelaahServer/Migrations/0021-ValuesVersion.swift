import Fluent
import SQLKit

/// A counter on each assessment raised by every write of its values (answers, grades), in the
/// write's transaction: the lists (period page, panel) name a PD's state by it instead of
/// aggregating every value row of the period on each view. Additive.
struct M0021ValuesVersion: AsyncMigration {
    var name: String { "M0021ValuesVersion" }

    func prepare(on db: any Database) async throws {
        try await db.schema(Assessment.schema).field("values_version", .int, .required, .sql(.default(0))).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(Assessment.schema).deleteField("values_version").update()
    }
}
