import Fluent
import Foundation
import TelaahCore

/// A person who signs in. `role` is the account's standing; what an auditor may see on which
/// PD follows from team membership (`TeamMember.role`) and assignment.
final class User: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(key: .id) var id: UUID?
    @Parent(key: "government_id") var government: Government
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Enum(key: "role") var role: Role
    /// For operators: the one PD they serve.
    @OptionalParent(key: "unit_id") var unit: Unit?
    @OptionalField(key: "nip") var nip: String?
    @OptionalField(key: "rank") var rank: String?
    @Field(key: "active") var active: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(
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

    typealias Role = AccessRules.AccountRole
}
