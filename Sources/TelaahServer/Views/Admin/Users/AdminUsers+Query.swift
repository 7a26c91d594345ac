import Fluent
import TelaahCore
import Vapor

extension AdminUsersPage {
    static func query(_ req: Request) async throws -> Model {
        let user = try req.requireAdmin()
        let units = try await Unit.query(on: req.db).filter(\.$government.$id == user.governmentID).sort(\.$position)
            .all()
        let people = try await User.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$username).all()
        let unitChoices = { (selected: UUID?) in
            [Choice(value: "", label: "— (bukan operator)", selected: selected == nil)]
                + units.map { Choice(value: $0.id!.uuidString, label: $0.name, selected: $0.id == selected) }
        }
        let roleChoices = { (selected: AccessRules.AccountRole?) in
            AccessRules.AccountRole.allCases.map {
                Choice(value: $0.rawValue, label: Frame.roleTitle($0), selected: $0 == selected)
            }
        }
        return Model(
            frame: Frame(req, title: "Pengguna"),
            users: people.map {
                Row(
                    id: $0.id!.uuidString, username: $0.username, name: $0.displayName, role: Frame.roleTitle($0.role),
                    roleChoices: roleChoices($0.role), unitChoices: unitChoices($0.$unit.id), nip: $0.nip ?? "",
                    email: $0.email ?? "",
                    rank: $0.rank ?? "", active: $0.active, version: $0.version)
            }, roleChoices: roleChoices(.auditor), unitChoices: unitChoices(nil))
    }
}
