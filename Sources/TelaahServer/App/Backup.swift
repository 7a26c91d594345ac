import Foundation
import NIOCore
import SQLKit
import Vapor

/// A whole deployment copied to a folder and back: the database (a SQLite snapshot, or a
/// `pg_dump` without the evidence bytes) and every evidence file under its hash in `bukti/`, with
/// a `bukti/SHA256SUMS` that `sha256sum -c` checks. The same folder may take the next backup:
/// files already there are not copied again. The audit key is not in it (kept apart on purpose).
public struct BackupSummary: Sendable {
    /// The database's file in the folder.
    public var database: String
    public var files: Int
    public var copied: Int
    public var bytes: Int64
    public var problems: [String]
}

public struct RestoreSummary: Sendable {
    public var files: Int
    public var imported: Int
    /// Files the restored database names that the backup did not hold, or whose bytes changed.
    public var problems: [String]
    public var audit: AuditLog.Verification
}

extension ServerRunner {
    static let sqliteBackupName = "telaah.sqlite"
    static let postgresBackupName = "telaah.pgdump"

    public static func backup(_ config: ServerConfiguration, to folder: String) async throws -> BackupSummary {
        var config = config
        config.autoMigrate = false
        config.auditAnchorPath = nil
        let root = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("bukti"), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let database: String
        switch config.database {
        case .sqliteFile:
            database = sqliteBackupName
        case .postgres(let url, let schema):
            database = postgresBackupName
            // The dump first: every file it names is already stored, so the copy after it has them all.
            let temp = root.appendingPathComponent(database + ".tmp").path
            try run(
                "pg_dump",
                ["--format=custom", "--no-owner", "--no-privileges", "--file=\(temp)"]
                    + ["--exclude-table-data=evidence_chunks", "--exclude-table-data=evidence_blobs"]
                    + (schema.map { ["--schema=\($0)"] } ?? []) + [url])
            try replace(root.appendingPathComponent(database).path, with: temp)
        case .sqliteMemory:
            throw ConfigurationError("basis data di memori tidak dapat dicadangkan")
        }
        return try await withApp(config) { app in
            if database == sqliteBackupName {
                let temp = root.appendingPathComponent(database + ".tmp").path
                try? FileManager.default.removeItem(atPath: temp)
                // A consistent snapshot while the server keeps writing (SQLite's own copy).
                try await (app.db as! any SQLDatabase).raw("VACUUM INTO \(bind: temp)").run()
                try replace(root.appendingPathComponent(database).path, with: temp)
            }
            var summary = BackupSummary(database: database, files: 0, copied: 0, bytes: 0, problems: [])
            var sums = ""
            // Every file stored, also those no record names now: the dump may name one removed
            // since (the collector keeps such bytes through the backup window).
            var files = try await app.store.evidenceFiles()
            let named = Set(files.map(\.sha256))
            files += try await app.evidenceFiles.stored().filter { !named.contains($0) }.sorted().map { ($0, "") }
            for file in files {
                let path = "bukti/\(file.sha256.prefix(2))/\(file.sha256)"
                let target = root.appendingPathComponent(path).path
                summary.files += 1
                if FileManager.default.fileExists(atPath: target) {
                    sums += "\(file.sha256)  \(path)\n"
                    continue
                }
                do {
                    summary.bytes += try await copy(file.sha256, from: app.evidenceFiles, to: target)
                    summary.copied += 1
                    sums += "\(file.sha256)  \(path)\n"
                } catch {
                    summary.problems.append("berkas bukti \(file.name) (\(file.sha256.prefix(12))…): \(error)")
                }
            }
            try Data(sums.utf8).write(to: root.appendingPathComponent("bukti/SHA256SUMS"), options: .atomic)
            return summary
        }
    }

    /// Puts a backup into an empty deployment: the database where the configuration says (a SQLite
    /// file that does not exist yet, or an empty PostgreSQL database), the files into its evidence
    /// store, each checked against its hash; then the audit chain is verified with the key given.
    public static func restore(_ config: ServerConfiguration, from folder: String) async throws -> RestoreSummary {
        var config = config
        config.autoMigrate = false
        config.auditAnchorPath = nil
        let root = URL(fileURLWithPath: folder)
        switch config.database {
        case .sqliteFile(let path):
            let source = root.appendingPathComponent(sqliteBackupName).path
            guard FileManager.default.fileExists(atPath: source) else {
                throw ConfigurationError("\(source) tidak ada: cadangan ini bukan dari SQLite")
            }
            // The configuration makes an empty file (for its permissions); anything more is a database.
            let existing = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard existing == 0 else {
                throw ConfigurationError(
                    "\(path) sudah ada: pemulihan hanya ke basis data yang belum ada (pindahkan yang lama dulu)")
            }
            try? FileManager.default.removeItem(atPath: path + ".tmp")
            try FileManager.default.copyItem(atPath: source, toPath: path + ".tmp")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path + ".tmp")
            try replace(path, with: path + ".tmp")
        case .postgres(let url, _):
            let source = root.appendingPathComponent(postgresBackupName).path
            guard FileManager.default.fileExists(atPath: source) else {
                throw ConfigurationError("\(source) tidak ada: cadangan ini bukan dari PostgreSQL")
            }
            let tables = try await withApp(config) { app in
                try await app.store.rows(
                    "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"
                ).first?.int("n") ?? 0
            }
            guard tables == 0 else {
                throw ConfigurationError(
                    "basis data tujuan sudah berisi \(tables) tabel: pemulihan hanya ke basis data kosong (createdb)")
            }
            try run(
                "pg_restore",
                ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname=\(url)", source])
        case .sqliteMemory:
            throw ConfigurationError("basis data di memori tidak dapat dipulihkan")
        }
        return try await withApp(config) { app in
            var summary = RestoreSummary(files: 0, imported: 0, problems: [], audit: .intact(entries: 0, anchors: 0))
            let bukti = root.appendingPathComponent("bukti")
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: bukti.path)) ?? []
            for prefix in folders.sorted() where prefix.count == 2 {
                let names = try FileManager.default.contentsOfDirectory(
                    atPath: bukti.appendingPathComponent(prefix).path)
                for sha in names.sorted() where sha.count == 64 && sha.hasPrefix(prefix) {
                    summary.files += 1
                    if try await app.evidenceFiles.size(of: sha) != nil { continue }
                    do {
                        try await load(bukti.appendingPathComponent("\(prefix)/\(sha)").path, sha256: sha, into: app)
                        summary.imported += 1
                    } catch {
                        summary.problems.append("berkas \(prefix)/\(sha): \(error)")
                    }
                }
            }
            for file in try await app.store.evidenceFiles()
            where try await app.evidenceFiles.size(of: file.sha256) == nil {
                summary.problems.append(
                    "berkas bukti \(file.name) (\(file.sha256.prefix(12))…) tidak ada di cadangan")
            }
            summary.audit = try await AuditLog.verify(on: app.db, seal: config.auditSeal, anchors: [])
            return summary
        }
    }

    /// A stored file into `target`, through a temporary file, checked against its hash; its size.
    static func copy(_ sha256: String, from files: any EvidenceFiles, to target: String) async throws -> Int64 {
        guard let size = try await files.size(of: sha256) else { throw BackupError("tidak ada di penyimpanan") }
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let temp = target + ".tmp"
        guard FileManager.default.createFile(atPath: temp, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temp)
        else { throw BackupError("\(temp) tidak dapat ditulis") }
        let hasher = HashBox()
        do {
            try await files.read(sha256, offset: 0, count: size) { chunk in
                hasher.update(chunk)
                try handle.write(contentsOf: chunk.readableBytesView)
            }
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
        guard hasher.hex() == sha256 else {
            try? FileManager.default.removeItem(atPath: temp)
            throw BackupError("isinya tidak cocok dengan hashnya (berubah di penyimpanan)")
        }
        try replace(target, with: temp)
        return size
    }

    /// A backed-up file into the app's evidence store, a chunk at a time, kept only if its bytes
    /// still have the hash it is named by.
    static func load(_ path: String, sha256: String, into app: Application) async throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupError("tidak terbaca") }
        defer { try? handle.close() }
        let upload = try await app.evidenceFiles.begin()
        let hasher = HashBox()
        var size: Int64 = 0
        do {
            while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
                let chunk = ByteBuffer(data: data)
                hasher.update(chunk)
                try await upload.write(chunk)
                size += Int64(data.count)
            }
            guard hasher.hex() == sha256 else { throw BackupError("isinya tidak cocok dengan hashnya") }
            try await upload.finish(sha256: sha256, size: size)
        } catch {
            await upload.abort()
            throw error
        }
    }

    /// Renames `temp` over `path` once its bytes are on disk.
    static func replace(_ path: String, with temp: String) throws {
        guard rename(temp, path) == 0 else { throw BackupError("\(path) tidak dapat ditulis (errno \(errno))") }
    }

    /// Runs a PostgreSQL client program; its error output becomes the error.
    static func run(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw BackupError("\(program) tidak dapat dijalankan: \(error)") }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BackupError(
                "\(program) gagal (\(process.terminationStatus)): \(text.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
    }
}

struct BackupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
