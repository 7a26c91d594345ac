import Foundation
import TelaahCore
import Vapor

extension FollowUpListPage {
    static func query(_ req: Request) async throws -> Model {
        let user = try req.signedIn()
        let period = try await req.period(req.parameters.get("period", as: UUID.self), for: user)
        let periodID = try period.requireID()
        let f = try await PeriodFollowUp.load(period: period, req: req)
        let framework = try await req.scorer(for: period).framework
        let status = req.query[String.self, at: "status"].flatMap(FollowUp.Status.init(rawValue:))
        let unit = req.query[String.self, at: "pd"].flatMap(UUID.init(uuidString:))
        let overdueOnly = req.query[String.self, at: "lewat"] == "1"
        let shown = f.items.filter {
            (status == nil || $0.status == status) && (unit == nil || $0.unitID == unit) && (!overdueOnly || $0.overdue)
        }
        return Model(
            frame: Frame(req, title: "Tindak lanjut \(period.name)", period: period.name), period: period.name,
            back: Site.period.path(periodID),
            units: f.units.map {
                UnitLine(
                    link: Site.followUp.path(periodID, $0.unitID), name: $0.name, plan: $0.register.state.title,
                    summary: FollowUpController.summary($0.register.tally), overdue: $0.overdue)
            },
            lines: shown.map { i in
                let dues = i.actions.compactMap { DocumentDate(iso: $0.due) }.sorted()
                return Line(
                    link: Site.followUp.path(periodID, i.unitID), unit: i.unit,
                    subcomponent: framework.subcomponentName(i.recommendation.subcomponent),
                    text: FollowUp.shortened(i.recommendation.text), full: i.recommendation.text,
                    actions: i.actions.isEmpty
                        ? "belum ada" : "\(i.actions.count) aksi, batas \(dues.first?.indonesian ?? "—")",
                    status: i.status.title, closed: i.status.closed, overdue: i.overdue)
            }, total: f.items.count,
            statusChoices: [Choice(value: "", label: "Semua status", selected: status == nil)]
                + FollowUp.Status.allCases.map { s in
                    Choice(
                        value: s.rawValue, label: "\(s.title) (\(f.items.filter { $0.status == s }.count))",
                        selected: s == status)
                },
            unitChoices: [Choice(value: "", label: "Semua PD", selected: unit == nil)]
                + f.units.map { Choice(value: $0.unitID.uuidString, label: $0.name, selected: $0.unitID == unit) },
            overdueOnly: overdueOnly, matrix: Site.API.periodDocument("tindak-lanjut.xlsx").path(periodID))
    }
}
