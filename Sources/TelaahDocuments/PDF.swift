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
        let path =
            (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + [
                "/usr/lib/libreoffice/program"
            ]
        for dir in path {
            for name in ["soffice", "libreoffice"] {
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
