import Fluent
import TelaahCore
import Vapor

/// A period as one account sees it: every PD it may see with progress, total and predikat, and
/// (for those who see the whole period) the regency summary compiled by the core.
struct PeriodOverview: Sendable {
    struct Row: Sendable {
        var unitID: UUID
        var name: String
        var cluster: String?
        var stage: AccessRules.Stage
        var answered: Int
        var criteria: Int
        var graded: Int
        var subcomponents: Int
        var result: ScoreResult?
        var permissions: AccessRules.Permissions
        var assessmentID: UUID?
        /// The LHE's revision (a reopening starts the next).
        var revision: Int
        /// The account's roles in the teams assigned this PD.
        var teamRoles: Set<AccessRules.TeamRole>
    }

    var period: Period
    var framework: Framework
    var rows: [Row]
    /// Over the PD with a total; nil for accounts that do not see the whole period.
    var summary: Compilation?
    var completeCount: Int

    static func load(period: Period, user: SignedIn, req: Request) async throws -> PeriodOverview {
        let scorer = try await req.scorer(for: period)
        let visible = try await req.visibleUnits(in: period, for: user)
        var clusterName: [UUID: String] = [:]
        for r in try await req.store.hotRows(
            "SELECT id, name FROM clusters WHERE government_id = \(bind: user.governmentID)")
        {
            clusterName[try r.required(r.uuid, "id")] = try r.string("name")
        }
        // Progress of the evaluators' work where the account may read it, else the PD's own; the
        // evaluators' result alone where the account reads only that.
        func actor(_ p: AccessRules.Permissions) -> Actor? {
            p.contains(.readSelfAssessment) || p.contains(.readEvaluation)
                ? AccessRules.shownActor(p) : p.contains(.readResult) ? .evaluator : nil
        }
        let wanted = visible.compactMap { unit in
            unit.assessmentID.flatMap { id in
                actor(unit.permissions).map {
                    PeriodScores.Wanted(
                        assessment: id, actor: $0, valuesVersion: unit.valuesVersion, unitName: unit.name)
                }
            }
        }
        let results = try await req.application.periodScores.scores(
            frameworkVersion: period.$frameworkVersion.id, wanted: wanted, scorer: scorer, store: req.store)
        var rows: [Row] = []
        for unit in visible {
            let permissions = unit.permissions
            let result = unit.assessmentID.flatMap { results[$0] }
            let subs = result?.subcomponents ?? []
            rows.append(
                Row(
                    unitID: unit.id, name: unit.name, cluster: unit.clusterID.flatMap { clusterName[$0] },
                    stage: unit.stage,
                    answered: subs.reduce(0) { $0 + $1.answered }, criteria: scorer.criterionCount,
                    graded: subs.reduce(0) { $0 + ($1.score != nil ? 1 : 0) }, subcomponents: scorer.subcomponentCount,
                    result: permissions.contains(.readResult) ? result : nil, permissions: permissions,
                    assessmentID: unit.assessmentID, revision: unit.revision, teamRoles: unit.teamRoles))
        }
        var summary: Compilation?
        let scored = rows.compactMap { row -> UnitScores? in
            guard let r = row.result, r.total != nil else { return nil }
            return UnitScores(name: row.name, cluster: row.cluster, components: r.components.map { $0.score! })
        }
        if AccessRules.seesRegencySummary(user.role), !scored.isEmpty {
            summary = try? Compiler.compile(scored, framework: scorer.framework)
        }
        return PeriodOverview(
            period: period, framework: scorer.framework, rows: rows, summary: summary, completeCount: scored.count)
    }
}
