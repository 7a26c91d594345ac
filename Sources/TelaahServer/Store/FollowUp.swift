import Crypto
import Fluent
import Foundation
import SQLKit
import TelaahCore
import Vapor

/// One recommendation of a signed LHE (M0028).
struct StoredRecommendation: Sendable {
    var id: UUID
    var code: String
    var subcomponent: String
    var text: String
    var revision: Int
    /// The LHE revision that dropped or rewrote it; nil while it stands.
    var withdrawnRevision: Int?
    var verdict: FollowUp.Verdict?
    var verdictReason: String?
    var verifiedBy: String?
    var verifiedAt: String?
    var version: Int
}

/// One planned action of the rencana aksi (M0029).
struct StoredAction: Sendable {
    var id: UUID
    var recommendationID: UUID
    var action: String
    var personName: String
    var personPosition: String
    var personPhone: String?
    /// TTTT-BB-HH.
    var due: String
}

/// What the PD reported doing for an action (realisasi).
struct StoredReport: Sendable {
    var id: UUID
    var actionID: UUID
    var text: String
    var by: String?
    var at: String
}

/// A planned action past its due day (the home pages' list).
/// A PD's planned actions past due for the LHE of one year: how many, and the oldest due day.
struct OverdueUnit: Sendable {
    var unitID: UUID
    var unit: String
    var periodID: UUID
    var year: Int
    var actions: Int
    var oldest: DocumentDate
}

/// The past-due follow-up of the PD an account reads, one line per PD and LHE year.
struct OverdueSummary: Sendable {
    var actions: Int
    var units: Int
    var lines: [OverdueUnit]
}

/// A PD's follow-up of one signed LHE, as stored.
struct StoredFollowUp: Sendable {
    var recommendations: [StoredRecommendation]
    var actions: [StoredAction]
    var reports: [StoredReport]
    var state: FollowUp.PlanState
    var note: String?
    var movedBy: String?
    var movedAt: String?
    var planVersion: Int

    /// The recommendations the LHE's latest revision stands by.
    var current: [StoredRecommendation] { recommendations.filter { $0.withdrawnRevision == nil } }

    func status(_ r: StoredRecommendation) -> FollowUp.Status {
        let actions = actions.filter { $0.recommendationID == r.id }
        let ids = Set(actions.map(\.id))
        return FollowUp.status(
            verdict: r.verdict, actions: actions.count, reports: reports.filter { ids.contains($0.actionID) }.count)
    }

    var tally: FollowUp.Tally { FollowUp.Tally(current.map(status)) }

    static let empty = StoredFollowUp(
        recommendations: [], actions: [], reports: [], state: .draft, note: nil, movedBy: nil, movedAt: nil,
        planVersion: 0)
}

extension Store {
    /// Inside the signing transaction: the signed LHE's recommendations become records. Those the
    /// revision before stood by and this one repeats word for word keep their id and code (and
    /// their follow-up); the others are marked withdrawn; new ones get the next code of their
    /// sub-component.
    static func syncRecommendations(
        assessmentID: UUID, lheID: UUID, revision: Int, year: Int, texts: [(subcomponent: String, text: String)],
        by user: SignedIn, in tx: StoreTransaction
    ) async throws {
        let existing = try await ReadRow.all(
            """
            SELECT id, subcomponent_id, position, text, withdrawn_revision FROM recommendations
            WHERE assessment_id = \(bind: assessmentID)
            """, on: tx.sql)
        var standing: [String: UUID] = [:]
        var last: [String: Int] = [:]
        for row in existing {
            let sub = try row.required(row.string, "subcomponent_id")
            last[sub] = max(last[sub] ?? 0, try row.int("position") ?? 0)
            if try row.int("withdrawn_revision") == nil {
                standing["\(sub)\n\(try row.required(row.string, "text"))"] = try row.required(row.uuid, "id")
            }
        }
        var kept = Set<UUID>()
        var added: [String] = []
        let now = UTCTimestamp.string(Date())
        for (sub, text) in texts {
            for line in FollowUp.recommendations(in: text) {
                if let id = standing["\(sub)\n\(line)"], !kept.contains(id) {
                    kept.insert(id)
                    continue
                }
                let position = (last[sub] ?? 0) + 1
                last[sub] = position
                let code = FollowUp.code(year: year, subcomponent: sub, index: position)
                try await tx.sql.raw(
                    """
                    INSERT INTO recommendations (id, assessment_id, lhe_id, revision, subcomponent_id, position, code, text,
                      version, created_at)
                    VALUES (\(bind: UUID()), \(bind: assessmentID), \(bind: lheID), \(bind: revision), \(bind: sub),
                      \(bind: position), \(bind: code), \(bind: line), 1, \(bind: now))
                    """
                ).run()
                added.append(code)
            }
        }
        let withdrawn = standing.values.filter { !kept.contains($0) }
        for id in withdrawn {
            try await tx.sql.raw(
                "UPDATE recommendations SET withdrawn_revision = \(bind: revision) WHERE id = \(bind: id)"
            ).run()
        }
        guard !added.isEmpty || !withdrawn.isEmpty else { return }
        try await followUpChanged(assessmentID, in: tx)
        try await tx.audit(
            user.auditActor, "recommendations", "assessment", assessmentID.uuidString, before: String?.none,
            after: [
                "revision": String(revision), "added": added.joined(separator: ", "),
                "withdrawn": String(withdrawn.count),
            ])
    }

    /// Everything of an assessment's follow-up, in the register's order.
    func followUp(assessmentID: UUID) async throws -> StoredFollowUp {
        try await followUps("= \(bind: assessmentID)")[assessmentID] ?? StoredFollowUp.empty
    }

    /// The follow-up of every assessment of a period that has a register, by assessment.
    func followUps(periodID: UUID) async throws -> [UUID: StoredFollowUp] {
        try await followUps("IN (SELECT id FROM assessments WHERE period_id = \(bind: periodID))")
    }

    /// The registers of the assessments whose id satisfies `assessment` (`= …` or `IN (…)`): four
    /// reads whatever their number.
    private func followUps(_ assessment: SQLQueryString) async throws -> [UUID: StoredFollowUp] {
        var out: [UUID: StoredFollowUp] = [:]
        for r in try await rows(
            """
            SELECT r.assessment_id, r.id, r.code, r.subcomponent_id, r.text, r.revision, r.withdrawn_revision,
              r.verdict, r.verdict_reason, r.verified_at, r.version, u.display_name AS verifier
            FROM recommendations r LEFT JOIN users u ON u.id = r.verified_by
            WHERE r.assessment_id \(assessment) ORDER BY r.created_at, r.subcomponent_id, r.position
            """)
        {
            out[try r.required(r.uuid, "assessment_id"), default: .empty].recommendations.append(
                StoredRecommendation(
                    id: try r.required(r.uuid, "id"), code: try r.required(r.string, "code"),
                    subcomponent: try r.required(r.string, "subcomponent_id"), text: try r.required(r.string, "text"),
                    revision: try r.int("revision") ?? 1, withdrawnRevision: try r.int("withdrawn_revision"),
                    verdict: try r.string("verdict").flatMap(FollowUp.Verdict.init(rawValue:)),
                    verdictReason: try r.string("verdict_reason"), verifiedBy: try r.string("verifier"),
                    verifiedAt: try r.string("verified_at"), version: try r.int("version") ?? 1))
        }
        for r in try await rows(
            """
            SELECT assessment_id, id, recommendation_id, action, person_name, person_position, person_phone, due_date
            FROM plan_actions WHERE assessment_id \(assessment) AND removed_at IS NULL ORDER BY created_at, id
            """)
        {
            out[try r.required(r.uuid, "assessment_id"), default: .empty].actions.append(
                StoredAction(
                    id: try r.required(r.uuid, "id"), recommendationID: try r.required(r.uuid, "recommendation_id"),
                    action: try r.required(r.string, "action"), personName: try r.required(r.string, "person_name"),
                    personPosition: try r.required(r.string, "person_position"),
                    personPhone: try r.string("person_phone"), due: try r.required(r.string, "due_date")))
        }
        for r in try await rows(
            """
            SELECT a.assessment_id, a.id, a.action_id, a.text, a.reported_at, u.display_name AS reporter
            FROM action_reports a LEFT JOIN users u ON u.id = a.reported_by
            WHERE a.assessment_id \(assessment) ORDER BY a.reported_at, a.id
            """)
        {
            out[try r.required(r.uuid, "assessment_id"), default: .empty].reports.append(
                StoredReport(
                    id: try r.required(r.uuid, "id"), actionID: try r.required(r.uuid, "action_id"),
                    text: try r.required(r.string, "text"), by: try r.string("reporter"),
                    at: try r.required(r.string, "reported_at")))
        }
        for r in try await rows(
            """
            SELECT p.assessment_id, p.state, p.note, p.moved_at, p.version, u.display_name AS mover
            FROM action_plans p LEFT JOIN users u ON u.id = p.moved_by WHERE p.assessment_id \(assessment)
            """)
        {
            let id = try r.required(r.uuid, "assessment_id")
            var f = out[id] ?? .empty
            f.state = try r.string("state").flatMap(FollowUp.PlanState.init(rawValue:)) ?? .draft
            f.note = try r.string("note")
            f.movedBy = try r.string("mover")
            f.movedAt = try r.string("moved_at")
            f.planVersion = try r.int("version") ?? 0
            out[id] = f
        }
        return out
    }

    /// The follow-up of a PD's latest earlier period whose LHE gave recommendations: its year, its
    /// period and its register.
    func priorFollowUp(unitID: UUID, before year: Int) async throws -> (Int, UUID, StoredFollowUp)? {
        guard
            let row = try await rows(
                """
                SELECT a.id, a.period_id, p.evaluation_year FROM assessments a JOIN periods p ON p.id = a.period_id
                WHERE a.unit_id = \(bind: unitID) AND p.evaluation_year < \(bind: year)
                  AND EXISTS (SELECT 1 FROM recommendations r WHERE r.assessment_id = a.id)
                ORDER BY p.evaluation_year DESC LIMIT 1
                """
            ).first
        else { return nil }
        return (
            try row.int("evaluation_year") ?? 0, try row.required(row.uuid, "period_id"),
            try await followUp(assessmentID: try row.required(row.uuid, "id"))
        )
    }

    /// The recommendations of a PD's registers before `year` still open (not verified as
    /// compliant or impossible), oldest year first: what carries into the next period.
    func openRecommendations(unitID: UUID, before year: Int) async throws -> [(
        year: Int, recommendation: StoredRecommendation, status: FollowUp.Status
    )] {
        var years: [UUID: Int] = [:]
        for row in try await rows(
            """
            SELECT DISTINCT a.id, p.evaluation_year FROM assessments a JOIN periods p ON p.id = a.period_id
            JOIN recommendations r ON r.assessment_id = a.id
            WHERE a.unit_id = \(bind: unitID) AND p.evaluation_year < \(bind: year)
            """)
        {
            years[try row.required(row.uuid, "id")] = try row.int("evaluation_year") ?? 0
        }
        guard !years.isEmpty else { return [] }
        var out: [(Int, StoredRecommendation, FollowUp.Status)] = []
        for (assessment, register) in try await followUps("IN (\(binds: Array(years.keys)))") {
            for r in register.current where !register.status(r).closed {
                out.append((years[assessment] ?? 0, r, register.status(r)))
            }
        }
        return out.sorted { ($0.0, $0.1.code) < ($1.0, $1.1.code) }
    }

    /// `priorFollowUp` for many PD at once (the documents of a period).
    func priorFollowUps(unitIDs: [UUID], before year: Int) async throws -> [UUID: (Int, StoredFollowUp)] {
        let ids = Set(unitIDs)
        // Each PD's latest earlier assessment with a register, then those registers: five reads for
        // the whole regency, one in its first year.
        var latest: [UUID: (year: Int, period: UUID, assessment: UUID)] = [:]
        for row in try await rows(
            """
            SELECT DISTINCT a.unit_id, a.id, a.period_id, p.evaluation_year
            FROM recommendations r JOIN assessments a ON a.id = r.assessment_id
            JOIN periods p ON p.id = a.period_id WHERE p.evaluation_year < \(bind: year)
            """)
        {
            let unit = try row.required(row.uuid, "unit_id")
            let y = try row.int("evaluation_year") ?? 0
            guard ids.contains(unit), y > (latest[unit]?.year ?? Int.min) else { continue }
            latest[unit] = (y, try row.required(row.uuid, "period_id"), try row.required(row.uuid, "id"))
        }
        guard !latest.isEmpty else { return [:] }
        let registers = try await followUps("IN (\(binds: latest.values.map(\.assessment)))")
        var out: [UUID: (Int, StoredFollowUp)] = [:]
        for (unit, l) in latest { if let register = registers[l.assessment] { out[unit] = (l.year, register) } }
        return out
    }

    /// The planned actions of a government's registers past their due day whose recommendation
    /// is still open (`FollowUp.overdue`, with the core's closing verdicts), on `units` (nil: all),
    /// per PD and LHE year, most first: how many actions and PD in all, and the first `limit` lines.
    func overdueActions(governmentID: UUID, today: DocumentDate, units: [UUID]?, limit: Int) async throws
        -> OverdueSummary
    {
        if let units, units.isEmpty { return OverdueSummary(actions: 0, units: 0, lines: []) }
        let open = FollowUp.Verdict.allCases.filter { !$0.closes }.map(\.rawValue)
        let scope: SQLQueryString = units.map { "AND a.unit_id IN (\(binds: $0))" } ?? ""
        // One pass: the totals over all lines ride along each of the first ones.
        let rows = try await hotRows(
            """
            SELECT CAST(SUM(COUNT(*)) OVER () AS INTEGER) AS total_actions, COUNT(*) OVER () AS total_units, u.id AS unit_id, u.name,
              a.period_id, p.evaluation_year, COUNT(*) AS actions, MIN(pa.due_date) AS oldest
            FROM plan_actions pa JOIN recommendations r ON r.id = pa.recommendation_id
            JOIN assessments a ON a.id = pa.assessment_id JOIN periods p ON p.id = a.period_id
            JOIN units u ON u.id = a.unit_id
            WHERE p.government_id = \(bind: governmentID) AND pa.removed_at IS NULL AND r.withdrawn_revision IS NULL
              AND pa.due_date < \(bind: today.isoText) AND (r.verdict IS NULL OR r.verdict IN (\(binds: open))) \(scope)
            GROUP BY u.id, u.name, u.position, a.period_id, p.evaluation_year
            ORDER BY COUNT(*) DESC, MIN(pa.due_date), u.position LIMIT \(literal: limit)
            """)
        let lines = try rows.compactMap { r -> OverdueUnit? in
            guard let oldest = DocumentDate(iso: try r.required(r.string, "oldest")) else { return nil }
            return OverdueUnit(
                unitID: try r.required(r.uuid, "unit_id"), unit: try r.required(r.string, "name"),
                periodID: try r.required(r.uuid, "period_id"), year: try r.int("evaluation_year") ?? 0,
                actions: try r.int("actions") ?? 0, oldest: oldest)
        }
        return OverdueSummary(
            actions: try rows.first?.int("total_actions") ?? 0, units: try rows.first?.int("total_units") ?? 0,
            lines: lines)
    }

    /// Raises the government's follow-up version (M0033) inside a follow-up write: the past-due
    /// lists kept per version are made again.
    static func followUpChanged(_ assessmentID: UUID, in tx: StoreTransaction) async throws {
        try await tx.sql.raw(
            """
            UPDATE governments SET follow_up_version = follow_up_version + 1
            WHERE id = (SELECT government_id FROM assessments WHERE id = \(bind: assessmentID))
            """
        ).run()
    }

    /// The plan's state inside a write, its row locked (created as a draft when there is none).
    private static func planState(_ assessmentID: UUID, in tx: StoreTransaction) async throws -> FollowUp.PlanState {
        try await tx.lock("action_plans", ["assessment_id": assessmentID])
        let row = try await ReadRow.all(
            "SELECT state FROM action_plans WHERE assessment_id = \(bind: assessmentID)", on: tx.sql
        ).first
        if let state = try row?.string("state").flatMap(FollowUp.PlanState.init(rawValue:)) { return state }
        try await tx.sql.raw(
            "INSERT INTO action_plans (assessment_id, state, version) VALUES (\(bind: assessmentID), 'draft', 1)"
        ).run()
        return .draft
    }

    /// 409 unless the plan is the PD's to change (a draft, or returned to it).
    private static func requireEditablePlan(_ assessmentID: UUID, in tx: StoreTransaction) async throws {
        let state = try await planState(assessmentID, in: tx)
        guard state.editableByUnit else {
            throw Abort(.conflict, reason: "Rencana aksi sudah \(state.title.lowercased()): tidak dapat diubah.")
        }
    }

    /// A standing recommendation of the assessment inside a write, or 404.
    private static func requireRecommendation(_ id: UUID, _ assessmentID: UUID, in tx: StoreTransaction) async throws
        -> String
    {
        let row = try await ReadRow.all(
            """
            SELECT code FROM recommendations WHERE id = \(bind: id) AND assessment_id = \(bind: assessmentID)
              AND withdrawn_revision IS NULL
            """, on: tx.sql
        ).first
        guard let code = try row?.string("code") else { throw Abort(.notFound, reason: "Rekomendasi tidak ditemukan.") }
        return code
    }

    /// Adds a planned action to a recommendation while the plan is the PD's; audited.
    func addAction(
        assessmentID: UUID, recommendationID: UUID, action: String, person: String, position: String, phone: String?,
        due: String, by user: SignedIn
    ) async throws -> UUID {
        try await write { tx in
            try await Self.requireEditablePlan(assessmentID, in: tx)
            let code = try await Self.requireRecommendation(recommendationID, assessmentID, in: tx)
            let id = UUID()
            try await tx.sql.raw(
                """
                INSERT INTO plan_actions (id, assessment_id, recommendation_id, action, person_name, person_position,
                  person_phone, due_date, created_by, created_at)
                VALUES (\(bind: id), \(bind: assessmentID), \(bind: recommendationID), \(bind: action), \(bind: person),
                  \(bind: position), \(bind: phone), \(bind: due), \(bind: user.id), \(bind: UTCTimestamp.string(Date())))
                """
            ).run()
            try await Self.followUpChanged(assessmentID, in: tx)
            try await tx.audit(
                user.auditActor, "plan_action", "assessment", assessmentID.uuidString, before: String?.none,
                after: ["recommendation": code, "action": action, "person": "\(person), \(position)", "due": due])
            return id
        }
    }

    /// Removes a planned action while the plan is the PD's (kept, marked removed); audited.
    func removeAction(assessmentID: UUID, actionID: UUID, by user: SignedIn) async throws {
        try await write { tx in
            try await Self.requireEditablePlan(assessmentID, in: tx)
            let row = try await ReadRow.all(
                """
                SELECT action FROM plan_actions WHERE id = \(bind: actionID) AND assessment_id = \(bind: assessmentID)
                  AND removed_at IS NULL
                """, on: tx.sql
            ).first
            guard let text = try row?.string("action") else {
                throw Abort(.notFound, reason: "Rencana aksi tidak ditemukan.")
            }
            try await tx.sql.raw(
                "UPDATE plan_actions SET removed_at = \(bind: UTCTimestamp.string(Date())) WHERE id = \(bind: actionID)"
            ).run()
            try await Self.followUpChanged(assessmentID, in: tx)
            try await tx.audit(
                user.auditActor, "plan_action_remove", "assessment", assessmentID.uuidString,
                before: ["action": text], after: String?.none)
        }
    }

    /// Moves the plan (submit, return, accept) if the core allows it from its state now; audited.
    func movePlan(
        assessmentID: UUID, move: FollowUp.PlanMove, actor: FollowUp.Actor?, note: String?, by user: SignedIn
    ) async throws {
        try await write { tx in
            let state = try await Self.planState(assessmentID, in: tx)
            let counts = try await ReadRow.all(
                """
                SELECT COUNT(DISTINCT CASE WHEN a.id IS NOT NULL THEN r.id END) AS planned
                FROM recommendations r LEFT JOIN plan_actions a ON a.recommendation_id = r.id AND a.removed_at IS NULL
                WHERE r.assessment_id = \(bind: assessmentID) AND r.withdrawn_revision IS NULL
                """, on: tx.sql
            ).first
            let all = try await ReadRow.all(
                """
                SELECT COUNT(*) AS n FROM recommendations
                WHERE assessment_id = \(bind: assessmentID) AND withdrawn_revision IS NULL
                """, on: tx.sql
            ).first
            if let refusal = FollowUp.moveRefusal(
                move, from: state, by: actor, recommendations: try all?.int("n") ?? 0,
                planned: try counts?.int("planned") ?? 0, note: note)
            {
                throw Abort(.conflict, reason: refusal)
            }
            let next = FollowUp.state(after: move)
            let kept = move == .returnToUnit ? note?.trimmingCharacters(in: .whitespacesAndNewlines) : nil
            try await tx.sql.raw(
                """
                UPDATE action_plans SET state = \(bind: next.rawValue), note = \(bind: kept), moved_by = \(bind: user.id),
                  moved_at = \(bind: UTCTimestamp.string(Date())), version = version + 1
                WHERE assessment_id = \(bind: assessmentID)
                """
            ).run()
            try await Self.followUpChanged(assessmentID, in: tx)
            try await tx.audit(
                user.auditActor, "plan_\(move.rawValue)", "assessment", assessmentID.uuidString,
                before: ["state": state.rawValue], after: ["state": next.rawValue, "note": kept ?? ""])
        }
    }

    /// Records what the PD did for an action of an accepted plan; audited.
    func addReport(assessmentID: UUID, actionID: UUID, text: String, by user: SignedIn) async throws -> UUID {
        try await write { tx in
            let state = try await Self.planState(assessmentID, in: tx)
            guard state == .accepted else {
                throw Abort(.conflict, reason: "Realisasi dilaporkan setelah rencana aksi diterima Inspektorat.")
            }
            let row = try await ReadRow.all(
                """
                SELECT r.code, r.verdict FROM plan_actions a JOIN recommendations r ON r.id = a.recommendation_id
                WHERE a.id = \(bind: actionID) AND a.assessment_id = \(bind: assessmentID) AND a.removed_at IS NULL
                """, on: tx.sql
            ).first
            guard let code = try row?.string("code") else {
                throw Abort(.notFound, reason: "Rencana aksi tidak ditemukan.")
            }
            if let verdict = try row?.string("verdict").flatMap(FollowUp.Verdict.init(rawValue:)), verdict.closes {
                throw Abort(.conflict, reason: "Rekomendasi \(code) sudah diverifikasi: \(verdict.title.lowercased()).")
            }
            let id = UUID()
            try await tx.sql.raw(
                """
                INSERT INTO action_reports (id, assessment_id, action_id, text, reported_by, reported_at)
                VALUES (\(bind: id), \(bind: assessmentID), \(bind: actionID), \(bind: text), \(bind: user.id),
                  \(bind: UTCTimestamp.string(Date())))
                """
            ).run()
            try await Self.followUpChanged(assessmentID, in: tx)
            try await tx.audit(
                user.auditActor, "realisasi", "assessment", assessmentID.uuidString, before: String?.none,
                after: ["recommendation": code, "text": text])
            return id
        }
    }

    /// The Inspektorat's verdict on one recommendation, checked against its version; audited.
    func setVerdict(
        assessmentID: UUID, recommendationID: UUID, verdict: FollowUp.Verdict, reason: String?, version: Int,
        by user: SignedIn
    ) async throws {
        try await write { tx in
            try await tx.lock("recommendations", ["id": recommendationID])
            let row = try await ReadRow.all(
                """
                SELECT code, verdict, version FROM recommendations WHERE id = \(bind: recommendationID)
                  AND assessment_id = \(bind: assessmentID) AND withdrawn_revision IS NULL
                """, on: tx.sql
            ).first
            guard let row, let code = try row.string("code") else {
                throw Abort(.notFound, reason: "Rekomendasi tidak ditemukan.")
            }
            try Store.checkVersion(try row.int("version") ?? 1, version)
            let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            try await tx.sql.raw(
                """
                UPDATE recommendations SET verdict = \(bind: verdict.rawValue), verdict_reason = \(bind: reason),
                  verified_by = \(bind: user.id), verified_at = \(bind: UTCTimestamp.string(Date())), version = version + 1
                WHERE id = \(bind: recommendationID)
                """
            ).run()
            try await Self.followUpChanged(assessmentID, in: tx)
            try await tx.audit(
                user.auditActor, "verify", "assessment", assessmentID.uuidString,
                before: ["recommendation": code, "verdict": try row.string("verdict") ?? ""],
                after: ["recommendation": code, "verdict": verdict.rawValue, "reason": reason ?? ""])
        }
    }

    /// The head of a PD as its rencana aksi is signed (M0030); audited.
    func setUnitHead(unitID: UUID, name: String?, rank: String?, nip: String?, by user: SignedIn) async throws {
        try await write { tx in
            try await tx.sql.raw(
                """
                UPDATE units SET head_name = \(bind: name), head_rank = \(bind: rank), head_nip = \(bind: nip)
                WHERE id = \(bind: unitID)
                """
            ).run()
            try await tx.audit(
                user.auditActor, "unit_head", "unit", unitID.uuidString, before: String?.none,
                after: ["name": name ?? "", "rank": rank ?? "", "nip": nip ?? ""])
        }
    }

    /// The head of a PD by name, pangkat and NIP, as entered.
    func unitHead(unitID: UUID) async throws -> (name: String?, rank: String?, nip: String?) {
        let row = try await rows("SELECT head_name, head_rank, head_nip FROM units WHERE id = \(bind: unitID)").first
        return (try row?.string("head_name"), try row?.string("head_rank"), try row?.string("head_nip"))
    }
}

/// The Bupati's letter on a PD's signed LHE (M0031): prepared, then signed and kept as made.
struct StoredFollowUpLetter: Sendable {
    var number: String
    /// TTTT-BB-HH.
    var date: String
    var signer: RegionSigner
    var preparedBy: String?
    var signedBy: String?
    var signedAt: String?
    var docx: Data?
    var docxSHA256: String?

    var signed: Bool { signedAt != nil }
}

extension Store {
    func followUpLetter(assessmentID: UUID) async throws -> StoredFollowUpLetter? {
        guard
            let r = try await rows(
                """
                SELECT l.number, l.date, l.signer_kind, l.signer_name, l.signer_position, l.signed_at, l.docx,
                  l.docx_sha256, p.display_name AS preparer, s.display_name AS signer
                FROM follow_up_letters l LEFT JOIN users p ON p.id = l.prepared_by LEFT JOIN users s ON s.id = l.signed_by
                WHERE l.assessment_id = \(bind: assessmentID)
                """
            ).first
        else { return nil }
        return StoredFollowUpLetter(
            number: try r.required(r.string, "number"), date: try r.required(r.string, "date"),
            signer: RegionSigner(
                kind: try r.string("signer_kind").flatMap(RegionSigner.Kind.init(rawValue:)) ?? .head,
                name: try r.required(r.string, "signer_name"), position: try r.string("signer_position") ?? ""),
            preparedBy: try r.string("preparer"), signedBy: try r.string("signer"), signedAt: try r.string("signed_at"),
            docx: try r.decodeNil(column: "docx") ? nil : try r.decode(column: "docx", as: Data.self),
            docxSHA256: try r.string("docx_sha256"))
    }

    /// The Inspektorat sets the letter's number, date and signer (again, until it is signed); audited.
    func prepareFollowUpLetter(
        assessmentID: UUID, number: String, date: String, signer: RegionSigner, by user: SignedIn
    ) async throws {
        try await write { tx in
            try await tx.lock("follow_up_letters", ["assessment_id": assessmentID])
            let existing = try await ReadRow.all(
                "SELECT signed_at FROM follow_up_letters WHERE assessment_id = \(bind: assessmentID)", on: tx.sql
            ).first
            if try existing?.string("signed_at") != nil {
                throw Abort(.conflict, reason: "Surat tindak lanjut sudah ditandatangani: tidak dapat diubah.")
            }
            let now = UTCTimestamp.string(Date())
            if existing == nil {
                try await tx.sql.raw(
                    """
                    INSERT INTO follow_up_letters (assessment_id, number, date, signer_kind, signer_name, signer_position,
                      prepared_by, prepared_at)
                    VALUES (\(bind: assessmentID), \(bind: number), \(bind: date), \(bind: signer.kind.rawValue),
                      \(bind: signer.name), \(bind: signer.position), \(bind: user.id), \(bind: now))
                    """
                ).run()
            } else {
                try await tx.sql.raw(
                    """
                    UPDATE follow_up_letters SET number = \(bind: number), date = \(bind: date),
                      signer_kind = \(bind: signer.kind.rawValue), signer_name = \(bind: signer.name),
                      signer_position = \(bind: signer.position), prepared_by = \(bind: user.id), prepared_at = \(bind: now)
                    WHERE assessment_id = \(bind: assessmentID)
                    """
                ).run()
            }
            try await tx.audit(
                user.auditActor, "letter_prepare", "assessment", assessmentID.uuidString, before: String?.none,
                after: ["number": number, "date": date, "signer": "\(signer.kind.rawValue) \(signer.name)"])
        }
    }

    /// The pimpinan signs: the letter is made by `render` from what was prepared, kept with its
    /// SHA-256, and never made again; audited.
    func signFollowUpLetter(
        assessmentID: UUID, by user: SignedIn,
        render: @escaping @Sendable (StoredFollowUpLetter) throws -> Data
    ) async throws {
        let prepared = try await followUpLetter(assessmentID: assessmentID)
        guard let prepared else {
            throw Abort(.conflict, reason: "Surat tindak lanjut belum disiapkan Inspektorat.")
        }
        guard !prepared.signed else { throw Abort(.conflict, reason: "Surat tindak lanjut sudah ditandatangani.") }
        let docx = try render(prepared)
        let sha = SHA256.hash(data: docx).hexString
        try await write { tx in
            try await tx.lock("follow_up_letters", ["assessment_id": assessmentID])
            let row = try await ReadRow.all(
                """
                SELECT number, date, signer_name, signed_at FROM follow_up_letters WHERE assessment_id = \(bind: assessmentID)
                """, on: tx.sql
            ).first
            // What was rendered must still be what is prepared, and unsigned.
            guard try row?.string("signed_at") == nil, try row?.string("number") == prepared.number,
                try row?.string("date") == prepared.date, try row?.string("signer_name") == prepared.signer.name
            else { throw Abort(.conflict, reason: "Surat tindak lanjut berubah sementara itu: muat ulang.") }
            try await tx.sql.raw(
                """
                UPDATE follow_up_letters SET signed_by = \(bind: user.id), signed_at = \(bind: UTCTimestamp.string(Date())),
                  docx = \(bind: docx), docx_sha256 = \(bind: sha)
                WHERE assessment_id = \(bind: assessmentID)
                """
            ).run()
            try await tx.audit(
                user.auditActor, "letter_sign", "assessment", assessmentID.uuidString, before: String?.none,
                after: ["number": prepared.number, "docx_sha256": sha])
        }
    }
}
