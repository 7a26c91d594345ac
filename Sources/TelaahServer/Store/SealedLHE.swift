import Crypto
import Fluent
import Foundation
import SQLKit
import TelaahCore
import TelaahDocuments
import Vapor

/// A signed LHE as stored (M0017): made once at signing, returned byte for byte ever after.
struct SealedLHE: Sendable {
    var id: UUID
    var revision: Int
    var number: String
    /// The letter's date (TTTT-BB-HH).
    var date: String
    var signedAt: String
    var signedByName: String
    var docx: Data
    var docxSHA256: String
    var pdf: Data?
}

/// A signed revision in a PD's list (no bytes).
struct SealedRevision: Sendable {
    var revision: Int
    var number: String
    var date: String
}

extension Store {
    /// Inside the signing transaction: the next number of the government's register for the
    /// year, the letter rendered by `render` with that number and its seal (the audit chain's head
    /// as this transaction found it), stored with its SHA-256. Returns the stored letter.
    static func seal(
        assessmentID: UUID, revision: Int, governmentID: UUID, year: Int, signer: SignedIn, at moment: Date = Date(),
        in tx: StoreTransaction,
        render:
            @Sendable (_ sequence: Int, _ seal: (signedAt: String, auditSeq: Int64, auditHash: String)) throws -> (
                number: String, date: String, docx: Data
            )
    ) async throws -> SealedLHE {
        let last = try await ReadRow.all(
            """
            SELECT COALESCE(MAX(sequence), 0) AS n FROM lhe_documents
            WHERE government_id = \(bind: governmentID) AND year = \(bind: year)
            """, on: tx.sql
        ).first
        let sequence = (try last?.int("n") ?? 0) + 1
        let head = try await ReadRow.all("SELECT seq, hash FROM audit_head WHERE id = 1", on: tx.sql).first
        let auditSeq = Int64(try head?.int("seq") ?? 0)
        let auditHash = try head?.string("hash") ?? AuditLog.genesisHash
        let signedAt = UTCTimestamp.string(moment)
        let made = try render(sequence, (signedAt, auditSeq, auditHash))
        let sha = SHA256.hash(data: made.docx).hexString
        let id = UUID()
        try await tx.sql.insert(into: "lhe_documents")
            .columns(
                "id", "assessment_id", "government_id", "year", "sequence", "number", "revision", "date", "signed_at",
                "signed_by", "signed_by_name", "audit_seq", "audit_hash", "docx", "docx_sha256"
            )
            .values(
                SQLBind(id), SQLBind(assessmentID), SQLBind(governmentID), SQLBind(year), SQLBind(sequence),
                SQLBind(made.number), SQLBind(revision), SQLBind(made.date), SQLBind(signedAt), SQLBind(signer.id),
                SQLBind(signer.displayName), SQLBind(auditSeq), SQLBind(auditHash), SQLBind(made.docx), SQLBind(sha)
            )
            .run()
        try await tx.audit(
            signer.auditActor, "seal", "assessment", assessmentID.uuidString, before: String?.none,
            after: [
                "lhe": id.uuidString, "revision": String(revision), "number": made.number,
                "docx_sha256": sha,
            ])
        return SealedLHE(
            id: id, revision: revision, number: made.number, date: made.date, signedAt: signedAt,
            signedByName: signer.displayName, docx: made.docx, docxSHA256: sha, pdf: nil)
    }

    /// The stored LHE of an assessment's `revision`, or of its latest revision.
    func sealedLHE(assessmentID: UUID, revision: Int? = nil) async throws -> SealedLHE? {
        let which: SQLQueryString = revision.map { "AND revision = \(bind: $0)" } ?? ""
        guard
            let r = try await rows(
                """
                SELECT id, revision, number, date, signed_at, signed_by_name, docx, docx_sha256, pdf FROM lhe_documents
                WHERE assessment_id = \(bind: assessmentID) \(which) ORDER BY revision DESC
                """
            ).first
        else { return nil }
        return SealedLHE(
            id: try r.required(r.uuid, "id"), revision: try r.required(r.int, "revision"),
            number: try r.required(r.string, "number"), date: try r.required(r.string, "date"),
            signedAt: try r.required(r.string, "signed_at"), signedByName: try r.required(r.string, "signed_by_name"),
            docx: try r.decode(column: "docx", as: Data.self), docxSHA256: try r.required(r.string, "docx_sha256"),
            pdf: try r.decodeNil(column: "pdf") ? nil : try r.decode(column: "pdf", as: Data.self))
    }

    /// The signed revisions of an assessment, newest first.
    func sealedRevisions(assessmentID: UUID) async throws -> [SealedRevision] {
        try await rows(
            """
            SELECT revision, number, date FROM lhe_documents WHERE assessment_id = \(bind: assessmentID)
            ORDER BY revision DESC
            """
        ).map {
            SealedRevision(
                revision: try $0.required($0.int, "revision"), number: try $0.required($0.string, "number"),
                date: try $0.required($0.string, "date"))
        }
    }

    /// Keeps the PDF made from a stored LHE; the first one made stays (a download and the job
    /// after signing may both make one). Returns the kept one.
    func keepPDF(_ pdf: Data, for id: UUID) async throws -> Data {
        try await write { tx in
            try await tx.sql.raw(
                """
                UPDATE lhe_documents SET pdf = \(bind: pdf), pdf_sha256 = \(bind: SHA256.hash(data: pdf).hexString)
                WHERE id = \(bind: id) AND pdf IS NULL
                """
            ).run()
            let kept = try await tx.sql.raw("SELECT pdf FROM lhe_documents WHERE id = \(bind: id)").first()
            return try kept?.decode(column: "pdf", as: Data.self) ?? pdf
        }
    }
}

extension Store {
    /// The stored LHE of every final PD of a period (its latest revision), by PD.
    func sealedLHEByUnit(periodID: UUID) async throws -> [UUID: Data] {
        var byUnit: [UUID: Data] = [:]
        for r in try await rows(
            """
            SELECT a.unit_id, d.docx FROM lhe_documents d JOIN assessments a ON a.id = d.assessment_id
            WHERE a.period_id = \(bind: periodID) AND a.stage = \(bind: Cycle.Stage.final.rawValue) ORDER BY d.revision
            """)
        {
            byUnit[try r.required(r.uuid, "unit_id")] = try r.decode(column: "docx", as: Data.self)
        }
        return byUnit
    }
}

extension TelaahApp {
    /// Seals, as signed by the account `signer` on `day` (default 16 October of the evaluation
    /// year, the seeds' letters' date), the LHE of every final PD of the newest period (or of `period`) that has none: the
    /// demo's PD made final without the cycle then read as signed ones do. Returns how many it
    /// sealed.
    @discardableResult
    package static func sealUnsignedFinals(
        _ app: Application, signer username: String, period chosen: UUID? = nil, on day: DocumentDate? = nil
    ) async throws -> Int {
        let found: Period?
        if let chosen {
            found = try await Period.find(chosen, on: app.db)
        } else {
            found = try await Period.query(on: app.db).sort(\.$evaluationYear, .descending).first()
        }
        guard let period = found,
            let user = try await User.query(on: app.db).filter(\.$government.$id == period.$government.id)
                .filter(\.$username == username).first()
        else { return 0 }
        let periodID = try period.requireID()
        let signer = SignedIn(
            id: try user.requireID(), governmentID: user.$government.id, role: .inspektur, unitID: nil,
            username: user.username, displayName: user.displayName, seal: app.auditSeal)
        let docs = try await PeriodDocuments.load(
            periodID: periodID, governmentID: period.$government.id, db: app.db, frameworks: app.frameworks)
        let sealed = try await app.store.sealedLHEByUnit(periodID: periodID)
        let finals = try await Assessment.query(on: app.db).filter(\.$period.$id == periodID)
            .filter(\.$stage == .final).all()
        let date = day ?? DocumentDate(year: period.evaluationYear, month: 10, day: 16)
        // Signed on the day the letter prints, at 09.00 WIB: its seal and its date agree.
        let moment = date.wibMorning
        var count = 0
        for a in finals where sealed[a.$unit.id] == nil {
            guard let unit = docs.unit(a.$unit.id), unit.complete, let id = a.id else { continue }
            let revision = a.revision
            _ = try await app.store.write { tx in
                try await docs.seal(
                    unit, date: date, signer: signer, assessmentID: id, revision: revision, at: moment, in: tx)
            }
            count += 1
        }
        return count
    }
}
