import Fluent
import FluentSQLiteDriver
import NIOCore
import NIOPosix
import Vapor

/// SQLite's single writer: every write transaction runs on one connection of its own, with a
/// loop and a thread of its own, one transaction at a time (SQLite allows one writer; WAL lets
/// the pages go on reading through the application's pool meanwhile).
///
/// 2026-11-23: a save used to run its statements on the request's event loop, so each of its
/// six round trips waited behind the other requests' work on that loop while holding the one
/// write slot; writes also took a reader's connection. Here the transaction's code runs on the
/// writer's loop (a task executor preference), so a write's round trips wait for nothing but
/// SQLite. PostgreSQL has no writer: its row locks let writes run side by side.
final class SQLiteWriter: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let threadPool: NIOThreadPool
    private let databases: Databases
    private let executor: EventLoopTaskExecutor
    private let gate = WriteGate()

    /// `configuration` is the application's own (the same file, or the same temporary file of
    /// an in-memory database).
    init(_ configuration: SQLiteConfiguration) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        databases = Databases(threadPool: threadPool, on: group)
        databases.use(.sqlite(configuration), as: .sqlite)
        executor = EventLoopTaskExecutor(group.next())
    }

    /// Runs `body` in one transaction on the writer's connection, after the writes before it.
    func transaction<T: Sendable>(
        logger: Logger, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await withTaskExecutorPreference(executor) {
            await gate.acquire()
            do {
                guard let db = databases.database(.sqlite, logger: logger, on: executor.loop) else {
                    throw Abort(.serviceUnavailable, reason: "Server sedang berhenti.")
                }
                let result = try await db.transaction(body)
                await gate.release()
                return result
            } catch {
                await gate.release()
                throw error
            }
        }
    }

    func shutdown() async throws {
        await databases.shutdownAsync()
        try await threadPool.shutdownGracefully()
        try await group.shutdownGracefully()
    }
}

/// Runs Swift tasks' jobs on one event loop.
private final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}

/// One write transaction at a time, in the order they asked.
private actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            busy = true
        }
    }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
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
