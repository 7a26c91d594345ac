import Fluent
import Foundation

/// One sub-component's grade (and note, justification, evidence list) by one actor.
package final class SubcomponentGrade: Model, @unchecked Sendable {
    package static let schema = "subcomponent_grades"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "assessment_id") package var assessment: Assessment
    @Enum(key: "actor") package var actor: Actor
    /// `1.a`
    @Field(key: "subcomponent_id") package var subcomponentID: String
    /// The evaluator's grade; nil means "the suggestion".
    @OptionalField(key: "grade") package var grade: String?
    @OptionalField(key: "justification") package var justification: String?
    @OptionalField(key: "note") package var note: String?
    @OptionalField(key: "evidence") package var evidence: String?
    /// The recommendation for this sub-component (the LHE's "rekomendasi").
    @OptionalField(key: "recommendation") package var recommendation: String?
    /// The stage at which the grade was last set (`Cycle.Stage`): a review tier's is its decision.
    @OptionalField(key: "set_at_stage") package var setAtStage: String?
    @OptionalParent(key: "updated_by") package var updatedBy: User?
    @Field(key: "version") package var version: Int
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?

    package init() {}
}
