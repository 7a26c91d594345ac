import Fluent
import FluentSQLiteDriver
import NIOCore
import NIOPosix
import Synchronization
import Vapor

/// SQLite's single writer: every write transaction runs on one connection of its own, with a
/// loop and a thread of its own (SQLite allows one writer; WAL lets the pages go on reading
/// through the application's pool meanwhile). Writes that arrive while one is running are
/// committed together in the next transaction (group commit).
///
/// 2026-11-23: a save used to run its six statements on the request's event loop, each round
/// trip waiting behind the other requests' work while holding the one write slot (1,6 ms a
/// save, about 500 saves a second whatever the load). Here a transaction's code runs on the
/// writer's loop, and a group of N writes shares BEGIN, the audit head and COMMIT (one fsync).
/// When one write of a group fails, the group is rolled back and each of its writes runs again
/// in a transaction of its own, so a failing write never takes others with it.
/// PostgreSQL has no writer: its row locks let writes run side by side.
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

    private struct Job: Sendable {
        let body: @Sendable (any Database) async throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

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
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { continuation in
            let job = Job(body: { try await body($0) }, continuation: continuation)
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
            await commit(jobs)
        }
    }

    private func commit(_ jobs: [Job]) async {
        guard let db = databases.database(.sqlite, logger: logger, on: executor.loop) else {
            for job in jobs {
                job.continuation.resume(throwing: Abort(.serviceUnavailable, reason: "Server sedang berhenti."))
            }
            return
        }
        // One of a group failing (a stale version, say) undoes the group: then each on its own.
        if jobs.count > 1, let values = try? await together(jobs, on: db) {
            for (job, value) in zip(jobs, values) { job.continuation.resume(returning: value) }
            return
        }
        for job in jobs {
            do {
                job.continuation.resume(returning: try await together([job], on: db)[0])
            } catch {
                job.continuation.resume(throwing: error)
            }
        }
    }

    /// Runs the jobs one after the other in one transaction, the audit head kept in memory.
    private func together(_ jobs: [Job], on db: any Database) async throws -> [any Sendable] {
        try await db.transaction { tx in
            try await AuditLog.chained(on: tx) {
                var values: [any Sendable] = []
                for job in jobs { values.append(try await job.body(tx)) }
                return values
            }
        }
    }

    func shutdown() async throws {
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
