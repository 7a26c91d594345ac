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
    /// Where the evaluation stands in its cycle (`Cycle.Stage`).
    @Enum(key: "stage") package var stage: Stage
    /// The evaluators' result has been shown to the PD (set on the move into confirmation, and
    /// kept when a signed LHE is reopened).
    @Field(key: "released") package var released: Bool
    /// The LHE's revision: 1, and one more for each reopening (M0015).
    @Field(key: "revision") package var revision: Int
    @Field(key: "version") package var version: Int
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?

    package typealias Stage = AccessRules.Stage

    package init() {}
    package init(id: UUID? = nil, governmentID: UUID, periodID: UUID, unitID: UUID) {
        self.id = id
        self.$government.id = governmentID
        self.$period.id = periodID
        self.$unit.id = unitID
        self.stage = .preparation
        self.released = false
        self.revision = 1
        self.version = 1
    }
}
