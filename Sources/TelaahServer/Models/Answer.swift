import Fluent
import Foundation

/// One criterion's answer by one actor.
final class Answer: Model, @unchecked Sendable {
    static let schema = "answers"
    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: Assessment
    @Enum(key: "actor") var actor: Actor
    /// `1.a.3`
    @Field(key: "criterion_id") var criterionID: String
    /// The answer code; nil when not applicable.
    @OptionalField(key: "code") var code: String?
    @OptionalField(key: "not_applicable_reason") var notApplicableReason: String?
    @OptionalField(key: "note") var note: String?
    @OptionalParent(key: "updated_by") var updatedBy: User?
    @Field(key: "version") var version: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
