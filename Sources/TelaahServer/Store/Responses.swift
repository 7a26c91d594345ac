import Fluent
import Foundation
import SQLKit
import TelaahCore
import Vapor

/// The PD's answer to one finding of its tentative result, and the team's reply (M0020).
struct FindingResponse: Sendable {
    var subcomponent: String
    var agree: Bool
    var text: String?
    var respondedBy: String?
    var respondedAt: String
    var reply: String?
    var repliedBy: String?
    var repliedAt: String?
    var version: Int
}

/// What the audit chain keeps of a tanggapan or a reply.
private struct ResponseChange: Codable, Sendable {
    var subcomponent: String
    var revision: Int
    var agree: Bool?
    var text: String?
    var reply: String?
    var version: Int
}

extension Store {
    /// The answers to the findings of an assessment's revision, by sub-component.
    func responses(assessmentID: UUID, revision: Int) async throws -> [String: FindingResponse] {
        var out: [String: FindingResponse] = [:]
        for r in try await rows(
            """
            SELECT f.subcomponent_id, f.agree, f.text, f.responded_at, f.reply, f.replied_at, f.version,
              u.display_name AS responded_name, v.display_name AS replied_name
            FROM finding_responses f LEFT JOIN users u ON u.id = f.responded_by LEFT JOIN users v ON v.id = f.replied_by
            WHERE f.assessment_id = \(bind: assessmentID) AND f.revision = \(bind: revision)
            """)
        {
            let sub = try r.required(r.string, "subcomponent_id")
            out[sub] = FindingResponse(
                subcomponent: sub, agree: try r.bool("agree") ?? false, text: try r.string("text"),
                respondedBy: try r.string("responded_name"), respondedAt: try r.required(r.string, "responded_at"),
                reply: try r.string("reply"), repliedBy: try r.string("replied_name"),
                repliedAt: try r.string("replied_at"), version: try r.int("version") ?? 1)
        }
        return out
    }

    /// Stores the PD's tanggapan on one finding if still at `version` (0: none yet), with its
    /// audit entry. Returns the new version.
    func saveResponse(
        assessmentID: UUID, revision: Int, subcomponent: String, agree: Bool, text: String?, version: Int,
        by user: SignedIn
    ) async throws -> Int {
        try await write { tx in
            try await tx.lock("finding_responses", ["assessment_id": assessmentID, "subcomponent_id": subcomponent])
            let existing = try await ReadRow.all(
                """
                SELECT id, version FROM finding_responses WHERE assessment_id = \(bind: assessmentID)
                AND revision = \(bind: revision) AND subcomponent_id = \(bind: subcomponent)
                """, on: tx.sql
            ).first
            try Self.checkVersion(try existing?.int("version") ?? 0, version)
            let now = UTCTimestamp.string(Date())
            if let id = try existing?.uuid("id") {
                try await tx.sql.raw(
                    """
                    UPDATE finding_responses SET agree = \(bind: agree), text = \(bind: text), responded_by = \(bind: user.id),
                      responded_at = \(bind: now), version = \(bind: version + 1) WHERE id = \(bind: id)
                    """
                ).run()
            } else {
                try await tx.sql.raw(
                    """
                    INSERT INTO finding_responses (id, assessment_id, revision, subcomponent_id, agree, text, responded_by,
                      responded_at, version)
                    VALUES (\(bind: UUID()), \(bind: assessmentID), \(bind: revision), \(bind: subcomponent), \(bind: agree),
                      \(bind: text), \(bind: user.id), \(bind: now), 1)
                    """
                ).run()
            }
            try await tx.audit(
                user.auditActor, "respond", "assessment", assessmentID.uuidString, before: String?.none,
                after: ResponseChange(
                    subcomponent: subcomponent, revision: revision, agree: agree, text: text, version: version + 1))
            return version + 1
        }
    }

    /// Stores the team's reply to the PD's tanggapan on one finding if still at `version`.
    func saveReply(
        assessmentID: UUID, revision: Int, subcomponent: String, reply: String, version: Int, by user: SignedIn
    ) async throws -> Int {
        try await write { tx in
            try await tx.lock("finding_responses", ["assessment_id": assessmentID, "subcomponent_id": subcomponent])
            guard
                let existing = try await ReadRow.all(
                    """
                    SELECT id, version FROM finding_responses WHERE assessment_id = \(bind: assessmentID)
                    AND revision = \(bind: revision) AND subcomponent_id = \(bind: subcomponent)
                    """, on: tx.sql
                ).first, let id = try existing.uuid("id")
            else { throw Abort(.notFound, reason: "PD belum memberi tanggapan atas temuan \(subcomponent).") }
            try Self.checkVersion(try existing.int("version") ?? 0, version)
            try await tx.sql.raw(
                """
                UPDATE finding_responses SET reply = \(bind: reply), replied_by = \(bind: user.id),
                  replied_at = \(bind: UTCTimestamp.string(Date())), version = \(bind: version + 1) WHERE id = \(bind: id)
                """
            ).run()
            try await tx.audit(
                user.auditActor, "reply", "assessment", assessmentID.uuidString, before: String?.none,
                after: ResponseChange(
                    subcomponent: subcomponent, revision: revision, reply: reply, version: version + 1))
            return version + 1
        }
    }
}
