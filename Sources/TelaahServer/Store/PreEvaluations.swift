import Fluent
import Foundation
import SQLKit
import TelaahCore
import Vapor

/// A PD's pra-evaluasi profile in a period, as stored (M0023).
struct StoredPreEvaluation: Sendable {
    var texts: [String: String]
    var version: Int
    var updatedBy: String?
    var updatedAt: String?
}

extension Store {
    func preEvaluation(periodID: UUID, unitID: UUID) async throws -> StoredPreEvaluation {
        guard
            let r = try await rows(
                """
                SELECT p.items, p.version, p.updated_at, u.display_name FROM pre_evaluations p
                LEFT JOIN users u ON u.id = p.updated_by
                WHERE p.period_id = \(bind: periodID) AND p.unit_id = \(bind: unitID)
                """
            ).first
        else { return StoredPreEvaluation(texts: [:], version: 0) }
        var texts: [String: String] = [:]
        for (key, value) in (try? JSONValue.parse(try r.required(r.string, "items")))?.members ?? [] {
            if let text = value.stringValue { texts[key] = text }
        }
        return StoredPreEvaluation(
            texts: texts, version: try r.int("version") ?? 1, updatedBy: try r.string("display_name"),
            updatedAt: try r.string("updated_at"))
    }

    /// Stores the profile if still at `version` (0: none yet), with its audit entry. Returns the
    /// new version.
    func savePreEvaluation(
        periodID: UUID, unitID: UUID, texts: [String: String], version: Int, by user: SignedIn
    ) async throws -> Int {
        let items = JSONValue.object(
            PreEvaluation.items.compactMap { item in texts[item.key].map { (item.key, .string($0)) } }
        ).rendered(pretty: false)
        return try await write { tx in
            try await tx.lock("pre_evaluations", ["period_id": periodID, "unit_id": unitID])
            let existing = try await ReadRow.all(
                "SELECT id, version FROM pre_evaluations WHERE period_id = \(bind: periodID) AND unit_id = \(bind: unitID)",
                on: tx.sql
            ).first
            try Self.checkVersion(try existing?.int("version") ?? 0, version)
            let now = UTCTimestamp.string(Date())
            if let id = try existing?.uuid("id") {
                try await tx.sql.raw(
                    """
                    UPDATE pre_evaluations SET items = \(bind: items), version = \(bind: version + 1),
                      updated_by = \(bind: user.id), updated_at = \(bind: now) WHERE id = \(bind: id)
                    """
                ).run()
            } else {
                try await tx.sql.raw(
                    """
                    INSERT INTO pre_evaluations (id, period_id, unit_id, items, version, updated_by, updated_at)
                    VALUES (\(bind: UUID()), \(bind: periodID), \(bind: unitID), \(bind: items), 1, \(bind: user.id), \(bind: now))
                    """
                ).run()
            }
            try await tx.audit(
                user.auditActor, "update", "pre_evaluation", unitID.uuidString, before: String?.none,
                after: ["period": periodID.uuidString, "version": String(version + 1)])
            return version + 1
        }
    }

    /// Last year's result of a PD, in words (`Nilai 2023: 65,20, predikat B`), when the
    /// government's previous period has its complete evaluation.
    func previousResult(of period: Period, unitID: UUID, frameworks: FrameworkCache) async throws -> String? {
        guard
            let last = try await rows(
                """
                SELECT p.evaluation_year, p.framework_version_id, a.id AS assessment_id FROM periods p
                JOIN assessments a ON a.period_id = p.id AND a.unit_id = \(bind: unitID)
                WHERE p.government_id = \(bind: period.$government.id) AND p.evaluation_year = \(bind: period.evaluationYear - 1)
                """
            ).first,
            let versionID = try last.uuid("framework_version_id"), let assessment = try last.uuid("assessment_id"),
            let version = try await FrameworkVersion.find(versionID, on: db)
        else { return nil }
        let scorer = try await frameworks.scorer(for: version)
        let values = try await values(assessments: [assessment], actors: [.evaluator])
        let result = scorer.score(
            values.input(assessment: assessment, actor: .evaluator, unitName: nil, framework: scorer.framework))
        guard let total = result.total else { return nil }
        let year = try last.int("evaluation_year") ?? period.evaluationYear - 1
        return "Nilai \(year): \(total.indonesian())"
            + (result.predikat.map { ", predikat \($0.code) (\($0.name))" } ?? "")
    }
}
