import Fluent
import TelaahCore
import Vapor

extension AdminTeamsPage {
    static func query(_ req: Request) async throws -> Model {
        let user = try req.requireAdmin()
        let period = try await req.period(req.parameters.get("period"), for: user)
        let periodID = try period.requireID()
        let teams = try await Team.query(on: req.db).filter(\.$period.$id == periodID).sort(\.$name).all()
        let members = try await TeamMember.query(on: req.db).filter(\.$team.$id ~~ teams.compactMap(\.id)).all()
        let assignments = try await Assignment.query(on: req.db).filter(\.$period.$id == periodID).all()
        let people = try await User.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$displayName).all()
        let names = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0.displayName) })
        let clusters = try await UnitAdminController.clusterNames(user, req)
        let units = try await Unit.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .filter(\.$active == true).sort(\.$position).all()
        let teamOf = Dictionary(assignments.map { ($0.$unit.id, $0.$team.id) }, uniquingKeysWith: { a, _ in a })
        let order = Dictionary(uniqueKeysWithValues: AccessRules.TeamRole.allCases.enumerated().map { ($1, $0) })
        return Model(
            frame: Frame(req, title: "Tim \(period.name)", period: period.name), period: period.name,
            periodID: periodID.uuidString,
            teams: teams.map { team in
                TeamRow(
                    id: team.id!.uuidString, name: team.name, letterNumber: team.letterNumber ?? "",
                    letterDate: team.letterDate ?? "", version: team.version,
                    members: members.filter { $0.$team.id == team.id }
                        .sorted {
                            (order[$0.role] ?? 0, names[$0.$user.id] ?? "") < (
                                order[$1.role] ?? 0, names[$1.$user.id] ?? ""
                            )
                        }
                        .map {
                            Member(
                                name: names[$0.$user.id] ?? "—", role: $0.role.title,
                                removeLink: Site.API.Admin.member.path(team.id!, $0.$user.id))
                        },
                    units: assignments.filter { $0.$team.id == team.id }.count)
            },
            staffChoices: people.filter { [.auditor, .inspektur].contains($0.role) && $0.active }.map {
                Choice(value: $0.id!.uuidString, label: $0.displayName)
            },
            teamRoleChoices: AccessRules.TeamRole.allCases.map {
                Choice(value: $0.rawValue, label: $0.title, selected: $0 == .anggotaTim)
            },
            assignments: units.map { unit in
                let current = teamOf[unit.id!]
                return AssignmentRow(
                    unit: unit.name, cluster: unit.$cluster.id.flatMap { clusters[$0] } ?? "—",
                    link: Site.API.Admin.assignment.path(periodID, unit.id!),
                    choices: [Choice(value: "", label: "— belum ditugaskan", selected: current == nil)]
                        + teams.map { Choice(value: $0.id!.uuidString, label: $0.name, selected: $0.id == current) })
            },
            unassigned: units.filter { teamOf[$0.id!] == nil }.count)
    }
}
