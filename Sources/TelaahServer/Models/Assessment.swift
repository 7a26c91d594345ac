import Fluent
import Foundation
import TelaahCore

/// One PD's evaluation in one period.
final class Assessment: Model, @unchecked Sendable {
    static let schema = "assessments"
    @ID(key: .id) var id: UUID?
    @Parent(key: "government_id") var government: Government
    @Parent(key: "period_id") var period: Period
    @Parent(key: "unit_id") var unit: Unit
    /// Where the evaluation stands (the review tiers come later).
    @Enum(key: "stage") var stage: Stage
    /// The evaluators' grades are shown to the PD only once released.
    @Field(key: "released") var released: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    typealias Stage = AccessRules.Stage

    init() {}
    init(id: UUID? = nil, governmentID: UUID, periodID: UUID, unitID: UUID) {
        self.id = id
        self.$government.id = governmentID
        self.$period.id = periodID
        self.$unit.id = unitID
        self.stage = .selfAssessment
        self.released = false
        self.version = 1
    }
}
