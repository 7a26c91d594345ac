import Foundation
import Logging
import NIOCore
import SQLiteNIO
import Synchronization
// SQLiteNIO's own copy of SQLite. Not one of its products, but it must be this copy: two copies
// of SQLite in one process would each keep their own POSIX file locks on the same database.
import VaporCSQLite

/// The hot reads on SQLite (the access check and the values behind every LKE page and every
/// save) run on the request's own event loop thread, each loop with a read-only connection of
/// its own that keeps its prepared statements.
///
/// 2026-11-23: SQLiteNIO runs every statement on a thread pool and prepares it anew each time.
/// For these reads (a fraction of a millisecond in WAL mode, where readers never wait for the
/// writer) the hand-over to the pool and back, and parsing the SQL, cost more than the read.
/// Each statement here is a read transaction of its own, so it sees every write committed
/// before it started. Anything inside a write transaction reads through that transaction.
/// On SQLITE_BUSY (only while another process recovers the database) the read goes to the pool.
final class SQLiteReaders: Sendable {
    /// Prepared statements kept per connection; past this many, all are dropped and kept anew.
    static let statementCapacity = 32

    private let path: String
    private let connections = Mutex([ObjectIdentifier: Connection]())
    private let served = Atomic(0)

    /// How many reads ran here (tests: the hot reads do come here).
    var reads: Int { served.load(ordering: .relaxed) }

    /// `path`: the database file (the pool's, as `PRAGMA database_list` names it).
    init(path: String) { self.path = path }

    /// The rows of `sql` with `binds`, read on the calling event loop's connection; nil when this
    /// thread is not `loop`'s, or the database is busy (then the caller reads through the pool).
    func rows(_ sql: String, _ binds: [SQLiteData], on loop: any EventLoop) throws -> [ReadRow]? {
        guard loop.inEventLoop else { return nil }
        let connection = try connections.withLock { connections in
            if let known = connections[ObjectIdentifier(loop)] { return known }
            let opened = try Connection(path: path)
            connections[ObjectIdentifier(loop)] = opened
            return opened
        }
        guard let rows = try connection.rows(sql, binds) else { return nil }
        served.add(1, ordering: .relaxed)
        return rows
    }

    /// A failed read: SQLite's result code and message.
    struct ReadError: Error, CustomStringConvertible {
        var code: Int32
        var message: String
        var description: String { "SQLite \(code): \(message)" }
    }

    func close() {
        connections.withLock { connections in
            for connection in connections.values { connection.close() }
            connections = [:]
        }
    }

    /// One read-only connection, used only on the thread of the loop it belongs to.
    final class Connection: @unchecked Sendable {
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

        init(path: String) throws {
            let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
            let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
            guard opened == SQLITE_OK else {
                defer { sqlite_nio_sqlite3_close(handle) }
                throw ReadError(code: opened, message: "cannot open \(path) for reading")
            }
            // A read waits at most this long for a lock (only a recovering writer holds one in
            // WAL mode); then the pool reads instead.
            sqlite_nio_sqlite3_busy_timeout(handle, 20)
            try execute("PRAGMA query_only = 1")
        }

        private func execute(_ sql: String) throws {
            let result = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil)
            guard result == SQLITE_OK else { throw error(result) }
        }

        private func error(_ code: Int32) -> ReadError {
            ReadError(code: code, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "")
        }

        private func statement(_ sql: String) throws -> Statement {
            if let known = statements[sql] { return known }
            if statements.count >= SQLiteReaders.statementCapacity { finalizeAll() }
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

        func rows(_ sql: String, _ binds: [SQLiteData]) throws -> [ReadRow]? {
            let statement = try statement(sql)
            let stmt = statement.handle
            // Reset: the read transaction ends with the statement, and the next one sees every
            // commit made meanwhile.
            defer {
                sqlite_nio_sqlite3_reset(stmt)
                sqlite_nio_sqlite3_clear_bindings(stmt)
            }
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
                if step & 0xFF == SQLITE_BUSY { return nil }
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
}

/// SQLite copies a bound value at once (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
