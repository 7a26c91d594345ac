import Fluent
import SQLKit

/// The evaluation cycle's stages (`Cycle.Stage`): the one review stage becomes the first review
/// tier; an assessment counts its LHE's revisions (a reopen starts the next); a period may skip a
/// review tier where the seed allows it. Additive.
struct M0015CycleStages: AsyncMigration {
    var name: String { "M0015CycleStages" }

    static let periodFields = ["skip_technical_review", "skip_panel", "skip_quality_review"]

    // One column a statement: SQLite adds one column per ALTER TABLE.
    func prepare(on db: any Database) async throws {
        try await (db as! any SQLDatabase).update(Assessment.schema).set("stage", to: SQLBind("technical_review"))
            .where("stage", .equal, SQLBind("review")).run()
        try await db.schema(Assessment.schema).field("revision", .int, .required, .sql(.default(1))).update()
        for field in Self.periodFields {
            try await db.schema(Period.schema).field(.string(field), .bool, .required, .sql(.default(false))).update()
        }
    }

    func revert(on db: any Database) async throws {
        for field in Self.periodFields { try await db.schema(Period.schema).deleteField(.string(field)).update() }
        try await db.schema(Assessment.schema).deleteField("revision").update()
        try await (db as! any SQLDatabase).update(Assessment.schema).set("stage", to: SQLBind("review"))
            .where("stage", .equal, SQLBind("technical_review")).run()
    }
}
