import Fluent
import Foundation

/// One criterion's answer by one actor.
package final class Answer: Model, @unchecked Sendable {
    package static let schema = "answers"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "assessment_id") package var assessment: Assessment
    @Enum(key: "actor") package var actor: Actor
    /// `1.a.3`
    @Field(key: "criterion_id") package var criterionID: String
    /// The answer code; nil when not applicable.
    @OptionalField(key: "code") package var code: String?
    @OptionalField(key: "not_applicable_reason") package var notApplicableReason: String?
    @OptionalField(key: "note") package var note: String?
    @OptionalParent(key: "updated_by") package var updatedBy: User?
    @Field(key: "version") package var version: Int
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?

    package init() {}
}
