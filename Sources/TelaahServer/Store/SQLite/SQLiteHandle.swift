import FluentKit
import FluentSQLiteDriver
import Logging
import NIOCore
import SQLiteNIO
// SQLiteNIO's own copy of SQLite. Not one of its products, but it must be this copy: two copies
// of SQLite in one process would each keep their own POSIX file locks on the same database.
import VaporCSQLite

/// A SQLite connection of our own, used on one thread only (its owner's event loop), that keeps
/// its prepared statements (SQLiteNIO prepares every statement anew, on a thread pool).
final class SQLiteHandle: @unchecked Sendable {
    /// Prepared statements kept per connection; past this many, all are dropped and kept anew.
    static let statementCapacity = 32

    private var handle: OpaquePointer?
    private var statements: [String: Statement] = [:]

    final class Statement {
        let handle: OpaquePointer
        let columns: ReadRow.Columns

        init(_ handle: OpaquePointer) {
            self.handle = handle
            let count = sqlite_nio_sqlite3_column_count(handle)
            var index: [String: Int] = [:]
            for i in 0..<count {
                if let name = sqlite_nio_sqlite3_column_name(handle, i) {
                    index[String(cString: name)] = index[String(cString: name)] ?? Int(i)
                }
            }
            columns = ReadRow.Columns(index: index)
        }
    }

    /// `busyTimeout`: how long a statement waits for a lock held by another connection, in
    /// milliseconds.
    init(path: String, busyTimeout: Int32) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard opened == SQLITE_OK else {
            defer { sqlite_nio_sqlite3_close(handle) }
            throw Failure(code: opened, message: "cannot open \(path)")
        }
        sqlite_nio_sqlite3_busy_timeout(handle, busyTimeout)
    }

    /// A failed statement: SQLite's result code and message.
    struct Failure: Error, CustomStringConvertible, DatabaseError {
        var code: Int32
        var message: String
        var description: String { "SQLite \(code): \(message)" }
        var isBusy: Bool { code & 0xFF == SQLITE_BUSY }
        var isConstraintFailure: Bool { code & 0xFF == SQLITE_CONSTRAINT }
        var isSyntaxError: Bool { code & 0xFF == SQLITE_ERROR }
        var isConnectionClosed: Bool { false }
    }

    /// Runs statements that return no rows (`BEGIN`, `COMMIT`, pragmas), uncached.
    func execute(_ sql: String) throws {
        let result = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil)
        guard result == SQLITE_OK else { throw error(result) }
    }

    private func error(_ code: Int32) -> Failure {
        Failure(code: code, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "")
    }

    private func statement(_ sql: String) throws -> Statement {
        if let known = statements[sql] { return known }
        if statements.count >= Self.statementCapacity { finalizeAll() }
        var prepared: OpaquePointer?
        let result = sqlite_nio_sqlite3_prepare_v3(
            handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard result == SQLITE_OK, let prepared else {
            sqlite_nio_sqlite3_finalize(prepared)
            throw error(result)
        }
        let statement = Statement(prepared)
        statements[sql] = statement
        return statement
    }

    /// The rows of `sql` with `binds`, through the statement kept for `sql`.
    func rows(_ sql: String, _ binds: [SQLiteData]) throws -> [ReadRow] {
        let statement = try statement(sql)
        let stmt = statement.handle
        // Reset: the read transaction ends with the statement, and the next one sees every
        // commit made meanwhile. The bindings stay (every one is bound anew before the next step):
        // clearing them would expire a statement whose plan looks at a bound value, and SQLite
        // would parse it again on every use.
        defer { sqlite_nio_sqlite3_reset(stmt) }
        for (i, bind) in binds.enumerated() {
            let position = Int32(i + 1)
            let result: Int32
            switch bind {
            case .integer(let value): result = sqlite_nio_sqlite3_bind_int64(stmt, position, Int64(value))
            case .float(let value): result = sqlite_nio_sqlite3_bind_double(stmt, position, value)
            case .text(let value):
                result = sqlite_nio_sqlite3_bind_text64(
                    stmt, position, value, UInt64(value.utf8.count), transient, UInt8(SQLITE_UTF8))
            case .blob(let value):
                result = value.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob64(stmt, position, $0.baseAddress, UInt64($0.count), transient)
                }
            case .null: result = sqlite_nio_sqlite3_bind_null(stmt, position)
            }
            guard result == SQLITE_OK else { throw error(result) }
        }
        let count = sqlite_nio_sqlite3_column_count(stmt)
        var rows: [ReadRow] = []
        while true {
            let step = sqlite_nio_sqlite3_step(stmt)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw error(step) }
            var values: [SQLiteData] = []
            values.reserveCapacity(Int(count))
            for i in 0..<count { values.append(value(stmt, i)) }
            rows.append(ReadRow(columns: statement.columns, values: values))
        }
        return rows
    }

    private func value(_ stmt: OpaquePointer, _ i: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(stmt, i) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(stmt, i)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(stmt, i))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(stmt, i) else { return .text("") }
            let length = Int(sqlite_nio_sqlite3_column_bytes(stmt, i))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(stmt, i))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(stmt, i) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    private func finalizeAll() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
        statements = [:]
    }

    func close() {
        finalizeAll()
        sqlite_nio_sqlite3_close(handle)
        handle = nil
    }
}

/// SQLite copies a bound value at once (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// SQLKit's view of a `SQLiteHandle`: each statement runs at once on the calling thread, which
/// must be the thread of `eventLoop` (the handle's owner).
struct SQLiteHandleDatabase: SQLDatabase {
    let handle: SQLiteHandle
    let eventLoop: any EventLoop
    let logger: Logger
    var dialect: any SQLDialect { SQLiteDialect() }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        guard eventLoop.inEventLoop else {
            throw SQLiteHandle.Failure(code: SQLITE_MISUSE, message: "used off its own thread")
        }
        let (sql, binds) = try sqliteStatement(query)
        for row in try handle.rows(sql, binds) { onRow(row) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }
}

extension SQLDatabase {
    /// `expression` as SQL text and the SQLite values bound to it (as SQLiteKit binds them).
    func sqliteStatement(_ expression: any SQLExpression) throws -> (sql: String, binds: [SQLiteData]) {
        let (sql, binds) = serialize(expression)
        let encoder = SQLiteDataEncoder()
        return (sql, try binds.map { try encoder.encode($0) })
    }
}
