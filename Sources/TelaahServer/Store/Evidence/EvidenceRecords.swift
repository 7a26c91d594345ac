import Fluent
import Foundation
import SQLKit
import TelaahCore
import Vapor

/// One piece of evidence as stored (`evidence`, M0026): a file (its hash names the stored bytes)
/// or a link; a later upload of the same name on the same target is its next version.
struct EvidenceRecord: Sendable, Equatable {
    var id: UUID
    var actor: AccessRules.ValueActor
    var target: String
    var isLink: Bool
    var name: String
    var version: Int
    var url: String?
    var sha256: String?
    var size: Int64?
    var contentType: String?
    var addedBy: String?
    var addedAt: String
    var supersededBy: UUID?
    var removedBy: String?
    var removedAt: String?

    /// Neither replaced by a later version nor removed.
    var isCurrent: Bool { supersededBy == nil && removedAt == nil }
}

/// A new piece of evidence, before it is recorded.
struct NewEvidence: Sendable {
    var actor: AccessRules.ValueActor
    var target: String
    var name: String
    var url: String?
    var sha256: String?
    var size: Int64?
    var contentType: String?
}

extension Store {
    /// The columns of `evidenceRecord`, after `leading` ones of the caller's.
    private static func evidenceColumns(_ leading: String = "") -> SQLQueryString {
        """
        SELECT \(unsafeRaw: leading)e.id, e.actor, e.target, e.kind, e.name, e.version, e.url, e.sha256, e.size, e.content_type,
          e.added_at, e.superseded_by, e.removed_at, u.display_name AS adder, r.display_name AS remover
        FROM evidence e LEFT JOIN users u ON u.id = e.added_by LEFT JOIN users r ON r.id = e.removed_by
        """
    }

    private static func evidenceRecord(_ r: ReadRow) throws -> EvidenceRecord {
        EvidenceRecord(
            id: try r.required(r.uuid, "id"),
            actor: try r.string("actor").flatMap(AccessRules.ValueActor.init(rawValue:)) ?? .unit,
            target: try r.required(r.string, "target"), isLink: try r.string("kind") == "link",
            name: try r.required(r.string, "name"), version: try r.int("version") ?? 1, url: try r.string("url"),
            sha256: try r.string("sha256"), size: try r.int("size").map(Int64.init),
            contentType: try r.string("content_type"), addedBy: try r.string("adder"),
            addedAt: try r.required(r.string, "added_at"), supersededBy: try r.uuid("superseded_by"),
            removedBy: try r.string("remover"), removedAt: try r.string("removed_at"))
    }

    /// The evidence of an assessment by `actors`, every version, in the order added.
    func evidence(assessmentID: UUID, actors: [AccessRules.ValueActor]) async throws -> [EvidenceRecord] {
        guard !actors.isEmpty else { return [] }
        let list = actors.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try await rows(
            """
            \(Self.evidenceColumns())
            WHERE e.assessment_id = \(bind: assessmentID) AND e.actor IN (\(unsafeRaw: list))
            ORDER BY e.added_at, e.version, e.id
            """
        ).map(Self.evidenceRecord)
    }

    /// The current evidence (neither replaced nor removed) by `actors` of every assessment of a
    /// period, by assessment, in the order added: what the documents list.
    func currentEvidence(periodID: UUID, actors: [AccessRules.ValueActor], unit: UUID? = nil) async throws -> [UUID:
        [EvidenceRecord]]
    {
        guard !actors.isEmpty else { return [:] }
        let only: SQLQueryString = unit.map { "AND a.unit_id = \(bind: $0)" } ?? ""
        let list = actors.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var out: [UUID: [EvidenceRecord]] = [:]
        for row in try await rows(
            """
            \(Self.evidenceColumns("e.assessment_id, "))
            JOIN assessments a ON a.id = e.assessment_id
            WHERE a.period_id = \(bind: periodID) AND e.actor IN (\(unsafeRaw: list)) \(only)
              AND e.superseded_by IS NULL AND e.removed_at IS NULL
            ORDER BY e.added_at, e.version, e.id
            """)
        {
            out[try row.required(row.uuid, "assessment_id"), default: []].append(try Self.evidenceRecord(row))
        }
        return out
    }

    /// One piece of evidence of an assessment, nil when it is not of that assessment.
    func evidence(id: UUID, assessmentID: UUID) async throws -> EvidenceRecord? {
        try await rows(
            "\(Self.evidenceColumns()) WHERE e.id = \(bind: id) AND e.assessment_id = \(bind: assessmentID)"
        ).first.map(Self.evidenceRecord)
    }

    /// Bytes of the files an assessment keeps (every version; removed ones no longer count).
    func evidenceBytes(assessmentID: UUID) async throws -> Int64 {
        let row = try await rows(
            """
            SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) AS total FROM evidence
            WHERE assessment_id = \(bind: assessmentID) AND removed_at IS NULL
            """
        ).first
        return Int64(try row?.int("total") ?? 0)
    }

    /// The criteria and sub-components with current evidence, of either actor.
    func evidenceTargets(assessmentID: UUID) async throws -> Set<String> {
        Set(
            try await rows(
                """
                SELECT DISTINCT target FROM evidence WHERE assessment_id = \(bind: assessmentID)
                  AND superseded_by IS NULL AND removed_at IS NULL
                """
            ).compactMap { try $0.string("target") })
    }

    /// Every hash a record names, with a name it carries (`telaah audit verify`, the backup, the collector).
    func evidenceFiles() async throws -> [(sha256: String, name: String)] {
        try await rows("SELECT sha256, MIN(name) AS name FROM evidence WHERE sha256 IS NOT NULL GROUP BY sha256")
            .map { (try $0.required($0.string, "sha256"), try $0.string("name") ?? "") }
    }

    /// The government's limits on evidence (M0027), the defaults where unset.
    func evidenceLimits(governmentID: UUID) async throws -> Evidence.Limits {
        let row = try await rows(
            "SELECT evidence_file_limit_mb, evidence_unit_limit_mb FROM governments WHERE id = \(bind: governmentID)"
        ).first
        var limits = Evidence.Limits()
        if let mb = try row?.int("evidence_file_limit_mb") { limits.perFile = Int64(mb) << 20 }
        if let mb = try row?.int("evidence_unit_limit_mb") { limits.perUnit = Int64(mb) << 20 }
        return limits
    }

    /// Records a piece of evidence: the next version of the same name on the same target by the
    /// same actor (the one before stays, marked as replaced), audited with its hash. A file's bytes
    /// must still be in `files`: the collector may have reclaimed bytes found unreferenced since
    /// the upload found them stored (its mark is lifted here, under the same lock as its reclaim).
    func addEvidence(_ new: NewEvidence, assessmentID: UUID, by user: SignedIn, files: any EvidenceFiles)
        async throws -> UUID
    {
        try await write { tx in
            try await tx.lock(Assessment.schema, ["id": assessmentID])
            if let sha = new.sha256 {
                try await tx.sql.raw("DELETE FROM evidence_orphans WHERE sha256 = \(bind: sha)").run()
                guard try await files.holds(sha, in: tx) else {
                    throw Abort(
                        .serviceUnavailable, reason: "Berkas ini baru saja dibersihkan dari penyimpanan: unggah lagi.")
                }
            }
            let previous = try await ReadRow.all(
                """
                SELECT id, version FROM evidence WHERE assessment_id = \(bind: assessmentID)
                  AND actor = \(bind: new.actor.rawValue) AND target = \(bind: new.target) AND name = \(bind: new.name)
                ORDER BY version DESC
                """, on: tx.sql
            ).first
            let id = UUID()
            let version = (try previous?.int("version") ?? 0) + 1
            try await tx.sql.raw(
                """
                INSERT INTO evidence (id, assessment_id, actor, target, kind, name, version, url, sha256, size,
                  content_type, added_by, added_at)
                VALUES (\(bind: id), \(bind: assessmentID), \(bind: new.actor.rawValue), \(bind: new.target),
                  \(bind: new.url == nil ? "file" : "link"), \(bind: new.name), \(bind: version), \(bind: new.url),
                  \(bind: new.sha256), \(bind: new.size), \(bind: new.contentType), \(bind: user.id),
                  \(bind: UTCTimestamp.string(Date())))
                """
            ).run()
            if let before = try previous?.uuid("id") {
                try await tx.sql.raw(
                    "UPDATE evidence SET superseded_by = \(bind: id) WHERE id = \(bind: before) AND superseded_by IS NULL"
                ).run()
            }
            var after = [
                "actor": new.actor.rawValue, "target": new.target, "name": new.name, "version": String(version),
            ]
            if let url = new.url { after["url"] = url }
            if let sha = new.sha256, let size = new.size {
                after["sha256"] = sha
                after["size"] = String(size)
                after["content_type"] = new.contentType ?? ""
            }
            try await tx.audit(
                user.auditActor, "evidence_add", "assessment", assessmentID.uuidString, before: String?.none,
                after: after)
            return id
        }
    }

    /// Removes a piece of evidence: gone while the PD's self-assessment is its draft, else hidden
    /// with who and when; audited either way.
    func removeEvidence(
        _ record: EvidenceRecord, assessmentID: UUID, removal: Evidence.Removal, by user: SignedIn
    ) async throws {
        try await write { tx in
            try await tx.lock(Assessment.schema, ["id": assessmentID])
            switch removal {
            case .delete:
                try await tx.sql.raw(
                    "UPDATE evidence SET superseded_by = NULL WHERE superseded_by = \(bind: record.id)"
                ).run()
                try await tx.sql.raw("DELETE FROM evidence WHERE id = \(bind: record.id)").run()
            case .hide:
                try await tx.sql.raw(
                    """
                    UPDATE evidence SET removed_by = \(bind: user.id), removed_at = \(bind: UTCTimestamp.string(Date()))
                    WHERE id = \(bind: record.id) AND removed_at IS NULL
                    """
                ).run()
            }
            try await tx.audit(
                user.auditActor, removal == .delete ? "evidence_delete" : "evidence_hide", "assessment",
                assessmentID.uuidString,
                before: ["target": record.target, "name": record.name, "sha256": record.sha256 ?? ""],
                after: String?.none)
        }
    }
}

extension TelaahApp {
    /// Adds a piece of evidence outside a request (the demo): the file's bytes into the evidence
    /// store, the record as an upload by `username` makes it, audited. Returns its id.
    @discardableResult
    package static func addEvidence(
        _ app: Application, assessmentID: UUID, actor: AccessRules.ValueActor, target: String, name: String,
        file: Data? = nil, url: String? = nil, by username: String
    ) async throws -> UUID {
        guard let user = try await User.query(on: app.db).filter(\.$username == username).first() else {
            throw Abort(.notFound, reason: "Akun \(username) tidak ada.")
        }
        var new = NewEvidence(actor: actor, target: target, name: name, url: url)
        if let file {
            let intake = try await EvidenceIntake.begin(app.evidenceFiles, name: name)
            do {
                try await intake.feed(ByteBuffer(data: file))
                (new.sha256, new.size, new.contentType) = try await intake.finish()
            } catch {
                await intake.abort()
                throw error
            }
        }
        // Only the audit entry reads the account's role: the demo's uploads are its own.
        let by = SignedIn(
            id: try user.requireID(), governmentID: user.$government.id, role: .operator, unitID: user.$unit.id,
            username: user.username, displayName: user.displayName, seal: app.auditSeal)
        return try await app.store.addEvidence(new, assessmentID: assessmentID, by: by, files: app.evidenceFiles)
    }
}
