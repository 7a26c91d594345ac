import Fluent
import Foundation
import TelaahCore

/// One PD's evaluation in one period.
package final class Assessment: Model, @unchecked Sendable {
    package static let schema = "assessments"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "government_id") package var government: Government
    @Parent(key: "period_id") package var period: Period
    @Parent(key: "unit_id") package var unit: Unit
    /// Where the evaluation stands (the review tiers come later).
    @Enum(key: "stage") package var stage: Stage
    /// The evaluators' grades are shown to the PD only once released.
    @Field(key: "released") package var released: Bool
    @Field(key: "version") package var version: Int
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?

    package typealias Stage = AccessRules.Stage

    package init() {}
    package init(id: UUID? = nil, governmentID: UUID, periodID: UUID, unitID: UUID) {
        self.id = id
        self.$government.id = governmentID
        self.$period.id = periodID
        self.$unit.id = unitID
        self.stage = .selfAssessment
        self.released = false
        self.version = 1
    }
}
