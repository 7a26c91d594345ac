import Vapor

extension PreEvaluationPage {
    static func query(_ req: Request) async throws -> Model {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readSelfAssessment)
        let periodID = try access.period.requireID()
        let unitID = try access.unit.requireID()
        return Model(
            frame: Frame(req, title: "Pra-evaluasi \(access.unit.name)", period: access.period.name),
            unit: access.unit.name, back: Site.lke.path(periodID, unitID),
            api: Site.API.preEvaluation.path(periodID, unitID),
            profile: try await PreEvaluationController.state(req, access))
    }
}
