import ArgumentParser
import Foundation
import TelaahCore
import TelaahDocuments
import TelaahServer

extension DocumentCommand {
    /// `telaah document periode`: every document of a period from the database, in one command.
    struct PeriodDocs: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            commandName: "periode",
            abstract: "Semua dokumen satu periode dari basis data: LHE setiap PD, Laporan Kompilasi, LKE seluruh PD.",
            discussion: """
                Membaca basis data yang sama dengan `telaah serve` (DATABASE_URL atau folder data). LHE disusun \
                untuk setiap Perangkat Daerah yang nilainya lengkap; kemajuan tercetak per LHE. Keluaran: folder \
                (LHE/ di dalamnya), atau satu berkas ZIP bila -o berakhiran .zip. Dengan --pdf semua berkas juga \
                diubah menjadi PDF dalam satu kali jalan LibreOffice.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(name: .customLong("pemerintah"), help: "Kode pemerintah daerah (perlu bila ada lebih dari satu).")
        var government: String?
        @Option(name: .customLong("tahun"), help: "Tahun evaluasi (baku: periode terbaru).") var year: Int?
        @Option(name: .customLong("tanggal"), help: "Tanggal surat TTTT-BB-HH (baku: hari ini, WIB).") var date: String?
        @Option(name: .shortAndLong, help: "Folder keluaran, atau berkas .zip.") var output: String
        @Flag(help: "Juga tulis PDF melalui LibreOffice headless.") var pdf = false
        @Option(name: .customLong("nomor-kompilasi"), help: "Nomor Laporan Kompilasi (baku: dikosongkan untuk diisi).")
        var reportNumber: String?

        func run(_ context: CLIContext) async throws -> Int32 {
            let letterDate: DocumentDate
            if let date {
                guard let parsed = DocumentDate(iso: date) else {
                    throw CLIFailure.unreadable("--tanggal", "harus berbentuk TTTT-BB-HH, misalnya 2024-10-16")
                }
                letterDate = parsed
            } else {
                letterDate = .today()
            }
            let export: PeriodExport
            do {
                export = try await ServerRunner.exportPeriod(
                    try database.configuration(), government: government, year: year, date: letterDate,
                    number: reportNumber, paginated: pdf
                ) { done, total, unit in
                    context.writeError("LHE \(done)/\(total): \(unit)\n")
                }
            } catch let e as ExportError {
                throw CLIFailure.findings(e.description)
            } catch let f as CLIFailure {
                throw f
            } catch {
                throw CLIFailure.unreadable("basis data", "\(error)")
            }
            let made = export.timings.load + export.timings.lhe + export.timings.compiled + export.timings.workbook
            context.write(
                "\(export.government), \(export.period): \(export.lheCount) LHE, Laporan Kompilasi dan LKE disusun "
                    + "dalam \(Self.seconds(made)).\n")
            if !export.incomplete.isEmpty {
                context.write(
                    "Belum ada LHE untuk \(export.incomplete.count) PD yang nilainya belum lengkap: "
                        + export.incomplete.prefix(5).joined(separator: ", ")
                        + (export.incomplete.count > 5 ? ", …" : "") + ".\n")
            }
            if output.lowercased().hasSuffix(".zip") {
                try writeZIP(export, context: context)
            } else {
                try writeFolder(export, context: context)
            }
            // Without LibreOffice the DOCX/XLSX are written and the hint printed; exit 1.
            return pdf && PDFConverter.executable() == nil ? ExitStatus.findings : ExitStatus.success
        }

        /// `0,43 s`.
        static func seconds(_ d: Duration) -> String {
            let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
            return String(format: "%.2f s", ms / 1000).replacingOccurrences(of: ".", with: ",")
        }

        func writeFolder(_ export: PeriodExport, context: CLIContext) throws {
            let root = URL(fileURLWithPath: output)
            let written = try Self.write(export.files, under: root)
            context.write("ditulis: \(written.count) berkas di \(root.path)\n")
            if pdf { _ = try convert(written, context: context) }
        }

        func writeZIP(_ export: PeriodExport, context: CLIContext) throws {
            var pdfs: [PeriodExport.File] = []
            if pdf {
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: dir) }
                let sources = try Self.write(export.files, under: dir)
                for pdf in try convert(sources, context: context) {
                    let name = pdf.path.replacingOccurrences(of: dir.path + "/", with: "")
                    pdfs.append(PeriodExport.File(name: name, data: try Data(contentsOf: pdf)))
                }
            }
            let data: Data
            do { data = try export.zipped(adding: pdfs) } catch { throw CLIFailure.findings("\(output): \(error)") }
            let url = URL(fileURLWithPath: output)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } catch {
                throw CLIFailure.unreadable(output, "tidak dapat ditulis (\(CLIContext.reason(error)))")
            }
            context.write("ditulis: \(output) (\(export.files.count + pdfs.count) berkas)\n")
        }

        /// Writes `files` under `root` (a file's name may hold folders); the files written.
        static func write(_ files: [PeriodExport.File], under root: URL) throws -> [URL] {
            try files.map { file in
                let url = root.appendingPathComponent(file.name)
                do {
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try file.data.write(to: url, options: .atomic)
                } catch {
                    throw CLIFailure.unreadable(url.path, "tidak dapat ditulis (\(CLIContext.reason(error)))")
                }
                return url
            }
        }

        /// Every file, one LibreOffice run per folder; prints how long it took. Empty when
        /// LibreOffice is missing (the hint printed; `run` then exits 1).
        func convert(_ files: [URL], context: CLIContext) throws -> [URL] {
            let clock = ContinuousClock()
            let start = clock.now
            guard let pdfs = try convertToPDF(files, context: context, progress: true) else { return [] }
            context.write("PDF: \(pdfs.count) berkas dalam \(Self.seconds(clock.now - start)).\n")
            return pdfs
        }
    }
}
