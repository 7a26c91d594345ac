import Fluent
import NIOCore
import SQLKit
import Synchronization
import Vapor

/// Group commit: writes that arrive while one transaction commits wait, and are then committed
/// together in the next (one BEGIN, one audit head, one COMMIT and its fsync for the group). Every
/// write of Telaah appends to the audit chain, whose head admits one transaction at a time: one by
/// one, the writes would wait for each other's fsync. When one write of a group fails, the group is
/// rolled back and each of its writes runs again in a transaction of its own, so a failing write
/// never takes others with it. Transactions run one after the other on one event loop; a
/// `GroupCommitter` opens them on its engine (`SQLiteWriter`, `PostgresWriter`).
final class GroupCommit: Sendable {
    /// The most writes committed together.
    static let maximumGroup = 64

    /// Which connection a write needs: Fluent's (models), or any that speaks SQL (SQLKit only).
    enum Lane: Sendable {
        case fluent
        case sql
    }

    struct Body: Sendable {
        var lane: Lane
        var run: @Sendable (StoreTransaction) async throws -> any Sendable
    }

    private struct Job: Sendable {
        let body: Body
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private struct Queue {
        var pending: [Job] = []
        var draining = false
        var lastGroup = 0
    }

    private let queue = Mutex(Queue())
    private let executor: EventLoopTaskExecutor
    private let committer: any GroupCommitter

    init(on loop: any EventLoop, committer: any GroupCommitter) {
        executor = EventLoopTaskExecutor.of(loop)
        self.committer = committer
    }

    /// Writes waiting (tests).
    var waiting: Int { queue.withLock { $0.pending.count } }
    /// How many writes the last group held (tests).
    var lastGroupSize: Int { queue.withLock { $0.lastGroup } }

    /// Runs `body` in a transaction after the writes before it; returns once that transaction is
    /// committed.
    func enqueue<T: Sendable>(_ lane: Lane, _ body: @escaping @Sendable (StoreTransaction) async throws -> T)
        async throws -> T
    {
        let value = try await withCheckedThrowingContinuation { continuation in
            let job = Job(body: Body(lane: lane) { try await body($0) }, continuation: continuation)
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
            // Runs of one lane, in the order they came, each in its own transaction.
            var start = 0
            while start < jobs.count {
                var end = start + 1
                while end < jobs.count, jobs[end].body.lane == jobs[start].body.lane { end += 1 }
                await commit(Array(jobs[start..<end]))
                start = end
            }
        }
    }

    /// Commits `jobs` together; if that fails, each on its own.
    private func commit(_ jobs: [Job]) async {
        let lane = jobs[0].body.lane
        if jobs.count > 1, let values = try? await committer.commit(lane, jobs.map(\.body)) {
            for (job, value) in zip(jobs, values) { job.continuation.resume(returning: value) }
            return
        }
        for job in jobs {
            do {
                job.continuation.resume(returning: try await committer.commit(lane, [job.body])[0])
            } catch {
                job.continuation.resume(throwing: error)
            }
        }
    }

    /// Runs `bodies` one after the other inside a transaction already begun; they share its audit
    /// chain, whose head is read at the first entry and written once at the end.
    /// `lockingHeadFirst`: lock the audit head before anything else (`AuditChain.lockHead`).
    static func run(
        _ bodies: [Body], on sql: any SQLDatabase, fluent: (any Database)?, lockingHeadFirst: Bool = false
    ) async throws -> [any Sendable] {
        let transaction = StoreTransaction(sql: sql, fluent: fluent, chain: AuditChain())
        if lockingHeadFirst { try await transaction.chain.lockHead(on: sql) }
        var values: [any Sendable] = []
        for body in bodies { values.append(try await body.run(transaction)) }
        try await transaction.chain.finish(on: sql)
        return values
    }
}

extension Database {
    /// `body` in a transaction of this database, on its event loop: Fluent's async `transaction`
    /// would run it as a task on Swift's global executor, each statement a hop to the loop and back.
    func transactionOnLoop<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T
    {
        try await transaction { tx in tx.eventLoop.runTask { try await body(tx) } }.get()
    }
}

/// Opens the transactions of a group commit on an engine.
protocol GroupCommitter: Sendable {
    /// Runs `bodies` (all of `lane`) in one transaction with `GroupCommit.run`, and commits it.
    func commit(_ lane: GroupCommit.Lane, _ bodies: [GroupCommit.Body]) async throws -> [any Sendable]
}
