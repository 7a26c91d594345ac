import Fluent
import FluentSQLiteDriver
import NIOCore
import NIOPosix
import SQLKit
import Synchronization
import Vapor

/// SQLite's single writer: every write transaction runs on one connection of its own, with a
/// loop and a thread of its own (SQLite allows one writer; WAL lets the pages go on reading
/// through the application's pool meanwhile), so a write's round trips never wait behind other
/// requests; writes are committed in groups (`GroupCommit`).
final class SQLiteWriter: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let threadPool: NIOThreadPool
    private let committer: SQLiteCommitter
    let writes: GroupCommit

    /// Writes waiting for the writer (tests).
    var waiting: Int { writes.waiting }
    /// How many writes the last group held (tests).
    var lastGroupSize: Int { writes.lastGroupSize }
    /// How many transactions ran on the writer's own connection (tests).
    var ownGroups: Int { committer.ownCommits.load(ordering: .relaxed) }

    /// `configuration` is the application's own (the same file, or the same temporary file of
    /// an in-memory database).
    init(_ configuration: SQLiteConfiguration, logger: Logger) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let databases = Databases(threadPool: threadPool, on: group)
        databases.use(.sqlite(configuration), as: .sqlite)
        let loop = group.next()
        committer = SQLiteCommitter(databases: databases, loop: loop, logger: logger)
        writes = GroupCommit(on: loop, committer: committer)
    }

    /// Runs `body` in a transaction on the writer's connection, after the writes before it;
    /// returns when that transaction is committed.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) async throws -> T) async throws -> T {
        try await writes.enqueue(.fluent, body)
    }

    /// Runs `body`, which writes through SQLKit only, in a transaction on the writer's own
    /// connection (through Fluent's until `useOwnConnection`): its statements run on the writer's
    /// loop thread with kept statements, where SQLiteNIO would hand each to a thread pool and
    /// prepare it anew.
    func sqlTransaction<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) async throws -> T) async throws
        -> T
    {
        try await writes.enqueue(.sql, body)
    }

    /// From now on, SQL-only writes use a connection of the writer's own to `path` (the same
    /// database file).
    func useOwnConnection(path: String) { committer.ownPath.withLock { $0 = path } }

    func shutdown() async throws {
        committer.own.withLock { own in
            own?.close()
            own = nil
        }
        await committer.databases.shutdownAsync()
        try await threadPool.shutdownGracefully()
        try await group.shutdownGracefully()
    }
}

/// The writer's transactions: SQL-only ones on its own connection, the others on its SQLiteNIO
/// connection through Fluent.
private final class SQLiteCommitter: GroupCommitter {
    let databases: Databases
    let loop: any EventLoop
    let logger: Logger
    /// The database file for the writer's own connection, once known; the connection itself,
    /// opened on the writer's loop and used only there.
    let ownPath = Mutex<String?>(nil)
    let own = Mutex<SQLiteHandle?>(nil)
    let ownCommits = Atomic(0)

    init(databases: Databases, loop: any EventLoop, logger: Logger) {
        self.databases = databases
        self.loop = loop
        self.logger = logger
    }

    func commit(_ lane: GroupCommit.Lane, _ bodies: [GroupCommit.Body]) async throws -> [any Sendable] {
        if lane == .sql, let handle = try ownConnection() {
            let db = SQLiteHandleDatabase(handle: handle, eventLoop: loop, logger: logger)
            try handle.execute("BEGIN IMMEDIATE")
            do {
                let values = try await GroupCommit.run(bodies, on: db, fluent: nil)
                try handle.execute("COMMIT")
                ownCommits.add(1, ordering: .relaxed)
                return values
            } catch {
                try? handle.execute("ROLLBACK")
                throw error
            }
        }
        guard let db = databases.database(.sqlite, logger: logger, on: loop) else {
            throw Abort(.serviceUnavailable, reason: "Server sedang berhenti.")
        }
        return try await db.transactionOnLoop { tx in
            try await GroupCommit.run(bodies, on: tx as! any SQLDatabase, fluent: tx)
        }
    }

    /// The writer's own connection, opened on first use (on the writer's loop).
    private func ownConnection() throws -> SQLiteHandle? {
        guard let path = ownPath.withLock({ $0 }) else { return nil }
        return try own.withLock { own in
            if let own { return own }
            // Waits like SQLiteNIO's connections for another process's write, but not forever.
            let opened = try SQLiteHandle(path: path, busyTimeout: 10_000)
            try opened.execute("PRAGMA foreign_keys = ON")
            own = opened
            return opened
        }
    }
}

/// Stops the writer with the application.
struct SQLiteWriterLifecycle: LifecycleHandler {
    let writer: SQLiteWriter

    func shutdownAsync(_ application: Application) async {
        do { try await writer.shutdown() } catch {
            application.logger.warning("penulis SQLite tidak berhenti dengan rapi: \(error)")
        }
    }
}
