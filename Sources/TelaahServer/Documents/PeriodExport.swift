import Fluent
import Foundation
import TelaahCore
import TelaahDocuments
import Vapor

/// Every document of one period, made from the database in one go: the LHE of every PD whose
/// evaluation is complete, the Laporan Kompilasi (DOCX and XLSX) and the LKE workbook of all PD.
/// `telaah document periode` writes them to a folder or a ZIP; the document benchmark times it.
public struct PeriodExport: Sendable {
    public struct File: Sendable {
        /// A relative path: `LHE/LHE-01-Sekretariat-Daerah.docx`.
        public var name: String
        public var data: Data

        public init(name: String, data: Data) {
            self.name = name
            self.data = data
        }
    }

    public var government: String
    public var period: String
    public var evaluationYear: Int
    public var files: [File]
    public var lheCount: Int
    /// The PD with no LHE yet (evaluation not complete).
    public var incomplete: [String]
    /// Reading and scoring the period; writing the LHE; the Laporan Kompilasi (DOCX and XLSX);
    /// the LKE workbook of all PD.
    public var timings: (load: Duration, lhe: Duration, compiled: Duration, workbook: Duration)
}

/// A fault the user can act on, said in Indonesian.
public struct ExportError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

extension PeriodExport {
    /// `government`: its code, needed only when the database holds several; `year`: the
    /// evaluation year, else the newest period. `progress(done, total, PD)` after each LHE.
    /// `number`: the Laporan Kompilasi's number; `paginated`: its Daftar Isi with page numbers
    /// (one more LibreOffice run, `CompiledReportRenderer.paginatedDocument`).
    package static func make(
        db: any Database, frameworks: FrameworkCache, government code: String?, year: Int?, date: DocumentDate,
        number: String? = nil, paginated: Bool = false, progress: @Sendable (Int, Int, String) -> Void
    ) async throws -> PeriodExport {
        let clock = ContinuousClock()
        let start = clock.now
        let all = try await Government.query(on: db).sort(\.$code).all()
        let governments = code.map { code in all.filter { $0.code == code } } ?? all
        guard governments.count == 1, let government = governments.first else {
            let codes = all.map(\.code)
            throw ExportError(
                description: codes.isEmpty
                    ? "basis data belum berisi pemerintah daerah (muat dengan `telaah seed-demo` atau halaman admin)"
                    : code == nil
                        ? "basis data berisi beberapa pemerintah daerah; pilih dengan --pemerintah (\(codes.joined(separator: ", ")))"
                        : "pemerintah daerah \"\(code!)\" tidak ada (ada: \(codes.joined(separator: ", ")))")
        }
        let governmentID = try government.requireID()
        var query = Period.query(on: db).filter(\.$government.$id == governmentID)
        if let year { query = query.filter(\.$evaluationYear == year) }
        guard let period = try await query.sort(\.$evaluationYear, .descending).first() else {
            throw ExportError(
                description: year.map { "periode evaluasi tahun \($0) tidak ada di \(government.name)" }
                    ?? "\(government.name) belum mempunyai periode evaluasi")
        }
        // The documents' own refusals (`Abort`, e.g. a template fault) become this command's.
        do {
            let docs = try await PeriodDocuments.load(
                periodID: try period.requireID(), governmentID: governmentID, db: db, frameworks: frameworks)
            let loaded = clock.now
            guard !docs.completeUnits.isEmpty else {
                throw ExportError(
                    description:
                        "belum ada Perangkat Daerah dengan nilai akhir pada \(period.name): belum ada LHE untuk disusun"
                )
            }
            let sealed = try await Store(db: db).sealedLHEByUnit(periodID: try period.requireID())
            let lhe = try docs.allLHE(date: date, sealed: sealed) { done, total in
                progress(done, total, docs.completeUnits[done - 1].name)
            }
            var files = lhe.map { File(name: "LHE/\($0.0)", data: $0.1) }
            let lheDone = clock.now
            let (report, table) = try docs.compiledReport(date: date, number: number, paginated: paginated)
            let year = period.evaluationYear
            files.append(File(name: "Laporan-Kompilasi-\(year).docx", data: try report.package().zipped()))
            files.append(File(name: "Laporan-Kompilasi-\(year)-tabel.xlsx", data: try table.package().zipped()))
            let compiledDone = clock.now
            files.append(File(name: "LKE-\(year).xlsx", data: try docs.periodWorkbook().package().zipped()))
            return PeriodExport(
                government: government.name, period: period.name, evaluationYear: year, files: files,
                lheCount: docs.completeUnits.count, incomplete: docs.units.filter { !$0.complete }.map(\.name),
                timings: (loaded - start, lheDone - loaded, compiledDone - lheDone, clock.now - compiledDone))
        } catch let abort as any AbortError {
            throw ExportError(description: abort.reason)
        }
    }

    /// All files, and `extra` ones (their PDFs), in one ZIP, in memory.
    public func zipped(adding extra: [File] = []) throws -> Data {
        try zipFiles((files + extra).map { ($0.name, $0.data) })
    }
}

extension ServerRunner {
    /// The documents of one period from the configured database (see `PeriodExport.make`).
    public static func exportPeriod(
        _ config: ServerConfiguration, government: String?, year: Int?, date: DocumentDate, number: String? = nil,
        paginated: Bool = false, progress: @escaping @Sendable (Int, Int, String) -> Void
    ) async throws -> PeriodExport {
        var config = config
        config.autoMigrate = false
        return try await withApp(config) { app in
            try await PeriodExport.make(
                db: app.db, frameworks: app.frameworks, government: government, year: year, date: date,
                number: number, paginated: paginated, progress: progress)
        }
    }
}
