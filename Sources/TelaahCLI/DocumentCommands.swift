import ArgumentParser
import Foundation
import TelaahCore
import TelaahDocuments

/// `telaah document …`: the documents from JSON/CSV input files.
struct DocumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract:
            "Menyusun dokumen (LHE, LKE, Laporan Kompilasi, surat tindak lanjut, rencana aksi) dalam DOCX/XLSX/PDF.",
        discussion: """
            Angka dihitung oleh Telaah dari masukan; kalimat dari templat (lihat `telaah document templates`). \
            Dengan --pdf, LibreOffice headless mengubah semua berkas menjadi PDF dalam satu kali jalan.
            """,
        subcommands: [
            LHEDoc.self, FollowUpDoc.self, ActionPlanDoc.self, LKEDoc.self, CompiledReportDoc.self, PeriodDocs.self,
            Templates.self,
        ])
}

/// Options every document command takes.
struct DocumentOptions: ParsableArguments {
    @Option(help: "Kerangka: id kerangka bawaan atau berkas YAML (baku: kerangka bawaan).") var framework: String?
    @Option(help: "Folder templat pengganti (nama berkas seperti `telaah document templates`).") var templates: String?
    @Flag(help: "Juga tulis PDF melalui LibreOffice headless.") var pdf = false
}

extension DocumentOptions {
    func template(_ name: DocumentTemplate.BuiltIn, context: CLIContext) throws -> DocumentTemplate {
        guard let dir = templates else { return .builtIn(name) }
        let path = (dir as NSString).appendingPathComponent("\(name.rawValue).yaml")
        guard FileManager.default.fileExists(atPath: path) else { return .builtIn(name) }
        do {
            return try DocumentTemplate(name: path, yaml: try context.read(path))
        } catch let e as DocumentError {
            throw CLIFailure.unreadable(path, e.description)
        }
    }
}

/// Writes documents and, when asked, their PDFs; prints one line per file written.
struct DocumentWriter {
    var context: CLIContext
    var pdf: Bool
    var written: [URL] = []

    mutating func write(_ package: OfficePackage, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data: Data
        do { data = try package.zipped() } catch { throw CLIFailure.findings("\(path): \(error)") }
        do { try data.write(to: url, options: .atomic) } catch {
            throw CLIFailure.unreadable(path, "tidak dapat ditulis (\(CLIContext.reason(error)))")
        }
        written.append(url)
        context.write("ditulis: \(path)\n")
    }

    /// Converts every file written so far, in one LibreOffice run, beside the originals.
    func finish() throws -> Int32 {
        guard pdf, !written.isEmpty else { return ExitStatus.success }
        guard let pdfs = try convertToPDF(written, context: context) else { return ExitStatus.findings }
        for pdf in pdfs { context.write("ditulis: \(pdf.path)\n") }
        return ExitStatus.success
    }
}

/// Converts `files` to PDF beside them, one LibreOffice run per folder; nil (with the install
/// hint on stderr) when LibreOffice is missing.
func convertToPDF(_ files: [URL], context: CLIContext, progress: Bool = false) throws -> [URL]? {
    guard PDFConverter.executable() != nil else {
        context.writeError("telaah: \(PDFConverter.installHint)\n")
        return nil
    }
    var pdfs: [URL] = []
    let byFolder = Dictionary(grouping: files, by: { $0.deletingLastPathComponent() })
    for (folder, group) in byFolder.sorted(by: { $0.key.path < $1.key.path }) {
        if progress { context.writeError("PDF: \(group.count) berkas di \(folder.lastPathComponent)…\n") }
        do { pdfs += try PDFConverter.convert(group, outputDirectory: folder) } catch {
            throw CLIFailure.findings("\(error)")
        }
    }
    return pdfs
}

func decodeInput<T: Decodable>(_ type: T.Type, _ path: String, context: CLIContext) throws -> T {
    let text = try context.read(path)
    do {
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    } catch let DecodingError.keyNotFound(key, ctx) {
        throw CLIFailure.unreadable(path, "kolom \(pathText(ctx.codingPath + [key])) wajib diisi")
    } catch let DecodingError.typeMismatch(_, ctx) {
        throw CLIFailure.unreadable(path, "\(pathText(ctx.codingPath)): jenis isian salah (\(ctx.debugDescription))")
    } catch let DecodingError.valueNotFound(_, ctx) {
        throw CLIFailure.unreadable(path, "\(pathText(ctx.codingPath)): kosong")
    } catch let DecodingError.dataCorrupted(ctx) {
        throw CLIFailure.unreadable(path, "\(pathText(ctx.codingPath)): \(ctx.debugDescription)")
    } catch {
        throw CLIFailure.unreadable(path, "JSON tidak sah: \(error)")
    }
}

func pathText(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
}

/// Reads and scores an assessment JSON file (the `score` command's input).
func scoredAssessment(_ path: String, framework reference: String?, context: CLIContext) throws -> (
    AssessmentInput, ScoreResult, Framework
) {
    let json: JSONValue
    do { json = try JSONValue.parse(try context.read(path)) } catch let f as CLIFailure { throw f } catch {
        throw CLIFailure.unreadable(path, "JSON tidak sah: \(error)")
    }
    let parsed: (input: AssessmentInput, framework: String?)
    do { parsed = try AssessmentInput.parse(json: json) } catch { throw CLIFailure.unreadable(path, error.description) }
    let fw = try loadFramework(
        reference ?? parsed.framework, relativeTo: reference == nil ? path : nil, context: context)
    let result = Scorer(framework: fw).score(parsed.input)
    if !result.problems.isEmpty {
        throw CLIFailure.findings(result.problems.map { "\(path): \($0)" }.joined(separator: "\n"))
    }
    return (parsed.input, result, fw)
}

func documentFailure(_ file: String, _ error: DocumentError) -> CLIFailure {
    switch error {
    case .input(let m): .findings("\(file): \(m)")
    default: .unreadable(file, error.description)
    }
}

extension DocumentCommand {
    struct LHEDoc: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            commandName: "lhe", abstract: "LHE satu Perangkat Daerah (DOCX).",
            discussion: """
                --assessment: JSON penilaian (seperti `telaah score`). --letter: JSON isi surat: letterhead {lines, \
                address, city}, place, date (TTTT-BB-HH), number, sifat, lampiran, addressee [..], addressee_place, \
                unit, government, perbup, evaluation_year, findings [..], recommendations [..], previous {year, \
                components {"1": "20,10"}}, signatory {title [..], name, rank, nip}, tembusan [..].
                """)
        @Option(help: "Berkas JSON penilaian.") var assessment: String
        @Option(help: "Berkas JSON isi surat.") var letter: String
        @Option(help: "Berkas PNG logo untuk kop surat.") var logo: String?
        @Option(name: .shortAndLong, help: "Berkas keluaran .docx.") var output: String
        @OptionGroup var options: DocumentOptions

        func run(_ context: CLIContext) throws -> Int32 {
            let (_, result, fw) = try scoredAssessment(assessment, framework: options.framework, context: context)
            var content = try decodeInput(LHEContent.self, letter, context: context)
            if let logo {
                do { content.letterhead.logoPNG = try Data(contentsOf: URL(fileURLWithPath: logo)) } catch {
                    throw CLIFailure.unreadable(logo, "tidak dapat dibaca")
                }
            }
            let doc: WordDocument
            do {
                doc = try LHERenderer.document(
                    content, result: result, framework: fw, template: try options.template(.lhe, context: context))
            } catch let e as DocumentError { throw documentFailure(assessment, e) }
            var writer = DocumentWriter(context: context, pdf: options.pdf)
            try writer.write(doc.package(), to: output)
            return try writer.finish()
        }
    }

    struct FollowUpDoc: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            commandName: "tindak-lanjut", abstract: "Surat tindak lanjut LHE dari Bupati (DOCX), bersifat Rahasia.",
            discussion: """
                --letter: JSON isi surat: letterhead, place, date, number, sifat, lampiran, addressee, addressee_place, \
                unit, government, evaluation_year, lhe {issuer, number, date}, components {"1": {problems [..], \
                steps [..]}}, report_to, signature {title, name, rank, nip}, tembusan.
                """)
        @Option(help: "Berkas JSON penilaian (nilai per komponen).") var assessment: String
        @Option(help: "Berkas JSON isi surat.") var letter: String
        @Option(name: .shortAndLong, help: "Berkas keluaran .docx.") var output: String
        @OptionGroup var options: DocumentOptions

        func run(_ context: CLIContext) throws -> Int32 {
            let (_, result, fw) = try scoredAssessment(assessment, framework: options.framework, context: context)
            let content = try decodeInput(FollowUpLetterContent.self, letter, context: context)
            let doc: WordDocument
            do {
                doc = try FollowUpLetterRenderer.document(
                    content, result: result, framework: fw,
                    template: try options.template(.tindakLanjut, context: context))
            } catch let e as DocumentError { throw documentFailure(letter, e) }
            var writer = DocumentWriter(context: context, pdf: options.pdf)
            try writer.write(doc.package(), to: output)
            return try writer.finish()
        }
    }

    struct ActionPlanDoc: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            commandName: "rencana-aksi", abstract: "Formulir rencana aksi tindak lanjut LHE (DOCX).",
            discussion: """
                --input: JSON: unit, government, evaluation_year, person_in_charge, phone, components {"1": {findings \
                {"1.a": ".."}, recommendations [..], actions [..]}}, signature {title, name, rank, nip}. Kolom rencana \
                aksi kosong bila actions tidak diisi.
                """)
        @Option(help: "Berkas JSON isi formulir.") var input: String
        @Option(name: .shortAndLong, help: "Berkas keluaran .docx.") var output: String
        @OptionGroup var options: DocumentOptions

        func run(_ context: CLIContext) throws -> Int32 {
            let fw = try loadFramework(options.framework, context: context)
            let content = try decodeInput(ActionPlanContent.self, input, context: context)
            let doc: WordDocument
            do {
                doc = try ActionPlanRenderer.document(
                    content, framework: fw, template: try options.template(.rencanaAksi, context: context))
            } catch let e as DocumentError { throw documentFailure(input, e) }
            var writer = DocumentWriter(context: context, pdf: options.pdf)
            try writer.write(doc.package(), to: output)
            return try writer.finish()
        }
    }

    struct LKEDoc: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            commandName: "lke", abstract: "Lembar Kerja Evaluasi satu Perangkat Daerah (XLSX).")
        @Option(help: "Berkas JSON penilaian.") var assessment: String
        @Option(help: "Nama pemerintah daerah, mis. \"Kabupaten Banyuasin\".") var government: String
        @Option(name: .shortAndLong, help: "Berkas keluaran .xlsx.") var output: String
        @OptionGroup var options: DocumentOptions

        func run(_ context: CLIContext) throws -> Int32 {
            let (input, result, fw) = try scoredAssessment(assessment, framework: options.framework, context: context)
            let unit = LKEUnit(name: input.unit ?? "Perangkat Daerah", input: input, result: result)
            var writer = DocumentWriter(context: context, pdf: options.pdf)
            try writer.write(
                LKEWorkbookRenderer.workbook(unit: unit, framework: fw, government: government).package(), to: output)
            return try writer.finish()
        }
    }

    struct CompiledReportDoc: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            commandName: "kompilasi", abstract: "Laporan Kompilasi atas semua Perangkat Daerah (DOCX dan XLSX).",
            discussion: """
                --units: CSV seperti Tabel 4 (seperti `telaah compile`). --report: JSON: government, bupati, \
                evaluation_year, performance_year, number, place, date, recommendations {"1": [..], "umum": [..]}, \
                previous_year, previous_mean, signature, tembusan. Menulis NAMA.docx dan NAMA-tabel.xlsx.
                """)
        @Option(help: "Berkas CSV nilai Perangkat Daerah tahun ini.") var units: String
        @Option(help: "Berkas CSV tahun sebelumnya (opsional).") var previous: String?
        @Option(help: "Berkas JSON isi laporan.") var report: String
        @Option(name: .shortAndLong, help: "Berkas keluaran tanpa akhiran, atau dengan .docx.") var output: String
        @OptionGroup var options: DocumentOptions

        func run(_ context: CLIContext) throws -> Int32 {
            let fw = try loadFramework(options.framework, context: context)
            let rows = try readCompilableTable(units, framework: fw, context: context)
            let previousRows = try previous.map { try readCompilableTable($0, framework: fw, context: context) }
            let content = try decodeInput(CompiledReportContent.self, report, context: context)
            let compilation: Compilation
            do {
                compilation = try Compiler.compile(
                    rows.map(\.scores), framework: fw, previous: previousRows.map { $0.map(\.scores) },
                    clusterOrder: content.clusterOrder)
            } catch { throw CLIFailure.unreadable(units, error.description) }
            let doc: WordDocument
            do {
                let template = try options.template(.laporanKompilasi, context: context)
                // With --pdf the Daftar Isi carries the pages the PDF prints.
                doc =
                    try options.pdf
                    ? CompiledReportRenderer.paginatedDocument(
                        content, compilation: compilation, framework: fw, template: template)
                    : CompiledReportRenderer.document(
                        content, compilation: compilation, framework: fw, template: template)
            } catch let e as DocumentError { throw documentFailure(report, e) }
            let base = output.hasSuffix(".docx") ? String(output.dropLast(5)) : output
            var writer = DocumentWriter(context: context, pdf: options.pdf)
            try writer.write(doc.package(), to: base + ".docx")
            try writer.write(
                CompiledReportRenderer.workbook(content, compilation: compilation, framework: fw).package(),
                to: base + "-tabel.xlsx")
            return try writer.finish()
        }
    }

    struct Templates: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            commandName: "templates", abstract: "Menyalin templat kalimat bawaan ke sebuah folder untuk diubah.")
        @Option(name: .shortAndLong, help: "Folder tujuan.") var output: String

        func run(_ context: CLIContext) throws -> Int32 {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for t in DocumentTemplate.BuiltIn.allCases {
                let path = (output as NSString).appendingPathComponent("\(t.rawValue).yaml")
                try Data(t.defaultText.utf8).write(to: URL(fileURLWithPath: path))
                context.write("ditulis: \(path)\n")
            }
            return ExitStatus.success
        }
    }
}
