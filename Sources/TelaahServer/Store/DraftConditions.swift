import Fluent
import Foundation
import SQLKit
import TelaahCore
import Vapor

/// One component's kondisi in the rancangan LHE (M0024).
struct DraftCondition: Sendable {
    var text: String
    var version: Int
    var updatedBy: String?
}

extension Store {
    /// The kondisi of each component of an assessment, by component.
    func draftConditions(assessmentID: UUID) async throws -> [String: DraftCondition] {
        var out: [String: DraftCondition] = [:]
        for r in try await rows(
            """
            SELECT d.component_id, d.text, d.version, u.display_name FROM draft_conditions d
            LEFT JOIN users u ON u.id = d.updated_by WHERE d.assessment_id = \(bind: assessmentID)
            """)
        {
            out[try r.required(r.string, "component_id")] = DraftCondition(
                text: try r.required(r.string, "text"), version: try r.int("version") ?? 1,
                updatedBy: try r.string("display_name"))
        }
        return out
    }

    /// The kondisi of every PD of a period, by assessment and component (the documents).
    func draftConditions(periodID: UUID) async throws -> [UUID: [String: String]] {
        var out: [UUID: [String: String]] = [:]
        for r in try await rows(
            """
            SELECT d.assessment_id, d.component_id, d.text FROM draft_conditions d
            JOIN assessments a ON a.id = d.assessment_id WHERE a.period_id = \(bind: periodID)
            """)
        {
            out[try r.required(r.uuid, "assessment_id"), default: [:]][try r.required(r.string, "component_id")] =
                try r.string("text")
        }
        return out
    }

    /// Stores one component's kondisi if still at `version` (0: none yet), audited. Returns the
    /// new version.
    func saveDraftCondition(
        assessmentID: UUID, component: String, text: String, version: Int, by user: SignedIn
    ) async throws -> Int {
        try await write { tx in
            try await tx.lock("draft_conditions", ["assessment_id": assessmentID, "component_id": component])
            let existing = try await ReadRow.all(
                """
                SELECT id, version, text FROM draft_conditions
                WHERE assessment_id = \(bind: assessmentID) AND component_id = \(bind: component)
                """, on: tx.sql
            ).first
            try Self.checkVersion(try existing?.int("version") ?? 0, version)
            let now = UTCTimestamp.string(Date())
            if let id = try existing?.uuid("id") {
                try await tx.sql.raw(
                    """
                    UPDATE draft_conditions SET text = \(bind: text), version = \(bind: version + 1),
                      updated_by = \(bind: user.id), updated_at = \(bind: now) WHERE id = \(bind: id)
                    """
                ).run()
            } else {
                try await tx.sql.raw(
                    """
                    INSERT INTO draft_conditions (id, assessment_id, component_id, text, version, updated_by, updated_at)
                    VALUES (\(bind: UUID()), \(bind: assessmentID), \(bind: component), \(bind: text), 1, \(bind: user.id),
                      \(bind: now))
                    """
                ).run()
            }
            try await tx.audit(
                user.auditActor, "draft", "assessment", assessmentID.uuidString,
                before: try existing?.string("text").map { ["component": component, "text": $0] },
                after: ["component": component, "text": text])
            return version + 1
        }
    }
}
