import Fluent
import Foundation
import TelaahCore
import TelaahDocuments
import Vapor

/// Downloads: one PD's LHE (DOCX or PDF) and LKE workbook, the Bupati's follow-up letter and the
/// rencana aksi form; a period's Laporan Kompilasi (DOCX, XLSX), LKE workbook of every PD, and all
/// LHE in one ZIP. The same routes serve the pages' links (a session cookie) and API clients. The
/// LHE is confidential: `readLHE` decides.
struct DocumentsController {
    func register(_ api: APIBuilder) {
        let tanggal = APIOperation.Query(
            name: "tanggal", schema: .object([("type", .string("string")), ("format", .string("date"))]),
            description: "tanggal surat (TTTT-BB-HH); baku: hari ini (WIB)")
        let unit = {
            (
                file: String, summary: String, types: [String], description: String, query: [APIOperation.Query],
                handler: @escaping @Sendable (Request) async throws -> Response
            ) in
            api.file(
                Site.API.unitDocument(file), summary, types: types, description: description,
                errors: [.conflict, .unprocessableEntity, .serviceUnavailable], query: query, handler)
        }
        unit("lhe.docx", "LHE satu PD (DOCX); hanya pembaca LHE yang sah", [Self.docx], "LHE", [tanggal], lheDOCX)
        unit("lhe.pdf", "LHE satu PD (PDF, melalui LibreOffice)", ["application/pdf"], "LHE", [tanggal], lhePDF)
        unit("lke.xlsx", "Kertas kerja LKE satu PD (XLSX)", [Self.xlsx], "LKE", [], lkeXLSX)
        unit(
            "tindak-lanjut.docx", "Surat tindak lanjut LHE dari Bupati/Wali Kota (DOCX)", [Self.docx],
            "Surat tindak lanjut",
            [
                tanggal,
                .init(name: "nomor", schema: .object([("type", .string("string"))]), description: "nomor surat"),
                .init(
                    name: "tanggal_lhe", schema: .object([("type", .string("string")), ("format", .string("date"))]),
                    description: "tanggal LHE yang ditindaklanjuti; baku: tanggal surat"),
            ], followUpDOCX)
        unit(
            "rencana-aksi.docx", "Formulir rencana aksi untuk PD (DOCX)", [Self.docx], "Rencana aksi", [],
            actionPlanDOCX)
        let period = {
            (
                file: String, summary: String, type: String, description: String,
                handler: @escaping @Sendable (Request) async throws -> Response
            ) in
            api.file(
                Site.API.periodDocument(file), summary, types: [type], description: description,
                errors: [.conflict, .unprocessableEntity], query: [tanggal], handler)
        }
        api.file(
            Site.API.periodDocument("kompilasi.docx"), "Laporan Kompilasi periode ini (DOCX); Admin dan Inspektur",
            types: [Self.docx], description: "Laporan Kompilasi", errors: [.conflict, .unprocessableEntity],
            query: [
                tanggal,
                .init(name: "nomor", schema: .object([("type", .string("string"))]), description: "nomor laporan"),
            ], compiledDOCX)
        period("kompilasi.xlsx", "Tabel Laporan Kompilasi (XLSX)", Self.xlsx, "Tabel Laporan Kompilasi", compiledXLSX)
        period("lke.xlsx", "LKE seluruh PD (XLSX)", Self.xlsx, "LKE seluruh PD", periodLKE)
        period("lhe.zip", "Semua LHE periode ini dalam satu ZIP", "application/zip", "LHE semua PD", allLHE)
    }

    static let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// `?tanggal=2024-10-16`, else today (WIB).
    @Sendable func date(_ req: Request) throws -> DocumentDate {
        try date(req, "tanggal", name: "Tanggal") ?? .today()
    }

    /// The date in the query parameter `parameter`, if given; 422 naming `name` when malformed.
    func date(_ req: Request, _ parameter: String, name: String) throws -> DocumentDate? {
        // A form's empty date field is no date.
        guard let text = req.query[String.self, at: parameter], !text.isEmpty else { return nil }
        guard let date = DocumentDate(iso: text) else {
            throw Abort(.unprocessableEntity, reason: "\(name) harus berbentuk TTTT-BB-HH, misalnya 2024-10-16.")
        }
        return date
    }

    func file(_ data: Data, type: String, name: String) -> Response {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: type)
        headers.add(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    func unitDocuments(_ req: Request, needs permission: AccessRules.Permissions) async throws -> (
        PeriodDocuments, PeriodDocuments.UnitData
    ) {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: permission)
        return try await unitDocuments(req, access)
    }

    /// The same for an access the route has checked already.
    func unitDocuments(_ req: Request, _ access: UnitAccess) async throws -> (
        PeriodDocuments, PeriodDocuments.UnitData
    ) {
        let docs = try await PeriodDocuments.load(
            periodID: try access.period.requireID(), governmentID: access.user.governmentID, db: req.db,
            frameworks: req.application.frameworks,
            evidenceOf: AccessRules.readableActors(access.permissions), focus: try access.unit.requireID())
        guard let unit = docs.unit(try access.unit.requireID()) else { throw Abort(.notFound) }
        return (docs, unit)
    }

    func periodDocuments(_ req: Request) async throws -> PeriodDocuments {
        let user = try req.signedIn()
        guard AccessRules.seesWholePeriod(user.role) else {
            throw Abort(.forbidden, reason: "Dokumen seluruh periode hanya untuk Admin Inspektorat dan Inspektur.")
        }
        guard let periodID = req.parameters.get("period", as: UUID.self) else { throw Abort(.notFound) }
        return try await PeriodDocuments.load(
            periodID: periodID, governmentID: user.governmentID, db: req.db, frameworks: req.application.frameworks)
    }

    /// A PD's LHE: once signed, the stored bytes (`?revisi=N` an earlier signed revision); before,
    /// a draft marked KONSEP without signature.
    @Sendable func lheDOCX(req: Request) async throws -> Response {
        if let sealed = try await sealedLHE(req) {
            return file(sealed.lhe.docx, type: Self.docx, name: Self.sealedName(sealed) + ".docx")
        }
        let (docs, unit) = try await unitDocuments(req, needs: .readLHE)
        let data = try docs.lhe(unit, date: try date(req)).package().zipped()
        return file(data, type: Self.docx, name: "LHE-KONSEP-\(safeFileName(unit.name)).docx")
    }

    /// A signed letter's file name: the PD's, and the revision from the second on.
    static func sealedName(_ sealed: (lhe: SealedLHE, unitName: String)) -> String {
        "LHE-\(safeFileName(sealed.unitName))" + (sealed.lhe.revision > 1 ? "-revisi-\(sealed.lhe.revision)" : "")
    }

    /// The same as PDF: a signed LHE's PDF is made once from its stored DOCX and kept.
    @Sendable func lhePDF(req: Request) async throws -> Response {
        if let sealed = try await sealedLHE(req) {
            let pdf: Data
            if let kept = sealed.lhe.pdf {
                pdf = kept
            } else {
                let made = try await Self.pdf(sealed.lhe.docx, name: "LHE", app: req.application, on: req.eventLoop)
                pdf = try await req.store.keepPDF(made, for: sealed.lhe.id)
            }
            return file(pdf, type: "application/pdf", name: Self.sealedName(sealed) + ".pdf")
        }
        let (docs, unit) = try await unitDocuments(req, needs: .readLHE)
        let data = try docs.lhe(unit, date: try date(req)).package().zipped()
        let name = "LHE-KONSEP-\(safeFileName(unit.name))"
        return file(
            try await Self.pdf(data, name: name, app: req.application, on: req.eventLoop), type: "application/pdf",
            name: "\(name).pdf")
    }

    /// The stored LHE the request asks for: `?revisi=N`, else the current one of a final PD; nil
    /// for a PD not yet signed (its draft is made instead). 404 for a revision never signed.
    func sealedLHE(_ req: Request) async throws -> (lhe: SealedLHE, unitName: String)? {
        let revision = req.query[Int.self, at: "revisi"]
        // A revision named is a letter already signed: the PD keeps reading the one it received.
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"),
            requiring: revision == nil ? .readLHE : .readSignedLHE)
        guard let id = access.assessment?.id, revision != nil || access.assessment?.stage == .final else {
            if revision != nil { throw Abort(.notFound, reason: "LHE revisi \(revision!) tidak ada.") }
            return nil
        }
        guard let sealed = try await req.store.sealedLHE(assessmentID: id, revision: revision) else {
            if let revision { throw Abort(.notFound, reason: "LHE revisi \(revision) tidak ada.") }
            return nil
        }
        return (sealed, access.unit.name)
    }

    /// The PDF of `docx`, through LibreOffice on a thread of the pool (it blocks for seconds).
    static func pdf(_ docx: Data, name: String, app: Application, on loop: any EventLoop, background: Bool = false)
        async throws -> Data
    {
        guard PDFConverter.executable() != nil else {
            throw Abort(.serviceUnavailable, reason: PDFConverter.installHint)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let source = dir.appendingPathComponent("\(name).docx")
        try docx.write(to: source)
        let pdf = try await app.threadPool.runIfActive(eventLoop: loop) {
            try PDFConverter.convert([source], outputDirectory: dir, background: background)[0]
        }.get()
        return try Data(contentsOf: pdf)
    }

    /// After signing: the PDF made in the background from the stored DOCX and kept (a download
    /// before it is ready makes it then).
    static func makeSealedPDF(assessmentID: UUID, app: Application) {
        guard PDFConverter.executable() != nil else { return }
        let loop = app.eventLoopGroup.any()
        app.backgroundJobs.run(on: loop, logger: app.logger, "PDF LHE tidak dapat dibuat") {
            guard let sealed = try await app.store.sealedLHE(assessmentID: assessmentID), sealed.pdf == nil else {
                return
            }
            let pdf = try await pdf(sealed.docx, name: "LHE", app: app, on: loop, background: true)
            _ = try await app.store.keepPDF(pdf, for: sealed.id)
        }
    }

    /// The Bupati's follow-up letter (Rahasia, like the LHE it answers). `?nomor=` the letter's
    /// number. It cites the signed LHE's number and date; before signing, `?tanggal_lhe=` (default:
    /// the letter's date) and no number.
    @Sendable func followUpDOCX(req: Request) async throws -> Response {
        // Once the pimpinan signed it, the letter as kept, for whoever reads the signed LHE.
        let reader = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readSignedLHE)
        if let id = reader.assessment?.id, let kept = try await req.store.followUpLetter(assessmentID: id)?.docx {
            return file(kept, type: Self.docx, name: "Tindak-Lanjut-LHE-\(safeFileName(reader.unit.name)).docx")
        }
        try reader.require(.readLHE)
        let (docs, unit) = try await unitDocuments(req, reader)
        let letterDate = try date(req)
        var lhe = (number: docs.number(seq: "…"), date: try date(req, "tanggal_lhe", name: "Tanggal LHE") ?? letterDate)
        if let sealed = try await sealedLHE(req)?.lhe, let signedOn = DocumentDate(iso: sealed.date) {
            lhe = (sealed.number, signedOn)
        }
        let doc = try docs.followUpLetter(
            unit, date: letterDate, number: req.query[String.self, at: "nomor"], lhe: lhe)
        return file(
            try doc.package().zipped(), type: Self.docx, name: "Tindak-Lanjut-LHE-\(safeFileName(unit.name)).docx")
    }

    /// The rencana aksi form for the PD to fill in.
    @Sendable func actionPlanDOCX(req: Request) async throws -> Response {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readLHE)
        let (docs, unit) = try await unitDocuments(req, access)
        let plan = try await access.assessment?.id.asyncMap { try await req.store.followUp(assessmentID: $0) }
        let head = try await req.store.unitHead(unitID: unit.id)
        return file(
            try docs.actionPlan(unit, plan: plan, head: head).package().zipped(), type: Self.docx,
            name: "Rencana-Aksi-\(safeFileName(unit.name)).docx")
    }

    @Sendable func lkeXLSX(req: Request) async throws -> Response {
        let (docs, unit) = try await unitDocuments(req, needs: .readEvaluation)
        return file(
            try docs.lkeWorkbook(unit).package().zipped(), type: Self.xlsx, name: "LKE-\(safeFileName(unit.name)).xlsx")
    }

    @Sendable func compiledDOCX(req: Request) async throws -> Response {
        let docs = try await periodDocuments(req)
        let number = req.query[String.self, at: "nomor"].map {
            String($0.trimmingCharacters(in: .whitespaces).prefix(120))
        }
        let (doc, _) = try docs.compiledReport(date: try date(req), number: number)
        return file(
            try doc.package().zipped(), type: Self.docx, name: "Laporan-Kompilasi-\(docs.period.evaluationYear).docx")
    }

    @Sendable func compiledXLSX(req: Request) async throws -> Response {
        let docs = try await periodDocuments(req)
        let (_, book) = try docs.compiledReport(date: try date(req))
        return file(
            try book.package().zipped(), type: Self.xlsx, name: "Laporan-Kompilasi-\(docs.period.evaluationYear).xlsx")
    }

    @Sendable func periodLKE(req: Request) async throws -> Response {
        let docs = try await periodDocuments(req)
        return file(
            try docs.periodWorkbook().package().zipped(), type: Self.xlsx,
            name: "LKE-\(docs.period.evaluationYear).xlsx")
    }

    @Sendable func allLHE(req: Request) async throws -> Response {
        let docs = try await periodDocuments(req)
        let files = try docs.allLHE(
            date: try date(req), sealed: try await req.store.sealedLHEByUnit(periodID: try docs.period.requireID()))
        guard !files.isEmpty else {
            throw Abort(.conflict, reason: "Belum ada Perangkat Daerah dengan nilai akhir pada periode ini.")
        }
        return file(try zipFiles(files), type: "application/zip", name: "LHE-\(docs.period.evaluationYear).zip")
    }
}
