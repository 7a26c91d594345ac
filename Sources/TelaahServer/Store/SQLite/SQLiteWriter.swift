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
/// requests. Writes that arrive while one is running are committed together in the next
/// transaction (group commit: one BEGIN, one audit head, one COMMIT and fsync). When one write of
/// a group fails, the group is rolled back and each of its writes runs again in a transaction of
/// its own, so a failing write never takes others with it. PostgreSQL has no writer: its row
/// locks let writes run side by side.
final class SQLiteWriter: Sendable {
    /// The most writes committed together.
    static let maximumGroup = 64

    private let group: MultiThreadedEventLoopGroup
    private let threadPool: NIOThreadPool
    private let databases: Databases
    private let executor: EventLoopTaskExecutor
    private let logger: Logger
    private let queue = Mutex(Queue())

    private struct Queue {
        var pending: [Job] = []
        var draining = false
        /// For tests and metrics: how many writes the last group held.
        var lastGroup = 0
    }

    /// Writes waiting for the writer (tests).
    var waiting: Int { queue.withLock { $0.pending.count } }
    /// How many writes the last group held (tests).
    var lastGroupSize: Int { queue.withLock { $0.lastGroup } }
    /// How many transactions ran on the writer's own connection (tests).
    var ownGroups: Int { ownCommits.load(ordering: .relaxed) }
    private let ownCommits = Atomic(0)

    private struct Job: Sendable {
        let body: Body
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct Body: Sendable {
        /// Writes through SQLKit only: on the writer's own connection (`useOwnConnection`); else
        /// through Fluent, on the writer's SQLiteNIO connection.
        var isSQL: Bool
        var run: @Sendable (StoreTransaction) async throws -> any Sendable
    }

    /// The database file for the writer's own connection, once known; the connection itself,
    /// opened on the writer's loop and used only there.
    private let ownPath = Mutex<String?>(nil)
    private let own = Mutex<SQLiteHandle?>(nil)

    /// `configuration` is the application's own (the same file, or the same temporary file of
    /// an in-memory database).
    init(_ configuration: SQLiteConfiguration, logger: Logger) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        databases = Databases(threadPool: threadPool, on: group)
        databases.use(.sqlite(configuration), as: .sqlite)
        executor = EventLoopTaskExecutor(group.next())
        self.logger = logger
    }

    /// Runs `body` in a transaction on the writer's connection, after the writes before it;
    /// returns when that transaction is committed.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) async throws -> T) async throws -> T {
        try await enqueue(Body(isSQL: false) { try await body($0) })
    }

    /// Runs `body`, which writes through SQLKit only, in a transaction on the writer's own
    /// connection (through Fluent's until `useOwnConnection`): its statements run on the writer's
    /// loop thread with kept statements, where SQLiteNIO would hand each to a thread pool and
    /// prepare it anew.
    func sqlTransaction<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) async throws -> T) async throws
        -> T
    {
        try await enqueue(Body(isSQL: true) { try await body($0) })
    }

    /// From now on, SQL-only writes use a connection of the writer's own to `path` (the same
    /// database file).
    func useOwnConnection(path: String) { ownPath.withLock { $0 = path } }

    private func enqueue<T: Sendable>(_ body: Body) async throws -> T {
        let value = try await withCheckedThrowingContinuation { continuation in
            let job = Job(body: body, continuation: continuation)
            let lead = queue.withLock { queue in
                queue.pending.append(job)
                if queue.draining { return false }
                queue.draining = true
                return true
            }
            if lead { Task(executorPreference: executor) { await self.drain() } }
        }
        return value as! T
    }

    /// Commits the waiting writes, a group at a time, until none waits.
    private func drain() async {
        while true {
            let jobs = queue.withLock { queue in
                let jobs = Array(queue.pending.prefix(Self.maximumGroup))
                queue.pending.removeFirst(jobs.count)
                if jobs.isEmpty { queue.draining = false } else { queue.lastGroup = jobs.count }
                return jobs
            }
            if jobs.isEmpty { return }
            // Runs of Fluent and SQL-only writes, in the order they came, each in its own
            // transaction (they may use two connections).
            var start = 0
            while start < jobs.count {
                var end = start + 1
                while end < jobs.count, jobs[end].body.isSQL == jobs[start].body.isSQL { end += 1 }
                await commit(Array(jobs[start..<end]))
                start = end
            }
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

    private func commit(_ jobs: [Job]) async {
        if jobs[0].body.isSQL {
            do {
                if let handle = try ownConnection() {
                    let db = SQLiteHandleDatabase(handle: handle, eventLoop: executor.loop, logger: logger)
                    await commit(jobs) { try await self.together($0, on: handle, db) }
                    return
                }
            } catch {
                for job in jobs { job.continuation.resume(throwing: error) }
                return
            }
        }
        guard let db = databases.database(.sqlite, logger: logger, on: executor.loop) else {
            for job in jobs {
                job.continuation.resume(throwing: Abort(.serviceUnavailable, reason: "Server sedang berhenti."))
            }
            return
        }
        await commit(jobs) { try await self.together($0, on: db) }
    }

    /// Commits `jobs` with `together`. One of a group failing (a stale version, say) undoes the
    /// group: then each runs on its own.
    private func commit(_ jobs: [Job], _ together: ([Job]) async throws -> [any Sendable]) async {
        if jobs.count > 1, let values = try? await together(jobs) {
            for (job, value) in zip(jobs, values) { job.continuation.resume(returning: value) }
            return
        }
        for job in jobs {
            do {
                job.continuation.resume(returning: try await together([job])[0])
            } catch {
                job.continuation.resume(throwing: error)
            }
        }
    }

    /// Runs the jobs one after the other in one transaction, the audit head kept in memory.
    private func together(_ jobs: [Job], on db: any Database) async throws -> [any Sendable] {
        try await db.transaction { tx in try await self.run(jobs, on: tx as! any SQLDatabase, fluent: tx) }
    }

    /// Runs the jobs one after the other inside a transaction; they share its audit chain, whose
    /// head is read at the first entry and written once at the end.
    private func run(_ jobs: [Job], on sql: any SQLDatabase, fluent: (any Database)?) async throws -> [any Sendable] {
        let transaction = StoreTransaction(sql: sql, fluent: fluent, chain: AuditChain())
        var values: [any Sendable] = []
        for job in jobs { values.append(try await job.body.run(transaction)) }
        try await transaction.chain.finish(on: sql)
        return values
    }

    /// The same on the writer's own connection.
    private func together(_ jobs: [Job], on handle: SQLiteHandle, _ db: SQLiteHandleDatabase) async throws
        -> [any Sendable]
    {
        try handle.execute("BEGIN IMMEDIATE")
        do {
            let values = try await run(jobs, on: db, fluent: nil)
            try handle.execute("COMMIT")
            ownCommits.add(1, ordering: .relaxed)
            return values
        } catch {
            try? handle.execute("ROLLBACK")
            throw error
        }
    }

    func shutdown() async throws {
        own.withLock { own in
            own?.close()
            own = nil
        }
        await databases.shutdownAsync()
        try await threadPool.shutdownGracefully()
        try await group.shutdownGracefully()
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
