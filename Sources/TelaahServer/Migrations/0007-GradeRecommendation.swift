import Fluent

/// The evaluator's recommendation per sub-component, which the LHE lists under
/// "rekomendasi" (the note is the finding, "hal-hal yang perlu diperhatikan"). Additive.
struct M0007GradeRecommendation: AsyncMigration {
    var name: String { "M0007GradeRecommendation" }

    func prepare(on db: any Database) async throws {
        try await db.schema("subcomponent_grades").field("recommendation", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("subcomponent_grades").deleteField("recommendation").update()
    }
}
