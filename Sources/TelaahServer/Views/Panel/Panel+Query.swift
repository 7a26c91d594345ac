import Fluent
import Foundation
import SQLKit
import TelaahCore
import Vapor

extension PanelPage {
    static func query(_ req: Request) async throws -> Model {
        let user = try req.signedIn()
        let period = try await req.period(req.parameters.get("period"), for: user)
        let periodID = try period.requireID()
        // Only an auditor's team roles can open the panel; other roles decide alone.
        let roles =
            user.role == .auditor
            ? try await req.store.teamRoles(user: user.id, periodID: periodID).values.reduce(into: Set()) {
                $0.formUnion($1)
            } : []
        guard AccessRules.seesPanel(user.role, periodTeamRoles: roles) else {
            throw Abort(
                .forbidden, reason: "Tampilan panel hanya untuk Pengendali Mutu dan Teknis, Inspektur dan Admin.")
        }
        let o = try await PeriodOverview.load(period: period, user: user, req: req)
        let settings = try await req.store.cycleSettings(periodID: periodID)
        let decided = try await req.store.reviewDecisions(periodID: periodID)
        let subs = o.framework.allSubcomponents
        // The grades' versions only where the account may change them now.
        let revisable = o.rows.filter { $0.permissions.contains(.reviseGrades) }.compactMap(\.assessmentID)
        var versions: [UUID: [String: Int]] = [:]
        for g in try await req.store.values(assessments: revisable, actors: [.evaluator], hot: true).grades {
            versions[g.assessment_id, default: [:]][g.subcomponent_id] = g.version
        }

        // Every PD the account reads with grades; the cluster's measure over all of them.
        let graded = o.rows.filter { row in row.result.map { $0.subcomponents.contains { $0.grade != nil } } ?? false }
        let standings = Calibration.standings(
            graded.compactMap { row in
                row.result?.total.map { (row.unitID.text, row.cluster, $0) }
            })
        let stageFilter = req.query[String.self, at: "tahap"].flatMap(Cycle.Stage.init(rawValue:))
        let clusterFilter = req.query[String.self, at: "klaster"].flatMap { $0.isEmpty ? nil : $0 }
        let sort = req.query[String.self, at: "urut"] ?? ""

        let open = period.status == .open
        var rows: [(row: Row, total: ExactDecimal?, deviation: ExactDecimal?)] = []
        for row in graded {
            guard stageFilter == nil || row.stage == stageFilter, clusterFilter == nil || row.cluster == clusterFilter,
                let result = row.result
            else { continue }
            let revisable = row.permissions.contains(.reviseGrades)
            // The core scores sub-components in the framework's order: read them by position.
            // (Indexing, not binding each result: copying one retains its every string.)
            let scored = result.subcomponents
            let ordered = scored.count == subs.count
            let tiers = row.assessmentID.flatMap { decided[$0] }
            let rowVersions = row.assessmentID.flatMap { versions[$0] }
            let cells = subs.indices.map { i -> Cell in
                let id = subs[i].id
                guard let j = ordered && scored[i].id == id ? i : scored.firstIndex(where: { $0.id == id }) else {
                    return Cell(grade: "—", suggested: nil, deviates: false, tier: nil, revise: nil)
                }
                return Cell(
                    grade: scored[j].grade ?? "—", suggested: scored[j].suggestedGrade, deviates: scored[j].deviates,
                    tier: tiers?[id]?.title,
                    revise: revisable
                        ? Revise(url: Site.API.grade.path(periodID, row.unitID, id), version: rowVersions?[id] ?? 0)
                        : nil)
            }
            let standing = standings[row.unitID.text]
            let actor = Cycle.Actor(role: user.role, teamRoles: row.teamRoles, ownUnit: false)
            let mayApprove =
                open && Cycle.Stage.reviews.contains(row.stage)
                && Cycle.actions(at: row.stage, for: actor, settings: settings).contains(.approve)
            rows.append(
                (
                    Row(
                        link: Site.lke.path(periodID, row.unitID), name: row.name, cluster: row.cluster ?? "—",
                        stage: row.stage.title, cells: cells, total: result.total?.indonesian() ?? "—",
                        predikat: result.predikat?.code ?? "—", deviations: cells.filter(\.deviates).count,
                        standing: standing.map {
                            ($0.deviation < .zero ? "" : "+") + "\($0.deviation.indonesian()) dari "
                                + $0.othersMean.indonesian()
                        } ?? "—",
                        outlier: standing?.outlier ?? false,
                        approve: mayApprove ? (Site.API.cycle.path(periodID, row.unitID), row.stage) : nil),
                    result.total, standing?.deviation
                ))
        }
        // Sorted by position: moving the rows themselves retained every cell's strings at each step.
        func distance(_ d: ExactDecimal?) -> ExactDecimal { d.map { $0 < .zero ? .zero - $0 : $0 } ?? .zero }
        let before: ((Int, Int) -> Bool)? =
            switch sort {
            case "total": { (rows[$0].total ?? .zero) > (rows[$1].total ?? .zero) }
            case "selisih": { distance(rows[$0].deviation) > distance(rows[$1].deviation) }
            case "deviasi": { rows[$0].row.deviations > rows[$1].row.deviations }
            case "nama": { rows[$0].row.name < rows[$1].row.name }
            default: nil
            }
        if let before { rows = rows.indices.sorted(by: before).map { rows[$0] } }

        var atStage: [Cycle.Stage: Int] = [:]
        for row in graded { atStage[row.stage, default: 0] += 1 }
        let clusters = Array(Set(graded.compactMap(\.cluster))).sorted()
        let sorts = [
            ("", "urutan daftar PD"), ("total", "nilai tertinggi"), ("selisih", "terjauh dari klaster"),
            ("deviasi", "paling banyak beda dari saran"), ("nama", "nama"),
        ]
        return Model(
            frame: Frame(req, title: "Panel \(period.name)", period: period.name), period: period.name,
            periodID: periodID.text, subcomponents: subs.map { ($0.id, $0.title) },
            grades: o.framework.grades.map(\.code), rows: rows.map(\.row),
            stageChoices: [Choice(value: "", label: "Semua tahap (\(graded.count))", selected: stageFilter == nil)]
                + Cycle.Stage.allCases.filter { atStage[$0] != nil }.map {
                    Choice(value: $0.rawValue, label: "\($0.title) (\(atStage[$0]!))", selected: $0 == stageFilter)
                },
            clusterChoices: [Choice(value: "", label: "Semua klaster", selected: clusterFilter == nil)]
                + clusters.map { Choice(value: $0, label: $0, selected: $0 == clusterFilter) },
            sortChoices: sorts.map { Choice(value: $0.0, label: $0.1, selected: $0.0 == sort) },
            summary:
                "\(rows.count) Perangkat Daerah; \(rows.filter(\.row.outlier).count) lebih dari 10 poin dari rata-rata PD lain di klasternya; \(rows.reduce(0) { $0 + $1.row.deviations }) nilai berbeda dari saran kriteria."
        )
    }
}

extension Store {
    /// The grades a review tier set, by assessment and sub-component, for a period (or only its
    /// assessment `only`).
    func reviewDecisions(periodID: UUID, only: UUID? = nil) async throws -> [UUID: [String: Cycle.Stage]] {
        var out: [UUID: [String: Cycle.Stage]] = [:]
        let tiers = Cycle.Stage.reviews.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let one: SQLQueryString = only.map { "AND g.assessment_id = \(bind: $0)" } ?? ""
        for r in try await hotRows(
            """
            SELECT g.assessment_id, g.subcomponent_id, g.set_at_stage FROM subcomponent_grades g
            JOIN assessments a ON a.id = g.assessment_id
            WHERE a.period_id = \(bind: periodID) AND g.actor = 'evaluator' AND g.set_at_stage IN (\(unsafeRaw: tiers)) \(one)
            """)
        {
            guard let stage = try r.string("set_at_stage").flatMap(Cycle.Stage.init(rawValue:)) else { continue }
            out[try r.required(r.uuid, "assessment_id"), default: [:]][try r.required(r.string, "subcomponent_id")] =
                stage
        }
        return out
    }
}
