import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import TelaahServer

@Suite("Group commit, on SQLite's writer and on PostgreSQL")
struct WriterTests {
    struct Failure: Error {}

    /// Holds the writer with one write until `release` is called, so the writes sent meanwhile
    /// queue up and are committed as one group.
    final class Blocker: Sendable {
        let started: AsyncStream<Void>
        let startedContinuation: AsyncStream<Void>.Continuation
        let gate: AsyncStream<Void>
        let gateContinuation: AsyncStream<Void>.Continuation

        init() {
            (started, startedContinuation) = AsyncStream.makeStream()
            (gate, gateContinuation) = AsyncStream.makeStream()
        }

        func hold(_ writer: GroupCommit) -> Task<Void, any Error> {
            Task {
                try await writer.enqueue(.fluent) { _ in
                    self.startedContinuation.yield()
                    for await _ in self.gate { break }
                }
            }
        }
    }

    func entries(_ app: Application) async throws -> [String] {
        try await (app.db as! any SQLDatabase).raw("SELECT object_id FROM audit_entries WHERE object_type = 'uji'")
            .all().map { try $0.decode(column: "object_id", as: String.self) }
    }

    func waitUntilQueued(_ writer: GroupCommit, _ count: Int) async throws {
        for _ in 0..<2000 where writer.waiting < count { try await Task.sleep(for: .milliseconds(1)) }
        try #require(writer.waiting == count)
    }

    /// Sends `count` writes while the writer is held, so they queue and reach it together; each
    /// appends an audit entry named by its number, and the `failing` one then throws.
    /// `sqlOnly`: which writes go through the writer's own connection (`sqlTransaction`).
    func groupOfWrites(
        _ writer: GroupCommit, _ count: Int, failing: Int? = nil, seal: AuditSeal,
        sqlOnly: @escaping @Sendable (Int) -> Bool = { _ in false }
    ) async throws
        -> [Result<Int, any Error>]
    {
        let blocker = Blocker()
        let held = blocker.hold(writer)
        for await _ in blocker.started { break }
        // Each write is queued before the next is sent, so the queue holds them in their order.
        var writes: [Task<Int, any Error>] = []
        for n in 1...count {
            writes.append(
                Task {
                    if sqlOnly(n) {
                        return try await writer.enqueue(.sql) { tx in
                            try await tx.note(.system(seal), "uji", "uji", "\(n)")
                            if n == failing { throw Failure() }
                            return n
                        }
                    }
                    return try await writer.enqueue(.fluent) { tx in
                        try await tx.note(.system(seal), "uji", "uji", "\(n)")
                        if n == failing { throw Failure() }
                        return n
                    }
                })
            try await waitUntilQueued(writer, n)
        }
        blocker.gateContinuation.yield()
        try await held.value
        var results: [Result<Int, any Error>] = []
        for write in writes { results.append(await write.result) }
        return results
    }

    @Test("writes sent together commit as one group; the audit chain stays intact")
    func group() async throws {
        try await withDemoApp { app, _ in
            let writer = try #require(app.storeWrites)
            let results = try await groupOfWrites(writer, 10, seal: app.auditSeal)
            #expect(try results.map { try $0.get() } == Array(1...10))
            #expect(writer.lastGroupSize == 10)
            #expect(try await entries(app).sorted() == (1...10).map(String.init).sorted())
            #expect(
                try await AuditLog.verify(on: app.db, seal: app.auditSeal)
                    == .intact(entries: try await auditCount(app), anchors: 0))
        }
    }

    @Test("a write of a group that fails is undone alone: the others are committed, the chain intact")
    func failingWriteInGroup() async throws {
        try await withDemoApp { app, _ in
            let writer = try #require(app.storeWrites)
            // Each writes its entry; the third then fails, and its entry must not stay.
            let results = try await groupOfWrites(writer, 6, failing: 3, seal: app.auditSeal)
            for (n, result) in zip(1..., results) {
                if n == 3 {
                    #expect(throws: Failure.self) { try result.get() }
                } else {
                    #expect(try result.get() == n)
                }
            }
            #expect(try await entries(app).sorted() == ["1", "2", "4", "5", "6"])
            #expect(
                try await AuditLog.verify(on: app.db, seal: app.auditSeal)
                    == .intact(entries: try await auditCount(app), anchors: 0))
        }
    }

    @Test(
        "writes on the writer's own connection and through Fluent, mixed, commit in the order sent; a failing one alone is undone"
    )
    func mixedConnections() async throws {
        try await withDemoApp { app, _ in
            let writer = try #require(app.storeWrites)
            let before = app.sqliteWriter?.ownGroups ?? 0
            let results = try await groupOfWrites(writer, 10, failing: 6, seal: app.auditSeal, sqlOnly: { $0 % 3 != 0 })
            for (n, result) in zip(1..., results) {
                if n == 6 {
                    #expect(throws: Failure.self) { try result.get() }
                } else {
                    #expect(try result.get() == n)
                }
            }
            // On SQLite the SQL-only writes ran on the writer's own connection.
            if let sqlite = app.sqliteWriter { #expect(sqlite.ownGroups > before) }
            let ordered = try await (app.db as! any SQLDatabase).raw(
                "SELECT object_id FROM audit_entries WHERE object_type = 'uji' ORDER BY seq"
            ).all().map { try $0.decode(column: "object_id", as: String.self) }
            #expect(ordered == ["1", "2", "3", "4", "5", "7", "8", "9", "10"])
            #expect(
                try await AuditLog.verify(on: app.db, seal: app.auditSeal)
                    == .intact(entries: try await auditCount(app), anchors: 0))
        }
    }

    func auditCount(_ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_entries").first()!
            .decode(column: "n", as: Int.self)
    }
}
