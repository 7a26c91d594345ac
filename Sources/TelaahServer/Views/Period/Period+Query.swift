import Fluent
import TelaahCore
import TelaahDocuments
import Vapor

extension PeriodPage {
    static func query(_ req: Request) async throws -> Model {
        let user = try req.signedIn()
        let period = try await req.period(req.parameters.get("period"), for: user)
        let o = try await PeriodOverview.load(period: period, user: user, req: req)
        let periodID = try period.requireID()
        // The home page comes back here (a session write only when the period changes).
        if req.session.data[sessionKey] != periodID.uuidString { req.session.data[sessionKey] = periodID.uuidString }
        // One column, not the model: the government's row carries the logo.
        let settings = try await req.store.hotRows(
            "SELECT legal_basis, follow_up_version FROM governments WHERE id = \(bind: user.governmentID)"
        ).first
        let legalBasis = try settings?.string("legal_basis")
        let followUpVersion = try settings?.int("follow_up_version") ?? 0
        let cycle = try await req.store.periodCycle(periodID: periodID)
        let teams = try await req.store.assignedTeams(periodID: periodID)
        let today = DocumentDate.today().isoText
        func due(_ stage: Cycle.Stage) -> Due? {
            cycle.due(at: stage).map { date in
                Due(text: DocumentDate(iso: date)?.indonesian ?? date, overdue: date < today)
            }
        }
        let filter = req.query[String.self, at: "tahap"].flatMap(Cycle.Stage.init(rawValue:))
        let rows = o.rows.filter { filter == nil || $0.stage == filter }.map { row in
            let p = row.permissions
            let lhe = Site.API.unitDocument("lhe.docx").path(periodID, row.unitID)
            let signed =
                p.contains(.readUnit) || !p.contains(.readSignedLHE)
                ? nil : row.stage == .final ? lhe : row.revision > 1 ? lhe + "?revisi=\(row.revision - 1)" : nil
            return Row(
                link: p.contains(.readUnit) ? Site.lke.path(periodID, row.unitID) : nil, signedLHE: signed,
                name: row.name, cluster: row.cluster ?? "—", stage: row.stage.title, stageID: row.stage.rawValue,
                team: teams[row.unitID] ?? "belum ditugaskan", owner: Cycle.owner(of: row.stage), due: due(row.stage),
                progress: "\(row.answered)/\(row.criteria) kriteria, \(row.graded)/\(row.subcomponents) sub-komponen",
                percent: row.subcomponents == 0 ? 0 : row.graded * 100 / row.subcomponents,
                total: row.result?.total?.indonesian() ?? "—", predikat: row.result?.predikat?.code ?? "—")
        }
        // Waiting for the account: PD where a move of the cycle is its own now (a closed period waits for no one).
        var waiting: [(since: String, item: Waiting)] = []
        var reminders: [Reminders.Item] = []
        let day = DocumentDate.today()
        if period.status == .open {
            let since = try await req.store.stageSince(periodID: periodID)
            for row in o.rows where row.permissions.contains(.readUnit) {
                let actor = Cycle.Actor(role: user.role, teamRoles: row.teamRoles, ownUnit: user.unitID == row.unitID)
                guard Cycle.isTurn(of: actor, at: row.stage, settings: cycle.settings) else { continue }
                let at = row.assessmentID.flatMap { since[$0] } ?? ""
                if let id = row.assessmentID, let due = cycle.due(at: row.stage).flatMap(DocumentDate.init(iso:)),
                    let item = Reminders.stage(
                        row.stage, unit: row.name, assessment: id.uuidString, due: due, today: day)
                {
                    reminders.append(item)
                }
                waiting.append(
                    (
                        at,
                        Waiting(
                            link: Site.lke.path(periodID, row.unitID), name: row.name, stage: row.stage.title,
                            since: at.isEmpty ? "—" : WIBTime.text(utc: at), due: due(row.stage))
                    ))
            }
        }
        var atStage: [Cycle.Stage: Int] = [:]
        for row in o.rows { atStage[row.stage, default: 0] += 1 }
        let stageChoices =
            [Choice(value: "", label: "Semua tahap (\(o.rows.count))", selected: filter == nil)]
            + Cycle.Stage.allCases.filter { atStage[$0] != nil }.map {
                Choice(value: $0.rawValue, label: "\($0.title) (\(atStage[$0]!))", selected: $0 == filter)
            }
        let overdue = try await overdue(req, user, o, version: followUpVersion)
        var summary: [SummaryRow] = []
        var counts: [String] = []
        if let c = o.summary {
            for group in [c.overall] + c.clusters {
                summary.append(
                    SummaryRow(
                        name: group.name, units: "\(group.units) PD", means: group.means.map { $0.indonesian() },
                        predikat: group.predikat.last.flatMap { $0 } ?? "—"))
            }
            if let m = c.meanOfClusterMeans {
                summary.append(
                    SummaryRow(
                        name: m.name, units: "\(m.units) klaster", means: m.means.map { $0.indonesian() },
                        predikat: m.predikat.last.flatMap { $0 } ?? "—"))
            }
            counts = c.overall.counts.map { "\($0.code): \($0.count)" }
        }
        let result = try await regencyResult(req, user, o)
        let stages = seesStages(user) ? stageLines(o, due: due) : []
        return Model(
            frame: Frame(req, title: period.name, period: period.name), period: period.name,
            periodID: periodID.uuidString,
            years: "Evaluasi tahun \(period.evaluationYear) atas kinerja tahun \(period.performanceYear)"
                + (period.status == .closed ? " · periode ditutup: hanya dapat dibaca" : ""),
            legalBasis: legalBasis.flatMap { $0.isEmpty ? nil : $0 }
                ?? "Peraturan Menteri PANRB Nomor 88 Tahun 2021 (peraturan daerah tentang evaluasi belum diisi di Pengaturan)",
            framework: "Kerangka LKE: \(o.framework.title) (versi \(o.framework.version))", rows: rows,
            waiting: waiting.sorted { $0.since < $1.since }.map(\.item),
            reminders: Reminders.inOrder(reminders).map(\.line),
            stageFilter: filter?.rawValue,
            stageChoices: stageChoices,
            columns: o.framework.components.map(\.title) + ["Total"], summary: summary, counts: counts,
            complete: "\(o.completeCount) dari \(o.rows.count) Perangkat Daerah sudah lengkap dinilai",
            panel: AccessRules.seesPanel(
                user.role, periodTeamRoles: o.rows.reduce(into: Set()) { $0.formUnion($1.teamRoles) })
                ? Site.panel.path(periodID) : nil,
            documents: AccessRules.seesWholePeriod(user.role) ? periodID.uuidString : nil,
            overdue: overdue.lines, overdueActions: overdue.actions, overdueUnits: overdue.units,
            result: result, stages: stages, leadsWithResult: user.role == .pimpinan,
            followUpList: Site.periodFollowUp.path(periodID),
            generalText: period.generalRecommendations ?? "", generalVersion: period.version,
            general: AccessRules.writesGeneralRecommendations(user.role) && period.status == .open
                ? Site.API.generalRecommendations.path(periodID) : nil)
    }

    /// The follow-up actions past due on the PD the account reads here (the Inspektur, the Admin
    /// and the pimpinan: all), whichever year's LHE they answer: one line per PD, most first.
    static func overdue(_ req: Request, _ user: SignedIn, _ o: PeriodOverview, version: Int) async throws -> (
        actions: Int, units: Int, lines: [Overdue]
    ) {
        let units =
            AccessRules.seesRegencySummary(user.role)
            ? nil : o.rows.filter { $0.permissions.contains(.readUnit) }.map(\.unitID)
        let found = try await req.application.overdueLists.overdue(
            governmentID: user.governmentID, version: version, today: .today(), units: units, limit: 10,
            store: req.store)
        return (
            found.actions, found.units,
            found.lines.map {
                Overdue(
                    link: Site.followUp.path($0.periodID, $0.unitID), unit: $0.unit, year: $0.year,
                    actions: $0.actions, oldest: $0.oldest.indonesian)
            }
        )
    }

    /// Whether the account sees the period per stage: who runs the whole evaluation.
    static func seesStages(_ user: SignedIn) -> Bool { user.role == .admin || user.role == .inspektur }

    /// The period's PD per stage of the cycle, in the cycle's order: how many, whose turn, until when.
    static func stageLines(_ o: PeriodOverview, due: (Cycle.Stage) -> Due?) -> [StageLine] {
        var count: [Cycle.Stage: Int] = [:]
        for row in o.rows { count[row.stage, default: 0] += 1 }
        return Cycle.Stage.allCases.compactMap { stage in
            count[stage].map {
                StageLine(
                    stage: stage.title, filter: "?tahap=\(stage.rawValue)", units: $0,
                    owner: Cycle.owner(of: stage), due: due(stage))
            }
        }
    }

    /// The regency's result for who sees its summary: the predikat counts and the mean of the PD
    /// complete, against last year's mean, and the PD below B.
    static func regencyResult(_ req: Request, _ user: SignedIn, _ o: PeriodOverview) async throws -> RegencyResult? {
        guard AccessRules.seesRegencySummary(user.role), let c = o.summary, let mean = c.overall.means.last else {
            return nil
        }
        var against: String?
        if let id = try await req.store.periodID(governmentID: user.governmentID, year: o.period.evaluationYear - 1),
            let previous = try await req.store.period(id),
            let last = try await PeriodOverview.load(period: previous, user: user, req: req).summary?.overall.means.last
        {
            let change = mean - last
            let word = change > .zero ? "naik" : change < .zero ? "turun" : "sama dengan"
            let amount = change < .zero ? .zero - change : change
            against =
                change == .zero
                ? "sama dengan \(previous.evaluationYear) (\(last.indonesian()))"
                : "\(word) \(amount.indonesian()) dari \(last.indonesian()) pada \(previous.evaluationYear)"
        }
        let scored = o.rows.compactMap { row in row.result?.total.map { (row, $0) } }
        let attention = Attention.pick(scored, total: \.1, predikat: { $0.0.result?.predikat?.code }).map {
            row, total in
            (
                name: row.name,
                link: row.permissions.contains(.readUnit) ? Site.lke.path(o.period.id ?? UUID(), row.unitID) : nil,
                total: total.indonesian(), predikat: row.result?.predikat?.code ?? "—"
            )
        }
        return RegencyResult(
            counts: c.overall.counts, mean: mean.indonesian(), againstLastYear: against, attention: attention)
    }
}
