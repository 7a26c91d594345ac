import Fluent
import Foundation

/// A PD assigned to a team for a period.
package final class Assignment: Model, @unchecked Sendable {
    package static let schema = "assignments"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "period_id") package var period: Period
    @Parent(key: "team_id") package var team: Team
    @Parent(key: "unit_id") package var unit: Unit

    package init() {}
    package init(id: UUID? = nil, periodID: UUID, teamID: UUID, unitID: UUID) {
        self.id = id
        self.$period.id = periodID
        self.$team.id = teamID
        self.$unit.id = unitID
    }
}
