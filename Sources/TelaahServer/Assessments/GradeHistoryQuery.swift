import Fluent
import SQLKit
import TelaahCore
import Vapor

/// A PD's final grades per sub-component in the earlier periods of its government, each scored on
/// its own period's frozen framework; sub-components keep their ids across years.
struct PDGradeHistory: Sendable {
    var framework: Framework?
    var bySubcomponent: [String: GradeHistory] = [:]

    /// Per sub-component: "terpenuhi penuh dan dipertahankan 2 tahun (2022–2023)", or why not;
    /// empty when there is no earlier period.
    func summaries(before year: Int) -> [String: String] {
        guard let framework else { return [:] }
        return bySubcomponent.mapValues { $0.summary(before: year, framework: framework) }
    }
}

extension GradeHistory {
    struct Earlier: Decodable {
        var evaluation_year: Int
        var framework_version_id: UUID
        var assessment_id: UUID
    }

    /// The earlier periods' evaluator grades of `unitID`, for the page of `period`.
    static func load(unitID: UUID, before period: Period, db: any Database, frameworks: FrameworkCache) async throws
        -> PDGradeHistory
    {
        let earlier = try await (db as! any SQLDatabase).raw(
            """
            SELECT p.evaluation_year, p.framework_version_id, a.id AS assessment_id
            FROM periods p JOIN assessments a ON a.period_id = p.id AND a.unit_id = \(bind: unitID)
            WHERE p.government_id = \(bind: period.$government.id) AND p.evaluation_year < \(bind: period.evaluationYear)
            """
        ).all(decoding: Earlier.self)
        guard !earlier.isEmpty, let current = try await FrameworkVersion.find(period.$frameworkVersion.id, on: db)
        else { return PDGradeHistory() }
        let values = try await AssessmentStore.values(
            assessments: earlier.map(\.assessment_id), actors: [.evaluator], on: db)
        var years: [String: [(year: Int, grade: String)]] = [:]
        for e in earlier {
            guard let version = try await FrameworkVersion.find(e.framework_version_id, on: db) else { continue }
            let scorer = try await frameworks.scorer(for: version)
            let result = scorer.score(values.input(assessment: e.assessment_id, actor: .evaluator, unitName: nil))
            for sub in result.subcomponents {
                if let grade = sub.grade { years[sub.id, default: []].append((e.evaluation_year, grade)) }
            }
        }
        let framework = try await frameworks.scorer(for: current).framework
        var history = PDGradeHistory(framework: framework)
        for sub in framework.allSubcomponents {
            history.bySubcomponent[sub.id] = GradeHistory(years: years[sub.id] ?? [])
        }
        return history
    }
}
