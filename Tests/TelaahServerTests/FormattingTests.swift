import Foundation
import SQLiteNIO
import Testing
import Vapor

@testable import TelaahServer

@Suite("Audit timestamps and hashes as text")
struct FormattingTests {
    /// The audit log's timestamps were made by `ISO8601DateFormatter`; the hand-written
    /// formatter must give the very same text, or new entries would read differently.
    @Test("UTC timestamps match ISO8601DateFormatter, at day, month, year and leap-day borders")
    func timestampsMatchFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var dates: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 0.999),
            Date(timeIntervalSince1970: 951_782_399.999),  // 2000-02-28T23:59:59.999Z
            Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29 (leap year of a century)
            Date(timeIntervalSince1970: 4_107_542_400),  // 2100-03-01 (no leap day in 2100)
            Date(timeIntervalSince1970: 1_729_044_000.5),  // 16 Oktober 2024
            Date(timeIntervalSince1970: 1_735_689_599.999),  // last millisecond of 2024
        ]
        var state: UInt64 = 2024
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let millis = Int64(state >> 24) % 4_102_444_800_000  // 1970 … 2100
            dates.append(Date(timeIntervalSince1970: Double(millis) / 1000))
        }
        for date in dates {
            #expect(UTCTimestamp.string(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
        }
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: 1_729_044_000.5)) == "2024-10-16T02:00:00.500Z")
    }

    @Test("hashes print as lowercase hex, two digits a byte")
    func hex() {
        #expect([0x00, 0x0F, 0xA0, 0xFF].hexString == "000fa0ff")
        #expect(
            SHA256.hash(data: Data("abc".utf8)).hexString
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite("Ids read from the database")
struct UUIDTextTests {
    @Test("ids parse as Foundation parses them, in either case; anything else is refused")
    func parsesLikeFoundation() {
        for _ in 0..<500 {
            let id = UUID()
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.uuidString.lowercased()) == id)
        }
        let refused = [
            "", "not-a-uuid", "6BA7B810-9DAD-11D1-80B4-00C04FD430C",  // one digit short
            "6BA7B810-9DAD-11D1-80B4-00C04FD430C88",  // one digit more
            "6BA7B810X9DAD-11D1-80B4-00C04FD430C8",  // no hyphen where one belongs
            "6BA7B810-9DAD-11D1-80B4-00C04FD430CG",  // not hexadecimal
            "6BA7B8109DAD11D180B400C04FD430C8----",
        ]
        for text in refused {
            #expect(UUID(text: text) == nil, "\(text)")
            #expect(UUID(uuidString: text) == nil, "\(text)")
        }
    }
}

@Suite("Request code on its event loop")
struct LoopTaskTests {
    @Test("a loop task runs on its loop, and stays there after awaiting work done elsewhere")
    func staysOnLoop() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let other = MultiThreadedEventLoopGroup.singleton.any()
        let seen = try await loop.runTask { () async throws -> [Bool] in
            let before = loop.inEventLoop
            _ = try await other.submit { 1 }.get()
            try await Task.sleep(for: .milliseconds(1))
            return [before, loop.inEventLoop]
        }.get()
        #expect(seen == [true, true])
    }
}

@Suite("SQLite reads on the event loop's own connection")
struct SQLiteReadersTests {
    @Test("each read sees what was committed before it; statements past the cache's size still read right")
    func readsCommittedState() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-readers-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let writer = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: .singleton, on: .singletonMultiThreadedEventLoopGroup.any())
        _ = try await writer.query("PRAGMA journal_mode=WAL")
        _ = try await writer.query("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        let readers = SQLiteReaders(path: path)
        defer { readers.close() }
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        func names() async throws -> [String] {
            try await loop.submit {
                try readers.rows("SELECT name FROM t ORDER BY id", [], on: loop)!.map { try $0.string("name")! }
            }.get()
        }
        #expect(try await names() == [])
        _ = try await writer.query("INSERT INTO t (name) VALUES (?)", [.text("Inspektorat")])
        #expect(try await names() == ["Inspektorat"])
        _ = try await writer.query("INSERT INTO t (name) VALUES (?)", [.text("Bappeda")])
        #expect(try await names() == ["Inspektorat", "Bappeda"])
        // More distinct statements than the cache keeps: each still answers its own query.
        let sums = try await loop.submit {
            try (0..<(SQLiteHandle.statementCapacity + 8)).map { n in
                try readers.rows("SELECT ? + \(n) AS v", [.integer(100)], on: loop)![0].int("v")!
            }
        }.get()
        #expect(sums == (0..<(SQLiteHandle.statementCapacity + 8)).map { 100 + $0 })
        // Off the loop's thread nothing is read here: the caller reads through the pool.
        #expect(try readers.rows("SELECT 1 AS v", [], on: loop) == nil)
        // Writing is refused on the readers' connections.
        #expect(throws: SQLiteHandle.Failure.self) {
            try loop.submit { try readers.rows("INSERT INTO t (name) VALUES ('x')", [], on: loop) }.wait()
        }
        try await writer.close()
    }

    @Test(
        "while another connection holds the database locked, a read gives way to the pool; a unique key refused is a constraint failure (HTTP 409 upstream)"
    )
    func busyAndConstraint() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-busy-\(UUID()).sqlite").path
        defer { for suffix in ["", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        // A rollback-journal database (not WAL): a writer's exclusive lock keeps readers out.
        let other = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: .singleton, on: .singletonMultiThreadedEventLoopGroup.any())
        _ = try await other.query("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)")
        let readers = SQLiteReaders(path: path)
        defer { readers.close() }
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let read = { try await loop.submit { try readers.rows("SELECT COUNT(*) AS n FROM t", [], on: loop) }.get() }
        #expect(try await read()?.first?.int("n") == 0)
        _ = try await other.query("BEGIN EXCLUSIVE")
        #expect(try await read() == nil)
        _ = try await other.query("COMMIT")
        #expect(try await read()?.first?.int("n") == 0)
        try await other.close()

        let own = try SQLiteHandle(path: path, busyTimeout: 100)
        defer { own.close() }
        _ = try own.rows("INSERT INTO t (name) VALUES (?)", [.text("Bappeda")])
        #expect {
            _ = try own.rows("INSERT INTO t (name) VALUES (?)", [.text("Bappeda")])
        } throws: { error in
            (error as? SQLiteHandle.Failure)?.isConstraintFailure == true
        }
    }
}
