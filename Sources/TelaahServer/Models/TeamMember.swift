import Fluent
import Foundation
import TelaahCore

/// A user's role in a team (surat tugas).
final class TeamMember: Model, @unchecked Sendable {
    static let schema = "team_members"
    @ID(key: .id) var id: UUID?
    @Parent(key: "team_id") var team: Team
    @Parent(key: "user_id") var user: User
    @Enum(key: "role") var role: Role

    typealias Role = AccessRules.TeamRole

    init() {}
    init(id: UUID? = nil, teamID: UUID, userID: UUID, role: Role) {
        self.id = id
        self.$team.id = teamID
        self.$user.id = userID
        self.role = role
    }
}
