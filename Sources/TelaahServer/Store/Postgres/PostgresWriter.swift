import Fluent
import FluentPostgresDriver
import NIOPosix
import SQLKit
import Vapor

/// PostgreSQL's writes of one application process, committed in groups (`GroupCommit`) on a
/// connection, a loop and a thread of their own: every write appends to the audit chain, whose
/// head lets one transaction through at a time, so one by one the writes would each wait for the
/// fsync of the one before. Row locks keep several processes apart.
final class PostgresWriter: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let databases: Databases
    let writes: GroupCommit

    init(_ configuration: SQLPostgresConfiguration, threadPool: NIOThreadPool, logger: Logger) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        databases = Databases(threadPool: threadPool, on: group)
        databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 1), as: .psql)
        let loop = group.next()
        writes = GroupCommit(on: loop, committer: PostgresCommitter(databases: databases, loop: loop, logger: logger))
    }

    func shutdown() async throws {
        await databases.shutdownAsync()
        try await group.shutdownGracefully()
    }
}

private struct PostgresCommitter: GroupCommitter {
    let databases: Databases
    let loop: any EventLoop
    let logger: Logger

    func commit(_ lane: GroupCommit.Lane, _ bodies: [GroupCommit.Body]) async throws -> [any Sendable] {
        guard let db = databases.database(.psql, logger: logger, on: loop) else {
            throw Abort(.serviceUnavailable, reason: "Server sedang berhenti.")
        }
        return try await db.transactionOnLoop { tx in
            try await GroupCommit.run(bodies, on: tx as! any SQLDatabase, fluent: tx, lockingHeadFirst: true)
        }
    }
}

/// Stops the writer with the application.
struct PostgresWriterLifecycle: LifecycleHandler {
    let writer: PostgresWriter

    func shutdownAsync(_ application: Application) async {
        do { try await writer.shutdown() } catch {
            application.logger.warning("penulis PostgreSQL tidak berhenti dengan rapi: \(error)")
        }
    }
}
