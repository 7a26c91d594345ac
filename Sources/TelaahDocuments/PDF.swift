import Foundation

/// Turns DOCX/XLSX files into PDF with LibreOffice headless (Debian: libreoffice-writer-nogui,
/// libreoffice-calc-nogui), many files in one LibreOffice run.
public enum PDFConverter {
    public static let installHint =
        "LibreOffice tidak ditemukan; berkas DOCX/XLSX tetap ditulis. Untuk PDF, pasang: "
        + "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"

    /// `soffice` on the PATH (or `TELAAH_SOFFICE`), nil when LibreOffice is not installed.
    public static func executable(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["TELAAH_SOFFICE"], FileManager.default.isExecutableFile(atPath: explicit) {
            return explicit
        }
        return onPath(["soffice", "libreoffice"], also: ["/usr/lib/libreoffice/program"], environment: environment)
    }

    /// The first of `names` that is an executable in a folder of the PATH (then of `also`).
    static func onPath(
        _ names: [String], also: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + also
        for dir in folders {
            for name in names {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    public enum ConversionError: Error, CustomStringConvertible {
        case notInstalled
        case failed(status: Int32, output: String)
        case missing([String])

        public var description: String {
            switch self {
            case .notInstalled: PDFConverter.installHint
            case .failed(let status, let output): "LibreOffice gagal (kode \(status)): \(output)"
            case .missing(let names): "LibreOffice tidak menghasilkan PDF untuk: \(names.joined(separator: ", "))"
            }
        }
    }

    /// Converts `files` into `outputDirectory` (one PDF per file, same base name) in one run.
    /// Returns the PDFs' URLs in the order of `files`.
    /// `background`: LibreOffice runs at the lowest CPU priority (`nice`), so a server answering
    /// requests meanwhile is not slowed by it.
    @discardableResult
    public static func convert(_ files: [URL], outputDirectory: URL, background: Bool = false) throws -> [URL] {
        guard !files.isEmpty else { return [] }
        guard let soffice = executable() else { throw ConversionError.notInstalled }
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        // A private profile: a LibreOffice already open on this machine must not take the job.
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-lo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        let arguments =
            [
                "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore", "--convert-to", "pdf",
                "--outdir", outputDirectory.path,
            ] + files.map(\.path)
        let nice = "/usr/bin/nice"
        if background, FileManager.default.isExecutableFile(atPath: nice) {
            process.executableURL = URL(fileURLWithPath: nice)
            process.arguments = ["-n", "19", soffice] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: soffice)
            process.arguments = arguments
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ConversionError.failed(status: process.terminationStatus, output: output)
        }
        let pdfs = files.map {
            outputDirectory.appendingPathComponent($0.deletingPathExtension().lastPathComponent + ".pdf")
        }
        let missing = zip(files, pdfs).filter { !FileManager.default.fileExists(atPath: $1.path) }.map(
            \.0.lastPathComponent)
        guard missing.isEmpty else { throw ConversionError.missing(missing) }
        return pdfs
    }
}

extension PDFConverter {
    /// `pdftotext` (Debian: poppler-utils) on the PATH, nil when missing.
    static func pdftotext() -> String? { onPath(["pdftotext"]) }

    /// The page (from 1) on which each heading's line first stands, searched in order, each from
    /// the page of the one before, past the page carrying `after` (the contents page itself); what
    /// stands before the contents (a summary) from the first page.
    public static func headingPages(pdf: URL, headings: [String], after: String) throws -> [Int?] {
        guard let tool = pdftotext() else { return headings.map { _ in nil } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [pdf.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
            Set(page.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        }
        let contents = pages.firstIndex { $0.contains(after.uppercased()) }
        var from = (contents ?? -1) + 1
        return headings.map { heading in
            let on = { (i: Int) in i != contents && pages[i].contains(heading.uppercased()) }
            // What stands before the contents (a summary) is found from the first page.
            guard let found = pages.indices.dropFirst(from).first(where: on) ?? pages.indices.first(where: on)
            else { return nil }
            from = max(from, found)
            return found + 1
        }
    }

    /// A document with a table of contents, made twice when LibreOffice and pdftotext are here:
    /// once to find on which page each heading falls, then with those pages in its contents.
    public static func paginated(
        headings: [(title: String, heading: String)], contentsTitle: String,
        render: ([String: Int]) throws -> WordDocument
    ) throws -> WordDocument {
        let first = try render([:])
        guard executable() != nil, pdftotext() != nil else { return first }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-toc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let docx = dir.appendingPathComponent("contents.docx")
        try first.package().zipped().write(to: docx)
        guard let pdf = try convert([docx], outputDirectory: dir, background: true).first else { return first }
        let found = try headingPages(pdf: pdf, headings: headings.map(\.heading), after: contentsTitle)
        var pages: [String: Int] = [:]
        for (entry, page) in zip(headings, found) { if let page { pages[entry.title] = page } }
        return try render(pages)
    }
}

/// File names that work everywhere: `LHE-12-Dinas-Kesehatan.docx`.
public func safeFileName(_ text: String) -> String {
    var out = ""
    var lastDash = false
    for ch in text.folding(options: [.diacriticInsensitive], locale: nil) {
        if ch.isLetter || ch.isNumber {
            out.append(ch)
            lastDash = false
        } else if !lastDash && !out.isEmpty {
            out.append("-")
            lastDash = true
        }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return String(out.prefix(80))
}
