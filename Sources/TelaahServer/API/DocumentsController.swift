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
        period(
            "kompilasi.docx", "Laporan Kompilasi periode ini (DOCX); Admin dan Inspektur", Self.docx,
            "Laporan Kompilasi", compiledDOCX)
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
        guard let text = req.query[String.self, at: parameter] else { return nil }
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
        let docs = try await PeriodDocuments.load(
            periodID: try access.period.requireID(), governmentID: access.user.governmentID, db: req.db,
            frameworks: req.application.frameworks)
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

    @Sendable func lheDOCX(req: Request) async throws -> Response {
        let (docs, unit) = try await unitDocuments(req, needs: .readLHE)
        let data = try docs.lhe(unit, date: try date(req)).package().zipped()
        return file(data, type: Self.docx, name: "LHE-\(safeFileName(unit.name)).docx")
    }

    @Sendable func lhePDF(req: Request) async throws -> Response {
        let (docs, unit) = try await unitDocuments(req, needs: .readLHE)
        let data = try docs.lhe(unit, date: try date(req)).package().zipped()
        guard PDFConverter.executable() != nil else {
            throw Abort(.serviceUnavailable, reason: PDFConverter.installHint)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let name = "LHE-\(safeFileName(unit.name))"
        let source = dir.appendingPathComponent("\(name).docx")
        try data.write(to: source)
        // LibreOffice blocks its thread for seconds: keep it off the event loop.
        let pdf = try await req.application.threadPool.runIfActive(eventLoop: req.eventLoop) {
            try PDFConverter.convert([source], outputDirectory: dir)[0]
        }.get()
        return file(try Data(contentsOf: pdf), type: "application/pdf", name: "\(name).pdf")
    }

    /// The Bupati's follow-up letter (Rahasia, like the LHE it answers). `?nomor=` the letter's
    /// number, `?tanggal_lhe=` the date of the LHE it cites (default: the letter's date).
    @Sendable func followUpDOCX(req: Request) async throws -> Response {
        let (docs, unit) = try await unitDocuments(req, needs: .readLHE)
        let letterDate = try date(req)
        let lheDate = try date(req, "tanggal_lhe", name: "Tanggal LHE") ?? letterDate
        let doc = try docs.followUpLetter(
            unit, date: letterDate, number: req.query[String.self, at: "nomor"], lheDate: lheDate)
        return file(
            try doc.package().zipped(), type: Self.docx, name: "Tindak-Lanjut-LHE-\(safeFileName(unit.name)).docx")
    }

    /// The rencana aksi form for the PD to fill in.
    @Sendable func actionPlanDOCX(req: Request) async throws -> Response {
        let (docs, unit) = try await unitDocuments(req, needs: .readLHE)
        return file(
            try docs.actionPlan(unit).package().zipped(), type: Self.docx,
            name: "Rencana-Aksi-\(safeFileName(unit.name)).docx")
    }

    @Sendable func lkeXLSX(req: Request) async throws -> Response {
        let (docs, unit) = try await unitDocuments(req, needs: .readEvaluation)
        return file(
            try docs.lkeWorkbook(unit).package().zipped(), type: Self.xlsx, name: "LKE-\(safeFileName(unit.name)).xlsx")
    }

    @Sendable func compiledDOCX(req: Request) async throws -> Response {
        let docs = try await periodDocuments(req)
        let (doc, _) = try docs.compiledReport(date: try date(req))
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
        let files = try docs.allLHE(date: try date(req))
        guard !files.isEmpty else {
            throw Abort(.conflict, reason: "Belum ada Perangkat Daerah dengan nilai akhir pada periode ini.")
        }
        return file(try zipFiles(files), type: "application/zip", name: "LHE-\(docs.period.evaluationYear).zip")
    }
}
