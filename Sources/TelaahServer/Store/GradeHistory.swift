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

extension Store {
    /// The earlier periods' evaluator grades of `unitID`, for the page of `period` (one query,
    /// empty in a regency's first year).
    func gradeHistory(unitID: UUID, before period: Period, frameworks: FrameworkCache) async throws -> PDGradeHistory {
        let earlier = try await hotRows(
            Self.earlierQuery(unitID: unitID, governmentID: period.$government.id, year: period.evaluationYear),
            shape: EarlierShape.self)
        guard !earlier.isEmpty else { return PDGradeHistory() }
        let ids = try earlier.map { try $0.required($0.uuid, "assessment_id") }
        let values = try await self.values(assessments: ids, actors: [.evaluator])
        var years: [String: [(year: Int, grade: String)]] = [:]
        for row in earlier {
            guard
                let scorer = try await frameworks.scorer(id: try row.required(row.uuid, "framework_version_id"), on: db)
            else { continue }
            let year = try row.required(row.int, "evaluation_year")
            let input = values.input(
                assessment: try row.required(row.uuid, "assessment_id"), actor: .evaluator, unitName: nil,
                framework: scorer.framework)
            for sub in scorer.score(input).subcomponents {
                if let grade = sub.grade { years[sub.id, default: []].append((year, grade)) }
            }
        }
        guard let framework = try await frameworks.scorer(id: period.$frameworkVersion.id, on: db)?.framework
        else { return PDGradeHistory() }
        var history = PDGradeHistory(framework: framework)
        for sub in framework.allSubcomponents {
            history.bySubcomponent[sub.id] = GradeHistory(years: years[sub.id] ?? [])
        }
        return history
    }

    static func earlierQuery(unitID: UUID, governmentID: UUID, year: Int) -> SQLQueryString {
        """
        SELECT p.evaluation_year, p.framework_version_id, a.id AS assessment_id
        FROM periods p JOIN assessments a ON a.period_id = p.id AND a.unit_id = \(bind: unitID)
        WHERE p.government_id = \(bind: governmentID) AND p.evaluation_year < \(bind: year)
        """
    }

    enum EarlierShape: HotShape {
        static let name = "telaah_earlier_periods"
        static let sql = PostgresText.of(earlierQuery(unitID: .init(), governmentID: .init(), year: 0))
    }
}

/// The summaries of `PDGradeHistory` per state, for the LKE page: the key names the PD, the
/// period (its year and framework) and the state of the PD's earlier values (their count and
/// the sum of their values versions, read with the access check), so an unchanged history is
/// neither read nor scored again. Bounded; per process; correct across processes because the
/// key names the state.
final class GradeHistories: Sendable {
    private let cache = StateCache<[String: String]>(capacity: 1024)

    func summaries(_ access: UnitAccess, store: Store, frameworks: FrameworkCache) async throws -> [String: String] {
        guard access.earlierAssessments > 0 else { return [:] }
        let unitID = try access.unit.requireID()
        let key = [
            unitID.uuidString, try access.period.requireID().uuidString, String(access.earlierAssessments),
            String(access.earlierValues),
        ].joined(separator: " ")
        return try await cache.value(for: key) {
            try await store.gradeHistory(unitID: unitID, before: access.period, frameworks: frameworks)
                .summaries(before: access.period.evaluationYear)
        }
    }
}

struct GradeHistoriesKey: StorageKey { typealias Value = GradeHistories }

extension Application {
    /// Set once by `TelaahApp.configure`.
    var gradeHistories: GradeHistories { storage[GradeHistoriesKey.self]! }
}
