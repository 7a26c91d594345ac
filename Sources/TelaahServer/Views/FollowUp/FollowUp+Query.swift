import Vapor

extension FollowUpPage {
    static func query(_ req: Request) async throws -> Model {
        let (access, id) = try await FollowUpController.access(req, .readSignedLHE)
        let periodID = try access.period.requireID()
        let unitID = try access.unit.requireID()
        return Model(
            frame: Frame(req, title: "Tindak lanjut \(access.unit.name)", period: access.period.name),
            unit: access.unit.name, back: Site.lke.path(periodID, unitID), periodID: periodID.uuidString,
            unitID: unitID.uuidString, state: try await FollowUpController.body(req, access, id),
            actionsURL: Site.API.followUpActions.path(periodID, unitID),
            planURL: Site.API.followUpPlan.path(periodID, unitID),
            headURL: Site.API.followUpHead.path(periodID, unitID),
            letterURL: Site.API.followUpLetter.path(periodID, unitID),
            letterSignURL: Site.API.followUpLetterSign.path(periodID, unitID),
            actionPlanDocument: Site.API.unitDocument("rencana-aksi.docx").path(periodID, unitID),
            actionURL: { Site.API.followUpAction.path(periodID, unitID, $0) },
            reportsURL: { Site.API.followUpReports.path(periodID, unitID, $0) },
            verdictURL: { Site.API.followUpVerdict.path(periodID, unitID, $0) })
    }
}
