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
        /// The account's roles in the teams assigned this PD.
        var teamRoles: Set<AccessRules.TeamRole>
    }

    var period: Period
    var framework: Framework
    var rows: [Row]
    /// Over the PD with a total; nil for accounts that do not see the whole period.
    var summary: Compilation?
    var completeCount: Int
    /// The values read (every actor the account may read), for views that need more than the scores.
    var values: AssessmentValues

    static func load(period: Period, user: SignedIn, req: Request) async throws -> PeriodOverview {
        let scorer = try await req.scorer(for: period)
        let visible = try await req.visibleUnits(in: period, for: user)
        let clusters = try await Cluster.query(on: req.db).filter(\.$government.$id == user.governmentID).all()
        let clusterName = Dictionary(uniqueKeysWithValues: clusters.map { ($0.id!, $0.name) })
        let assessmentIDs = visible.compactMap { $0.1?.id }
        let values = try await req.store.values(assessments: assessmentIDs, actors: Actor.allCases)
        var rows: [Row] = []
        for (unit, assessment, permissions, teamRoles) in visible {
            // Progress of the evaluators' work where the account may read it, else the PD's own.
            let actor = AccessRules.shownActor(permissions)
            var result: ScoreResult?
            if let id = assessment?.id,
                permissions.contains(.readSelfAssessment) || permissions.contains(.readEvaluation)
            {
                result = scorer.score(
                    values.input(assessment: id, actor: actor, unitName: unit.name, framework: scorer.framework))
            } else if let id = assessment?.id, permissions.contains(.readResult) {
                result = scorer.score(
                    values.input(assessment: id, actor: .evaluator, unitName: unit.name, framework: scorer.framework))
            }
            let subs = result?.subcomponents ?? []
            rows.append(
                Row(
                    unitID: unit.id!, name: unit.name, cluster: unit.$cluster.id.flatMap { clusterName[$0] },
                    stage: assessment?.stage ?? .preparation,
                    answered: subs.reduce(0) { $0 + $1.answered }, criteria: scorer.criterionCount,
                    graded: subs.filter { $0.score != nil }.count, subcomponents: scorer.subcomponentCount,
                    result: permissions.contains(.readResult) ? result : nil, permissions: permissions,
                    assessmentID: assessment?.id, teamRoles: teamRoles))
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
            period: period, framework: scorer.framework, rows: rows, summary: summary, completeCount: scored.count,
            values: values)
    }
}
