import Foundation
import TelaahCore
import TelaahDocuments
import Vapor

/// The follow-up of a period's signed LHE, for the PD the account may read it of
/// (`readSignedLHE`): one row per standing recommendation and a line per PD. The period's list
/// page and its XLSX read the same.
struct PeriodFollowUp: Sendable {
    struct Unit: Sendable {
        var unitID: UUID
        var name: String
        var register: StoredFollowUp
        var overdue: Int
    }

    struct Item: Sendable {
        var unitID: UUID
        var unit: String
        var recommendation: StoredRecommendation
        var status: FollowUp.Status
        var actions: [StoredAction]
        var reports: [StoredReport]
        var overdue: Bool
    }

    var period: Period
    var units: [Unit]
    var items: [Item]

    static func load(period: Period, req: Request) async throws -> PeriodFollowUp {
        let user = try req.signedIn()
        let overview = try await PeriodOverview.load(period: period, user: user, req: req)
        let registers = try await req.store.followUps(periodID: try period.requireID())
        let today = DocumentDate.today()
        var units: [Unit] = []
        var items: [Item] = []
        for row in overview.rows where row.permissions.contains(.readSignedLHE) {
            guard let id = row.assessmentID, let register = registers[id], !register.current.isEmpty else { continue }
            var late = 0
            for r in register.current {
                let status = register.status(r)
                let actions = register.actions.filter { $0.recommendationID == r.id }
                let ids = Set(actions.map(\.id))
                let overdue = actions.contains {
                    DocumentDate(iso: $0.due).map { FollowUp.overdue(due: $0, today: today, status: status) } ?? false
                }
                if overdue { late += 1 }
                items.append(
                    Item(
                        unitID: row.unitID, unit: row.name, recommendation: r, status: status, actions: actions,
                        reports: register.reports.filter { ids.contains($0.actionID) }, overdue: overdue))
            }
            units.append(Unit(unitID: row.unitID, name: row.name, register: register, overdue: late))
        }
        return PeriodFollowUp(period: period, units: units, items: items)
    }

    /// The rows as the matrix prints them.
    func matrixRows(_ items: [Item]) -> [FollowUpMatrixRow] {
        items.map { i in
            FollowUpMatrixRow(
                unit: i.unit, code: i.recommendation.code, subcomponent: i.recommendation.subcomponent,
                recommendation: i.recommendation.text,
                actions: i.actions.map {
                    "\($0.action) (\($0.personName), \($0.personPosition); \(DocumentDate(iso: $0.due)?.indonesian ?? $0.due))"
                },
                realisations: i.reports.map { "\($0.text) (\(WIBTime.text(utc: $0.at)))" }, status: i.status.title,
                reason: i.recommendation.verdictReason ?? "", overdue: i.overdue)
        }
    }

    func workbook(government: String) -> Workbook {
        FollowUpMatrixRenderer.workbook(
            rows: matrixRows(items),
            units: units.map {
                FollowUpMatrixUnit(
                    unit: $0.name, plan: $0.register.state.title, tally: $0.register.tally, overdue: $0.overdue)
            }, government: government, year: period.evaluationYear)
    }
}
