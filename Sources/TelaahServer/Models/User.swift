import Fluent
import Foundation
import TelaahCore

/// A person who signs in. `role` is the account's standing; what an auditor may see on which
/// PD follows from team membership (`TeamMember.role`) and assignment.
package final class User: Model, @unchecked Sendable {
    package static let schema = "users"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "government_id") package var government: Government
    @Field(key: "username") package var username: String
    @Field(key: "display_name") package var displayName: String
    @Field(key: "password_hash") package var passwordHash: String
    @Enum(key: "role") package var role: Role
    /// For operators: the one PD they serve.
    @OptionalParent(key: "unit_id") package var unit: Unit?
    @OptionalField(key: "nip") package var nip: String?
    @OptionalField(key: "rank") package var rank: String?
    /// Where reminders go (M0037); none: no e-mail.
    @OptionalField(key: "email") package var email: String?
    @Field(key: "active") package var active: Bool
    @Field(key: "version") package var version: Int
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?

    package init() {}
    package init(
        id: UUID? = nil, governmentID: UUID, username: String, displayName: String, passwordHash: String, role: Role,
        unitID: UUID? = nil
    ) {
        self.id = id
        self.$government.id = governmentID
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role
        self.$unit.id = unitID
        self.active = true
        self.version = 1
    }

    package typealias Role = AccessRules.AccountRole
}
