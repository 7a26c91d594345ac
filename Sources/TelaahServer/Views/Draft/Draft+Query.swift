import Vapor

extension DraftPage {
    static func query(_ req: Request) async throws -> Model {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readEvaluation)
        let periodID = try access.period.requireID()
        let unitID = try access.unit.requireID()
        return Model(
            frame: Frame(req, title: "Rancangan LHE \(access.unit.name)", period: access.period.name),
            unit: access.unit.name, back: Site.lke.path(periodID, unitID), periodID: periodID.uuidString,
            unitID: unitID.uuidString, draft: try await DraftController.state(req, access))
    }
}
