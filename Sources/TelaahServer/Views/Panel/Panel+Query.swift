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
        let roles = try await req.store.teamRoles(user: user.id, periodID: periodID).values.reduce(into: Set()) {
            $0.formUnion($1)
        }
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
        var versions: [String: Int] = [:]
        for g in try await req.store.values(assessments: revisable, actors: [.evaluator]).grades {
            versions["\(g.assessment_id) \(g.subcomponent_id)"] = g.version
        }

        // Every PD the account reads with grades; the cluster's measure over all of them.
        let graded = o.rows.filter { row in row.result.map { $0.subcomponents.contains { $0.grade != nil } } ?? false }
        let standings = Calibration.standings(
            graded.compactMap { row in
                row.result?.total.map { (row.unitID.uuidString, row.cluster, $0) }
            })
        let stageFilter = req.query[String.self, at: "tahap"].flatMap(Cycle.Stage.init(rawValue:))
        let clusterFilter = req.query[String.self, at: "klaster"].flatMap { $0.isEmpty ? nil : $0 }
        let sort = req.query[String.self, at: "urut"] ?? ""

        var rows: [(row: Row, total: ExactDecimal?, deviation: ExactDecimal?)] = []
        for row in graded {
            guard stageFilter == nil || row.stage == stageFilter, clusterFilter == nil || row.cluster == clusterFilter,
                let result = row.result
            else { continue }
            let revisable = row.permissions.contains(.reviseGrades)
            // The core scores sub-components in the framework's order: read them by position.
            let ordered = result.subcomponents.count == subs.count
            let cells = subs.enumerated().map { i, sub -> Cell in
                let r =
                    ordered && result.subcomponents[i].id == sub.id
                    ? result.subcomponents[i] : result.subcomponents.first { $0.id == sub.id }
                let key = "\(row.assessmentID?.uuidString ?? "") \(sub.id)"
                return Cell(
                    grade: r?.grade ?? "—", suggested: r?.suggestedGrade, deviates: r?.deviates ?? false,
                    tier: row.assessmentID.flatMap { decided[$0]?[sub.id] }?.title,
                    revise: revisable
                        ? Revise(
                            url: Site.API.grade.path(periodID, row.unitID, sub.id), version: versions[key] ?? 0)
                        : nil)
            }
            let standing = standings[row.unitID.uuidString]
            let actor = Cycle.Actor(role: user.role, teamRoles: row.teamRoles, ownUnit: false)
            let mayApprove =
                period.status == .open && Cycle.Stage.reviews.contains(row.stage)
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
                        approve: mayApprove ? Site.API.cycle.path(periodID, row.unitID) : nil),
                    result.total, standing?.deviation
                ))
        }
        switch sort {
        case "total": rows.sort { ($0.total ?? .zero) > ($1.total ?? .zero) }
        case "selisih":
            func distance(_ d: ExactDecimal?) -> ExactDecimal { d.map { $0 < .zero ? .zero - $0 : $0 } ?? .zero }
            rows.sort { distance($0.deviation) > distance($1.deviation) }
        case "deviasi": rows.sort { $0.row.deviations > $1.row.deviations }
        case "nama": rows.sort { $0.row.name < $1.row.name }
        default: break
        }

        var atStage: [Cycle.Stage: Int] = [:]
        for row in graded { atStage[row.stage, default: 0] += 1 }
        let clusters = Array(Set(graded.compactMap(\.cluster))).sorted()
        let sorts = [
            ("", "urutan daftar PD"), ("total", "nilai tertinggi"), ("selisih", "terjauh dari klaster"),
            ("deviasi", "paling banyak beda dari saran"), ("nama", "nama"),
        ]
        return Model(
            frame: Frame(req, title: "Panel \(period.name)", period: period.name), period: period.name,
            periodID: periodID.uuidString, subcomponents: subs.map { ($0.id, $0.title) },
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
        for r in try await rows(
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
