import Fluent

/// The stage at which a sub-component's grade was last set: the team's at the evaluation, or a
/// review tier's decision (technical review, panel, quality review), shown on the panel's view.
/// Null for grades set before. Additive.
struct M0019GradeStage: AsyncMigration {
    var name: String { "M0019GradeStage" }

    func prepare(on db: any Database) async throws {
        try await db.schema(SubcomponentGrade.schema).field("set_at_stage", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(SubcomponentGrade.schema).deleteField("set_at_stage").update()
    }
}
