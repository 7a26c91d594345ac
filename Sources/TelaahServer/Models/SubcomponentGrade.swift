import Fluent
import Foundation

/// One sub-component's grade (and note, justification, evidence list) by one actor.
final class SubcomponentGrade: Model, @unchecked Sendable {
    static let schema = "subcomponent_grades"
    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: Assessment
    @Enum(key: "actor") var actor: Actor
    /// `1.a`
    @Field(key: "subcomponent_id") var subcomponentID: String
    /// The evaluator's grade; nil means "the suggestion".
    @OptionalField(key: "grade") var grade: String?
    @OptionalField(key: "justification") var justification: String?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "evidence") var evidence: String?
    /// The recommendation for this sub-component (the LHE's "rekomendasi").
    @OptionalField(key: "recommendation") var recommendation: String?
    @OptionalParent(key: "updated_by") var updatedBy: User?
    @Field(key: "version") var version: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
