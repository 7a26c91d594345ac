import ArgumentParser
import Foundation
import TelaahCore

/// Where a command reads and writes. `main` uses the process's; tests capture them.
public struct CLIContext: Sendable {
    public var readFile: @Sendable (String) throws -> String
    public var write: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void

    public init(
        readFile: @escaping @Sendable (String) throws -> String, write: @escaping @Sendable (String) -> Void,
        writeError: @escaping @Sendable (String) -> Void
    ) {
        self.readFile = readFile
        self.write = write
        self.writeError = writeError
    }

    public static let process = CLIContext(
        readFile: { path in try decodeUTF8(try Data(contentsOf: URL(fileURLWithPath: path)), path: path) },
        write: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        writeError: { text in FileHandle.standardError.write(Data(text.utf8)) })
}

/// The text of a file, or a failure naming the line and byte where it stops being UTF-8.
func decodeUTF8(_ data: Data, path: String) throws -> String {
    if let text = String(data: data, encoding: .utf8) { return text }
    let bytes = [UInt8](data)
    var offset = 0
    var line = 1
    var lineStart = 0
    // Walk whole sequences until one is malformed.
    while offset < bytes.count {
        let b = bytes[offset]
        let length: Int =
            b < 0x80
            ? 1 : (0xC2...0xDF).contains(b) ? 2 : (0xE0...0xEF).contains(b) ? 3 : (0xF0...0xF4).contains(b) ? 4 : 0
        var valid = length > 0 && offset + length <= bytes.count
        if valid && length > 1 {
            let tail = bytes[(offset + 1)..<(offset + length)]
            valid = tail.allSatisfy { $0 & 0xC0 == 0x80 }
            let second = bytes[offset + 1]
            if b == 0xE0 && second < 0xA0 || b == 0xED && second > 0x9F || b == 0xF0 && second < 0x90
                || b == 0xF4 && second > 0x8F
            {
                valid = false
            }
        }
        if !valid { break }
        if b == 0x0A {
            line += 1
            lineStart = offset + 1
        }
        offset += length
    }
    let shown = offset < bytes.count ? String(format: " (0x%02X)", bytes[offset]) : ""
    throw CLIFailure.unreadable(
        path,
        "bukan teks UTF-8: baris \(line), kolom bita \(offset - lineStart + 1) (bita ke-\(offset + 1) berkas)\(shown)")
}

/// Text for a terminal: control characters (an escape sequence from a file name or a field, say)
/// are shown as `\u{1B}` instead of acting on the terminal; newlines and tabs stay.
func terminalSafe(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
        let v = scalar.value
        if (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 {
            out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Exit codes shared by all commands.
public enum ExitStatus {
    /// Done; for `check`: every figure follows.
    public static let success: Int32 = 0
    /// The input breaks a rule (an invalid framework, a missing justification) or, for `check`,
    /// some printed figure does not follow.
    public static let findings: Int32 = 1
    /// The input cannot be read (missing file, not CSV/JSON/YAML, wrong columns).
    public static let unreadable: Int32 = 2
}

/// A failure that ends a command with a message naming the file and the place.
public enum CLIFailure: Error, CustomStringConvertible {
    case unreadable(String, String)
    case findings(String)

    public var description: String {
        switch self {
        case .unreadable(let file, let message): "\(file): \(message)"
        case .findings(let message): message
        }
    }

    var status: Int32 {
        switch self {
        case .unreadable: ExitStatus.unreadable
        case .findings: ExitStatus.findings
        }
    }
}

/// Output format of a command.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case json, table
}

/// The options every data command takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "Kerangka: id kerangka bawaan atau berkas YAML (baku: kerangka bawaan).") var framework: String?
    @Option(help: "json atau table.") var format: OutputFormat = .json
}

/// A subcommand that runs against a context and returns its exit status.
protocol TelaahRunnable {
    func run(_ context: CLIContext) async throws -> Int32
}

public struct TelaahCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "telaah",
        abstract: "Telaah: Evaluasi Akuntabilitas Kinerja Instansi Pemerintah (Evaluasi AKIP).",
        discussion: """
            Keluaran JSON secara baku; --format table untuk tabel yang mudah dibaca.
            Kode keluar: 0 berhasil, 1 ada temuan atau aturan dilanggar, 2 masukan tidak terbaca.
            """,
        subcommands: [
            FrameworkCommand.self, ScoreCommand.self, CompileCommand.self, CheckCommand.self, SetupCommand.self,
            ServeCommand.self, MigrateCommand.self, SeedDemoCommand.self, AuditCommand.self, BackupCommand.self,
            RestoreCommand.self, EvidenceCommand.self, RemindersCommand.self, DocumentCommand.self,
            BenchCommand.self,
        ])

    public init() {}

    /// Runs `arguments` (without the program name) and returns the exit status.
    public static func execute(_ arguments: [String], context given: CLIContext = .process) async -> Int32 {
        // What a command prints may quote its input; none of it may drive the terminal.
        let context = CLIContext(
            readFile: given.readFile, write: { given.write(terminalSafe($0)) },
            writeError: { given.writeError(terminalSafe($0)) })
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            let message = fullMessage(for: error)
            let code = exitCode(for: error).rawValue
            if code == 0 {
                context.write(message + "\n")
            } else {
                context.writeError(message + "\n")
            }
            return code == 0 ? 0 : ExitStatus.unreadable
        }
        guard let runnable = command as? TelaahRunnable else {
            // `--help` and `help …` parse as the parser's own help command, whose run asks for the
            // help of the command named; a group without a subcommand asks for its own.
            var command = command
            do { try command.run() } catch { context.write(fullMessage(for: error) + "\n") }
            return ExitStatus.success
        }
        do {
            return try await runnable.run(context)
        } catch let failure as CLIFailure {
            context.writeError("telaah: \(failure)\n")
            return failure.status
        } catch {
            context.writeError("telaah: \(error)\n")
            return ExitStatus.unreadable
        }
    }
}

// MARK: - Shared helpers

extension CLIContext {
    func read(_ path: String) throws -> String {
        do {
            return try readFile(path)
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw CLIFailure.unreadable(path, "tidak dapat dibaca (\(Self.reason(error)))")
        }
    }

    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain && (ns.code == NSFileReadNoSuchFileError || ns.code == 260) {
            return "berkas tidak ada"
        }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }

    func emit(_ value: JSONValue) { write(value.rendered()) }
}

/// Loads a framework named by a bundled id or a file path; nil means the default. With
/// `relativeTo`, the reference is the `framework` field of that file: a path is taken relative to
/// it, and an unreadable one is reported as that field's fault.
func loadFramework(_ reference: String?, relativeTo base: String? = nil, context: CLIContext) throws -> Framework {
    guard let reference else { return BundledFrameworks.default }
    if let bundled = BundledFrameworks.framework(id: reference) { return bundled }
    var path = reference
    if let base, !reference.hasPrefix("/") {
        let dir = (base as NSString).deletingLastPathComponent
        if !dir.isEmpty { path = (dir as NSString).appendingPathComponent(reference) }
    }
    let text: String
    do { text = try context.read(path) } catch CLIFailure.unreadable(_, let message) where base != nil {
        throw CLIFailure.unreadable(
            base!, "kolom \"framework\": \"\(reference)\" bukan kerangka bawaan dan berkasnya \(message)")
    }
    do {
        let (framework, warnings) = try FrameworkLoader.load(yaml: text, source: path)
        for warning in warnings { context.writeError("\(path): \(warning)\n") }
        return framework
    } catch {
        throw CLIFailure.findings(error.description)
    }
}

func readUnitTable(_ path: String, framework: Framework, context: CLIContext) throws -> [UnitRow] {
    let text = try context.read(path)
    do {
        return try UnitTableReader.read(text, framework: framework)
    } catch {
        throw CLIFailure.unreadable(path, error.description)
    }
}

/// Reads a table and checks that it can be compiled, naming the line of a score out of range.
func readCompilableTable(_ path: String, framework: Framework, context: CLIContext) throws -> [UnitRow] {
    let rows = try readUnitTable(path, framework: framework, context: context)
    do {
        try Compiler.validate(rows.map(\.scores), framework)
    } catch {
        if case .outOfRange(let index, _, _, _, _) = error {
            throw CLIFailure.unreadable(path, "baris \(rows[index].line): \(error)")
        }
        throw CLIFailure.unreadable(path, error.description)
    }
    return rows
}
