import Fluent
import NIOCore
import Synchronization
import Vapor

/// The audit chain's head recorded outside the database: an append-only file (one line per head,
/// `seq<TAB>hash<TAB>time`) written as the chain moves. The database alone cannot show that its
/// last entries were cut and its head moved back; `telaah audit verify --anchor FILE` compares
/// the chain with every head recorded here and with heads kept elsewhere (`telaah audit head`).
public final class AuditAnchor: Sendable {
    /// One recorded head and where it was read (for the message of `verify`).
    public struct Line: Sendable, Equatable {
        public var seq: Int64
        public var hash: String
        public var source: String
    }

    public let path: String
    private let last = Mutex<AuditLog.Head?>(nil)

    public init(path: String) throws {
        self.path = path
        try ServerConfiguration.createPrivateFile(path)
        if let lines = try? Self.read(path: path), let tail = lines.last {
            last.withLock { $0 = AuditLog.Head(seq: tail.seq, hash: tail.hash) }
        }
    }

    /// Appends `head` unless it is the one last recorded. Written with O_APPEND, not synced: after
    /// a crash the file may lag the database (harmless), never lead it.
    func record(_ head: AuditLog.Head) throws {
        let fresh = last.withLock { last -> Bool in
            guard last != head else { return false }
            last = head
            return true
        }
        guard fresh, head.seq > 0 else { return }
        let line = Array("\(head.seq)\t\(head.hash)\t\(UTCTimestamp.string(Date()))\n".utf8)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else {
            throw ConfigurationError("\(path): tidak dapat ditulis (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Reads the current head from the database and records it.
    func record(from db: any Database) async throws {
        if let head = try await AuditLog.head(on: db) { try record(head) }
    }

    /// The heads recorded in a file, in order; a line that is not a head is an error naming it.
    public static func read(path: String) throws -> [Line] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigurationError("\(path): berkas jangkar tidak terbaca")
        }
        var lines: [Line] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !raw.isEmpty {
            let fields = raw.split(separator: "\t")
            guard fields.count >= 2, let seq = Int64(fields[0]), fields[1].count == 64 else {
                throw ConfigurationError("\(path) baris \(i + 1): bukan catatan kepala rantai audit")
            }
            lines.append(Line(seq: seq, hash: String(fields[1]), source: "\(path) baris \(i + 1)"))
        }
        return lines
    }
}

/// Records the head every `interval` while the application runs, and once more at shutdown.
final class AuditAnchorLifecycle: LifecycleHandler {
    let anchor: AuditAnchor
    let interval: TimeAmount
    let task = Mutex<RepeatedTask?>(nil)

    init(anchor: AuditAnchor, interval: TimeAmount = .seconds(1)) {
        self.anchor = anchor
        self.interval = interval
    }

    func didBootAsync(_ app: Application) async throws {
        try await anchor.record(from: app.db)
        let anchor = self.anchor
        let db = app.db
        let logger = app.logger
        let loop = app.eventLoopGroup.next()
        let repeated = loop.scheduleRepeatedAsyncTask(initialDelay: interval, delay: interval) { _ in
            loop.makeFutureWithTask {
                do { try await anchor.record(from: db) } catch {
                    logger.error("jangkar audit: \(error)")
                }
            }
        }
        task.withLock { $0 = repeated }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLock { $0?.cancel() }
        do { try await anchor.record(from: app.db) } catch { app.logger.error("jangkar audit: \(error)") }
    }
}
