import Fluent
import SQLKit

/// A counter of each government's follow-up, raised by every write of a register, a plan, an
/// action, a realisasi or a verdict in the write's transaction: the home pages' past-due lists are
/// kept per state of it (`OverdueLists`). Additive.
struct M0033FollowUpVersion: AsyncMigration {
    var name: String { "M0033FollowUpVersion" }

    func prepare(on db: any Database) async throws {
        try await db.schema(Government.schema)
            .field("follow_up_version", .int, .required, .sql(.default(0)))
            .update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(Government.schema).deleteField("follow_up_version").update()
    }
}
