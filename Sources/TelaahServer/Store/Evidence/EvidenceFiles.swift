import Crypto
import Foundation
import NIOCore
import NIOPosix
import SQLKit
import Synchronization
import TelaahCore
import Vapor

/// Where the evidence files live, content-addressed by SHA-256: a file uploaded twice is kept once.
/// Two places behind this one interface: a folder (`DiskEvidenceFiles`, the default beside a SQLite
/// database, or a folder shared by several processes) and the database itself
/// (`DatabaseEvidenceFiles`, the default on PostgreSQL: every app process on every machine reads
/// the same files with no other server). The caller hashes and checks the bytes as they come.
protocol EvidenceFiles: Sendable {
    /// A new file being written; `finish` keeps it under its hash, `abort` drops it.
    func begin() async throws -> any EvidenceUpload
    /// The stored size of the file with this hash, nil when absent.
    func size(of sha256: String) async throws -> Int64?
    /// Hands `count` bytes from `offset` to `body`, a chunk at a time.
    func read(
        _ sha256: String, offset: Int64, count: Int64, _ body: @Sendable (ByteBuffer) async throws -> Void
    ) async throws
    /// Every hash stored: what the collector compares with the records.
    func stored() async throws -> [String]
    /// Whether the bytes of `sha256` are stored, seen from `tx` (a record about to name them).
    func holds(_ sha256: String, in tx: StoreTransaction) async throws -> Bool
    /// Drops the bytes of `sha256` within `tx` (no record names them); the bytes freed.
    func reclaim(_ sha256: String, in tx: StoreTransaction) async throws -> Int64
    /// The partial bytes of uploads cut off (a crash, a dropped connection), untouched since
    /// `before`: counted, and removed unless `dryRun`.
    func sweep(untouchedSince before: Date, dryRun: Bool) async throws -> (uploads: Int, bytes: Int64)
}

protocol EvidenceUpload: AnyObject, Sendable {
    func write(_ chunk: ByteBuffer) async throws
    /// Keeps the bytes written under `sha256` (dropped if a file of that hash is stored already).
    func finish(sha256: String, size: Int64) async throws
    func abort() async
}

extension EvidenceFiles {
    /// The SHA-256 of the stored bytes, to compare with the recorded one (`telaah audit verify`).
    func hash(of sha256: String) async throws -> String? {
        guard let size = try await size(of: sha256) else { return nil }
        let hasher = HashBox()
        try await read(sha256, offset: 0, count: size) { chunk in hasher.update(chunk) }
        return hasher.hex()
    }
}

/// SHA-256 fed chunk by chunk from async code.
final class HashBox: Sendable {
    private let hasher = Mutex(SHA256())

    func update(_ chunk: ByteBuffer) {
        hasher.withLock { h in chunk.withUnsafeReadableBytes { h.update(bufferPointer: $0) } }
    }

    func hex() -> String { hasher.withLock { $0.finalize().hexString } }
}

/// Files under a folder: `ab/abcdef…` by hash, written to `tmp/` first and renamed into place
/// once complete and synced, so a crash never leaves a partial file under a hash.
struct DiskEvidenceFiles: EvidenceFiles {
    let root: String
    let threadPool: NIOThreadPool
    let io: NonBlockingFileIO

    init(root: String, threadPool: NIOThreadPool) throws {
        self.root = root
        self.threadPool = threadPool
        io = NonBlockingFileIO(threadPool: threadPool)
        for dir in [root, root + "/tmp"] {
            try FileManager.default.createDirectory(
                atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
    }

    func path(_ sha256: String) -> String { "\(root)/\(sha256.prefix(2))/\(sha256)" }

    func begin() async throws -> any EvidenceUpload {
        let temp = "\(root)/tmp/\(UUID().text)"
        let handle = try await threadPool.runIfActive {
            try NIOFileHandle(
                _deprecatedPath: temp, mode: .write, flags: .allowFileCreation(posixMode: 0o600))
        }
        return DiskUpload(files: self, temp: temp, handle: handle)
    }

    func size(of sha256: String) async throws -> Int64? {
        let path = path(sha256)
        return try await threadPool.runIfActive {
            var st = stat()
            return stat(path, &st) == 0 ? Int64(st.st_size) : nil
        }
    }

    func read(
        _ sha256: String, offset: Int64, count: Int64, _ body: @Sendable (ByteBuffer) async throws -> Void
    ) async throws {
        let path = path(sha256)
        let handle = try await threadPool.runIfActive { try NIOFileHandle(_deprecatedPath: path) }
        defer { try? handle.close() }
        var at = offset
        let end = offset + count
        while at < end {
            let n = Int(min(end - at, 256 << 10))
            let chunk = try await io.read(
                fileHandle: handle, fromOffset: at, byteCount: n, allocator: ByteBufferAllocator())
            guard chunk.readableBytes > 0 else { throw Abort(.internalServerError, reason: "Berkas bukti terpotong.") }
            at += Int64(chunk.readableBytes)
            try await body(chunk)
        }
    }
}

extension DiskEvidenceFiles {
    func stored() async throws -> [String] {
        let root = root
        return try await threadPool.runIfActive {
            var hashes: [String] = []
            let fm = FileManager.default
            for dir in try fm.contentsOfDirectory(atPath: root) where dir.count == 2 {
                for name in (try? fm.contentsOfDirectory(atPath: "\(root)/\(dir)")) ?? [] where name.hasPrefix(dir) {
                    hashes.append(name)
                }
            }
            return hashes
        }
    }

    func holds(_ sha256: String, in tx: StoreTransaction) async throws -> Bool { try await size(of: sha256) != nil }

    func reclaim(_ sha256: String, in tx: StoreTransaction) async throws -> Int64 {
        let path = path(sha256)
        return try await threadPool.runIfActive {
            var st = stat()
            guard stat(path, &st) == 0 else { return 0 }
            guard unlink(path) == 0 else { throw Abort(.internalServerError, reason: "Berkas \(path) tidak terhapus.") }
            try Self.syncDirectory(of: path)
            return Int64(st.st_size)
        }
    }

    func sweep(untouchedSince before: Date, dryRun: Bool) async throws -> (uploads: Int, bytes: Int64) {
        let temp = root + "/tmp"
        return try await threadPool.runIfActive {
            var found = (uploads: 0, bytes: Int64(0))
            for name in try FileManager.default.contentsOfDirectory(atPath: temp) {
                let path = "\(temp)/\(name)"
                var st = stat()
                // A file still being written has just been touched: only the abandoned are old.
                guard stat(path, &st) == 0, Double(st.st_mtim.tv_sec) < before.timeIntervalSince1970 else { continue }
                if !dryRun { guard unlink(path) == 0 else { continue } }
                found.uploads += 1
                found.bytes += Int64(st.st_size)
            }
            return found
        }
    }

    /// Makes a name just added to or removed from a folder durable: the entry lives in the folder,
    /// not in the file, so a power loss could otherwise forget a file whose record was committed.
    static func syncDirectory(of path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw Abort(.internalServerError, reason: "Folder \(dir) tidak dapat dibuka.") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Abort(.internalServerError, reason: "Folder \(dir) gagal disinkronkan.") }
    }
}

final class DiskUpload: EvidenceUpload, @unchecked Sendable {
    let files: DiskEvidenceFiles
    let temp: String
    let handle: NIOFileHandle

    init(files: DiskEvidenceFiles, temp: String, handle: NIOFileHandle) {
        self.files = files
        self.temp = temp
        self.handle = handle
    }

    func write(_ chunk: ByteBuffer) async throws { try await files.io.write(fileHandle: handle, buffer: chunk) }

    func finish(sha256: String, size: Int64) async throws {
        let (temp, handle, target) = (temp, handle, files.path(sha256))
        try await files.threadPool.runIfActive {
            try handle.withUnsafeFileDescriptor { fd in
                guard fsync(fd) == 0 else { throw Abort(.internalServerError, reason: "Berkas bukti gagal disimpan.") }
            }
            try handle.close()
            let dir = (target as NSString).deletingLastPathComponent
            let made = access(dir, F_OK) != 0
            try FileManager.default.createDirectory(
                atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if made { try DiskEvidenceFiles.syncDirectory(of: dir) }
            // The same bytes are stored already: keep those.
            if access(target, F_OK) == 0 {
                unlink(temp)
            } else if rename(temp, target) != 0 {
                throw Abort(.internalServerError, reason: "Berkas bukti gagal disimpan.")
            } else {
                // Before the record that names it is committed, the new name is on the disk.
                try DiskEvidenceFiles.syncDirectory(of: target)
            }
        }
    }

    func abort() async {
        let (temp, handle) = (temp, handle)
        try? await files.threadPool.runIfActive {
            try? handle.close()
            unlink(temp)
        }
    }
}

/// Files in the database: rows of 1 MB (`evidence_chunks`) under an upload's id, and one row per
/// hash naming the upload that holds it (`evidence_blobs`). Chunks are written through the store's
/// writer one at a time, so an upload never holds more than one chunk in memory.
struct DatabaseEvidenceFiles: EvidenceFiles {
    static let chunkSize = 1 << 20
    let store: @Sendable () -> Store

    func begin() async throws -> any EvidenceUpload { DatabaseUpload(store: store()) }

    func size(of sha256: String) async throws -> Int64? {
        try await store().rows("SELECT size FROM evidence_blobs WHERE sha256 = \(bind: sha256)").first?.int("size").map(
            Int64.init)
    }

    func read(
        _ sha256: String, offset: Int64, count: Int64, _ body: @Sendable (ByteBuffer) async throws -> Void
    ) async throws {
        let store = store()
        guard
            let upload = try await store.rows("SELECT upload_id FROM evidence_blobs WHERE sha256 = \(bind: sha256)")
                .first?.uuid("upload_id")
        else { throw Abort(.notFound, reason: "Berkas bukti tidak ditemukan.") }
        let size = Int64(Self.chunkSize)
        var at = offset
        let end = offset + count
        while at < end {
            let n = Int(at / size)
            guard
                let row = try await store.rows(
                    "SELECT data FROM evidence_chunks WHERE upload_id = \(bind: upload) AND n = \(bind: n)"
                ).first,
                case let data = try row.decode(column: "data", as: Data.self)
            else { throw Abort(.internalServerError, reason: "Berkas bukti terpotong.") }
            let from = Int(at - Int64(n) * size)
            let to = min(data.count, from + Int(end - at))
            guard from < to else { throw Abort(.internalServerError, reason: "Berkas bukti terpotong.") }
            var buffer = ByteBufferAllocator().buffer(capacity: to - from)
            buffer.writeBytes(data[data.startIndex + from..<data.startIndex + to])
            at += Int64(to - from)
            try await body(buffer)
        }
    }
}

extension DatabaseEvidenceFiles {
    func stored() async throws -> [String] {
        try await store().rows("SELECT sha256 FROM evidence_blobs").map { try $0.required($0.string, "sha256") }
    }

    func holds(_ sha256: String, in tx: StoreTransaction) async throws -> Bool {
        try await !ReadRow.all("SELECT sha256 FROM evidence_blobs WHERE sha256 = \(bind: sha256)", on: tx.sql).isEmpty
    }

    func reclaim(_ sha256: String, in tx: StoreTransaction) async throws -> Int64 {
        guard
            let blob = try await ReadRow.all(
                "SELECT upload_id, size FROM evidence_blobs WHERE sha256 = \(bind: sha256)", on: tx.sql
            ).first, let upload = try blob.uuid("upload_id")
        else { return 0 }
        try await tx.sql.raw("DELETE FROM evidence_chunks WHERE upload_id = \(bind: upload)").run()
        try await tx.sql.raw("DELETE FROM evidence_blobs WHERE sha256 = \(bind: sha256)").run()
        return Int64(try blob.int("size") ?? 0)
    }

    func sweep(untouchedSince before: Date, dryRun: Bool) async throws -> (uploads: Int, bytes: Int64) {
        let store = store()
        let cutoff = UTCTimestamp.string(before)
        // Chunks no blob names: an upload cut off, or one still under way (written to recently).
        let abandoned = try await store.rows(
            """
            SELECT c.upload_id, SUM(LENGTH(c.data)) AS bytes, MAX(c.written_at) AS last FROM evidence_chunks c
            WHERE NOT EXISTS (SELECT 1 FROM evidence_blobs b WHERE b.upload_id = c.upload_id)
            GROUP BY c.upload_id
            """
        ).filter { try $0.string("last").map { $0 < cutoff } ?? true }
        var found = (uploads: 0, bytes: Int64(0))
        for row in abandoned {
            let id = try row.required(row.uuid, "upload_id")
            if !dryRun {
                try await store.writeSQL { tx in
                    try await tx.sql.raw(
                        """
                        DELETE FROM evidence_chunks WHERE upload_id = \(bind: id)
                          AND NOT EXISTS (SELECT 1 FROM evidence_blobs b WHERE b.upload_id = \(bind: id))
                        """
                    ).run()
                }
            }
            found.uploads += 1
            found.bytes += Int64(try row.int("bytes") ?? 0)
        }
        return found
    }
}

final class DatabaseUpload: EvidenceUpload, @unchecked Sendable {
    let store: Store
    let id = UUID()
    private var pending = ByteBuffer()
    private var next = 0

    init(store: Store) { self.store = store }

    func write(_ chunk: ByteBuffer) async throws {
        var chunk = chunk
        while chunk.readableBytes > 0 {
            let take = min(chunk.readableBytes, DatabaseEvidenceFiles.chunkSize - pending.readableBytes)
            var slice = chunk.readSlice(length: take)!
            pending.writeBuffer(&slice)
            if pending.readableBytes == DatabaseEvidenceFiles.chunkSize { try await flush() }
        }
    }

    private func flush() async throws {
        guard pending.readableBytes > 0 else { return }
        let data = Data(pending.readableBytesView)
        let (id, n) = (id, next)
        try await store.writeSQL { tx in
            try await tx.sql.raw(
                """
                INSERT INTO evidence_chunks (upload_id, n, data, written_at)
                VALUES (\(bind: id), \(bind: n), \(bind: data), \(bind: UTCTimestamp.string(Date())))
                """
            ).run()
        }
        next += 1
        pending.clear()
    }

    func finish(sha256: String, size: Int64) async throws {
        try await flush()
        let id = id
        let kept = try await store.writeSQL { tx -> Bool in
            let exists = try await ReadRow.all(
                "SELECT sha256 FROM evidence_blobs WHERE sha256 = \(bind: sha256)", on: tx.sql)
            guard exists.isEmpty else { return false }
            try await tx.sql.raw(
                """
                INSERT INTO evidence_blobs (sha256, upload_id, size, stored_at)
                VALUES (\(bind: sha256), \(bind: id), \(bind: size), \(bind: UTCTimestamp.string(Date())))
                """
            ).run()
            return true
        }
        if !kept { await abort() }
    }

    func abort() async {
        let id = id
        _ = try? await store.writeSQL { tx in
            try await tx.sql.raw("DELETE FROM evidence_chunks WHERE upload_id = \(bind: id)").run()
        }
    }
}

/// One file on its way into the evidence store: hashed, counted and typed by its first bytes as
/// its chunks arrive (an upload's body, or the demo's file at once), kept under its hash by
/// `finish`. Refusals are the interface's: 415 for a type Telaah does not take, 422 for nothing.
final class EvidenceIntake {
    let name: String
    private let upload: any EvidenceUpload
    private let hasher = HashBox()
    private(set) var size: Int64 = 0
    private var head: [UInt8] = []
    private var type: Evidence.FileType?

    private init(name: String, upload: any EvidenceUpload) {
        self.name = name
        self.upload = upload
    }

    static func begin(_ files: any EvidenceFiles, name: String) async throws -> EvidenceIntake {
        EvidenceIntake(name: name, upload: try await files.begin())
    }

    /// Writes a chunk; a type refused as soon as its first bytes are in.
    func feed(_ chunk: ByteBuffer) async throws {
        size += Int64(chunk.readableBytes)
        if type == nil {
            let take = min(chunk.readableBytes, Evidence.sniffLength - head.count)
            head += chunk.getBytes(at: chunk.readerIndex, length: take) ?? []
            if head.count >= Evidence.sniffLength { type = try sniff() }
        }
        hasher.update(chunk)
        try await upload.write(chunk)
    }

    /// Keeps the bytes once `check` (run when they are all in) passes; what the record needs.
    func finish(_ check: () async throws -> Void = {}) async throws -> (
        sha256: String, size: Int64, contentType: String
    ) {
        guard size > 0 else { throw Abort(.unprocessableEntity, reason: Evidence.Refusal.empty.description) }
        let type = try self.type ?? sniff()
        try await check()
        let sha = hasher.hex()
        try await upload.finish(sha256: sha, size: size)
        return (sha, size, type.contentType)
    }

    func abort() async { await upload.abort() }

    private func sniff() throws -> Evidence.FileType {
        switch Evidence.fileType(prefix: head, filename: name) {
        case .success(let t): return t
        case .failure(let refusal): throw Abort(.unsupportedMediaType, reason: refusal.description)
        }
    }
}
