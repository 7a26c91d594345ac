import Fluent
import Foundation
import SQLKit
import TelaahCore
import Vapor

/// One comment on a PD's draft (M0025).
struct ReviewComment: Sendable {
    var id: UUID
    var subcomponent: String
    /// The thread's first comment; nil for a first comment.
    var threadID: UUID?
    var stage: Cycle.Stage?
    var text: String
    var author: String?
    var at: String
    var resolvedBy: String?
    var resolvedAt: String?
}

extension Store {
    /// The comments of an assessment's revision, oldest first.
    func reviewComments(assessmentID: UUID, revision: Int) async throws -> [ReviewComment] {
        try await rows(
            """
            SELECT c.id, c.subcomponent_id, c.thread_id, c.stage, c.text, c.at, c.resolved_at,
              u.display_name AS author, v.display_name AS resolver
            FROM review_comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN users v ON v.id = c.resolved_by
            WHERE c.assessment_id = \(bind: assessmentID) AND c.revision = \(bind: revision) ORDER BY c.at, c.id
            """
        ).map { r in
            ReviewComment(
                id: try r.required(r.uuid, "id"), subcomponent: try r.required(r.string, "subcomponent_id"),
                threadID: try r.uuid("thread_id"), stage: try r.string("stage").flatMap(Cycle.Stage.init(rawValue:)),
                text: try r.required(r.string, "text"), author: try r.string("author"),
                at: try r.required(r.string, "at"),
                resolvedBy: try r.string("resolver"), resolvedAt: try r.string("resolved_at"))
        }
    }

    /// Adds a comment (a reply when `threadID` names a thread of the same assessment and
    /// sub-component), audited. Returns its id.
    func addReviewComment(
        assessmentID: UUID, revision: Int, subcomponent: String, threadID: UUID?, stage: Cycle.Stage, text: String,
        by user: SignedIn
    ) async throws -> UUID {
        try await write { tx in
            if let threadID {
                let thread = try await ReadRow.all(
                    """
                    SELECT id FROM review_comments WHERE id = \(bind: threadID) AND assessment_id = \(bind: assessmentID)
                      AND subcomponent_id = \(bind: subcomponent) AND thread_id IS NULL
                    """, on: tx.sql)
                guard !thread.isEmpty else {
                    throw Abort(.unprocessableEntity, reason: "Utas komentar itu tidak ada pada sub-komponen ini.")
                }
            }
            let id = UUID()
            try await tx.sql.raw(
                """
                INSERT INTO review_comments (id, assessment_id, revision, subcomponent_id, thread_id, stage, text, author_id, at)
                VALUES (\(bind: id), \(bind: assessmentID), \(bind: revision), \(bind: subcomponent), \(bind: threadID),
                  \(bind: stage.rawValue), \(bind: text), \(bind: user.id), \(bind: UTCTimestamp.string(Date())))
                """
            ).run()
            try await tx.audit(
                user.auditActor, "comment", "assessment", assessmentID.uuidString, before: String?.none,
                after: ["subcomponent": subcomponent, "text": text, "stage": stage.rawValue])
            return id
        }
    }

    /// Marks a thread resolved, audited; 404 for a thread not of this assessment.
    func resolveReviewThread(assessmentID: UUID, threadID: UUID, by user: SignedIn) async throws {
        try await write { tx in
            let rows = try await ReadRow.all(
                """
                SELECT subcomponent_id FROM review_comments WHERE id = \(bind: threadID)
                  AND assessment_id = \(bind: assessmentID) AND thread_id IS NULL
                """, on: tx.sql)
            guard let sub = try rows.first?.string("subcomponent_id") else {
                throw Abort(.notFound, reason: "Utas komentar tidak ditemukan.")
            }
            try await tx.sql.raw(
                """
                UPDATE review_comments SET resolved_by = \(bind: user.id), resolved_at = \(bind: UTCTimestamp.string(Date()))
                WHERE id = \(bind: threadID) AND resolved_at IS NULL
                """
            ).run()
            try await tx.audit(
                user.auditActor, "resolve", "assessment", assessmentID.uuidString, before: String?.none,
                after: ["subcomponent": sub, "thread": threadID.uuidString])
        }
    }
}
