import Fluent
import Foundation
import TelaahCore

/// A user's role in a team (surat tugas).
package final class TeamMember: Model, @unchecked Sendable {
    package static let schema = "team_members"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "team_id") package var team: Team
    @Parent(key: "user_id") package var user: User
    @Enum(key: "role") package var role: Role

    package typealias Role = AccessRules.TeamRole

    package init() {}
    package init(id: UUID? = nil, teamID: UUID, userID: UUID, role: Role) {
        self.id = id
        self.$team.id = teamID
        self.$user.id = userID
        self.role = role
    }
}
