import Fluent
import Foundation
import SQLKit
import TelaahCore
import Vapor

/// One move of a PD's evaluation cycle, as recorded (`cycle_events`, M0016).
struct CycleEvent: Sendable {
    /// When (UTC, the audit log's format).
    var at: String
    var username: String
    var displayName: String?
    var action: Cycle.Action
    var from: Cycle.Stage
    var to: Cycle.Stage
    var reason: String?
    var revision: Int
}

extension Store {
    /// The period's choice of review tiers to skip (M0015).
    func cycleSettings(periodID: UUID) async throws -> Cycle.Settings {
        try await periodCycle(periodID: periodID).settings
    }

    /// Whether a team with its surat tugas (number and date) is assigned the PD in the period.
    func isAssigned(periodID: UUID, unitID: UUID) async throws -> Bool {
        try await !rows(
            """
            SELECT s.team_id FROM assignments s JOIN teams t ON t.id = s.team_id
            WHERE s.period_id = \(bind: periodID) AND s.unit_id = \(bind: unitID)
              AND t.letter_number IS NOT NULL AND t.letter_date IS NOT NULL
            """
        ).isEmpty
    }

    /// The moves of an assessment's cycle, oldest first, with the names of those who made them.
    func cycleEvents(assessmentID: UUID) async throws -> [CycleEvent] {
        try await rows(
            """
            SELECT e.at, e.username, u.display_name, e.action, e.from_stage, e.to_stage, e.reason, e.revision
            FROM cycle_events e LEFT JOIN users u ON u.id = e.user_id
            WHERE e.assessment_id = \(bind: assessmentID) ORDER BY e.at, e.id
            """
        ).compactMap { r in
            guard let action = try r.string("action").flatMap(Cycle.Action.init(rawValue:)),
                let from = try r.string("from_stage").flatMap(Cycle.Stage.init(rawValue:)),
                let to = try r.string("to_stage").flatMap(Cycle.Stage.init(rawValue:))
            else { return nil }
            return CycleEvent(
                at: try r.required(r.string, "at"), username: try r.required(r.string, "username"),
                displayName: try r.string("display_name"), action: action, from: from, to: to,
                reason: try r.string("reason"), revision: try r.int("revision") ?? 1)
        }
    }

    /// Moves the PD's cycle by `action` if the core allows it from the stage the assessment has
    /// now (read under a lock: two moves at once cannot both start from the same stage) and that
    /// stage is `basedOn`, the one the asker saw (else 409 naming who moved it since). Records
    /// the event and its audit entry with the change. The core's refusal becomes 403 (not the
    /// account's move), 409 (not at this stage, or not ready) or 422 (a reason is missing).
    /// `sealing` stores the signed LHE in the same transaction when the move signs it (its
    /// assessment and revision given).
    func moveCycle(
        _ action: Cycle.Action, basedOn: Cycle.Stage?, reason: String?, access: UnitAccess,
        conditions: Cycle.Conditions,
        sealing: (@Sendable (StoreTransaction, _ assessmentID: UUID, _ revision: Int) async throws -> Void)? = nil
    ) async throws -> Cycle.Move {
        let user = access.user
        let actor = access.cycleActor
        let periodID = try access.period.requireID()
        return try await write { tx in
            let assessment = try await Self.assessment(for: access, in: tx)
            let id = try assessment.requireID()
            try await tx.lock(Assessment.schema, ["id": id])
            let current = try await ReadRow.all(
                "SELECT stage, revision FROM assessments WHERE id = \(bind: id)", on: tx.sql
            ).first
            let stage = try current?.string("stage").flatMap(Cycle.Stage.init(rawValue:)) ?? .preparation
            let revision = try current?.int("revision") ?? 1
            let settings = try await Self.settings(periodID: periodID, in: tx)
            let move: Cycle.Move
            do {
                move = try Cycle.move(
                    action, from: stage, basedOn: basedOn, by: actor, reason: reason, settings: settings,
                    conditions: conditions)
            } catch let refusal as Cycle.Refusal {
                if case .moved = refusal, let last = try await Self.lastMove(assessmentID: id, to: stage, in: tx) {
                    throw Abort(
                        .conflict,
                        reason: "\(refusal.description) Dipindahkan oleh \(last.by) pada \(last.at).")
                }
                throw Self.abort(refusal)
            }
            let newRevision = move.startsRevision ? revision + 1 : revision
            let release: SQLQueryString = move.releasesToUnit ? ", released = \(bind: true)" : ""
            try await tx.sql.raw(
                """
                UPDATE assessments SET stage = \(bind: move.to.rawValue), revision = \(bind: newRevision),
                  version = version + 1 \(release)
                WHERE id = \(bind: id)
                """
            ).run()
            try await tx.sql.insert(into: "cycle_events")
                .columns(
                    "id", "assessment_id", "at", "user_id", "username", "action", "from_stage", "to_stage", "reason",
                    "revision"
                )
                .values(
                    SQLBind(UUID()), SQLBind(id), SQLBind(UTCTimestamp.string(Date())), SQLBind(user.id),
                    SQLBind(user.username), SQLBind(action.rawValue), SQLBind(move.from.rawValue),
                    SQLBind(move.to.rawValue), SQLBind(move.reason), SQLBind(newRevision)
                )
                .run()
            try await tx.audit(
                user.auditActor, "cycle", "assessment", id.uuidString, before: ["stage": move.from.rawValue],
                after: ["stage": move.to.rawValue, "action": action.rawValue, "reason": move.reason ?? ""])
            if move.seals {
                guard let sealing else {
                    throw Abort(.internalServerError, reason: "LHE ditandatangani tanpa disimpan.")
                }
                try await sealing(tx, id, newRevision)
            }
            return move
        }
    }

    /// Who made the latest move into `stage`, and when, in the interface's words.
    private static func lastMove(assessmentID: UUID, to stage: Cycle.Stage, in tx: StoreTransaction) async throws -> (
        by: String, at: String
    )? {
        guard
            let row = try await ReadRow.all(
                """
                SELECT e.at, e.username, u.display_name FROM cycle_events e LEFT JOIN users u ON u.id = e.user_id
                WHERE e.assessment_id = \(bind: assessmentID) AND e.to_stage = \(bind: stage.rawValue)
                ORDER BY e.at DESC LIMIT 1
                """, on: tx.sql
            ).first
        else { return nil }
        let name = try row.string("display_name") ?? row.required(row.string, "username")
        return (name, WIBTime.text(utc: try row.required(row.string, "at")))
    }

    private static func settings(periodID: UUID, in tx: StoreTransaction) async throws -> Cycle.Settings {
        try periodCycle(try await ReadRow.all(periodCycleQuery(periodID), on: tx.sql).first).settings
    }

    private static func abort(_ refusal: Cycle.Refusal) -> Abort {
        switch refusal {
        case .notYours: Abort(.forbidden, reason: refusal.description)
        case .reasonRequired: Abort(.unprocessableEntity, reason: refusal.description)
        case .notAtStage, .notReady, .moved: Abort(.conflict, reason: refusal.description)
        }
    }
}
