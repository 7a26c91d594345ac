import Fluent
import Foundation

/// A PD assigned to a team for a period.
final class Assignment: Model, @unchecked Sendable {
    static let schema = "assignments"
    @ID(key: .id) var id: UUID?
    @Parent(key: "period_id") var period: Period
    @Parent(key: "team_id") var team: Team
    @Parent(key: "unit_id") var unit: Unit

    init() {}
    init(id: UUID? = nil, periodID: UUID, teamID: UUID, unitID: UUID) {
        self.id = id
        self.$period.id = periodID
        self.$team.id = teamID
        self.$unit.id = unitID
    }
}
