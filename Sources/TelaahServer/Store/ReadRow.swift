import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// A row of a hot read, its columns read by name without Codable.
///
/// SQLKit decodes a SQLite column through a generic `Decoder`, and Foundation parses a UUID with
/// `sscanf`: both were measurable on every save. SQLite rows are read here from their values,
/// PostgreSQL's hot reads from their cells (`PostgresHotReads`), other PostgreSQL rows through SQLKit.
struct ReadRow: Sendable {
    private enum Storage: Sendable {
        case sqlite(SQLiteRow)
        case local(Columns, [SQLiteData])
        case sql(any SQLRow)
        case postgres(PostgresRandomAccessRow, PostgresRow)
    }

    private let storage: Storage

    /// The columns of a statement by name (shared by its rows).
    final class Columns: Sendable {
        let index: [String: Int]
        init(index: [String: Int]) { self.index = index }
    }

    private init(storage: Storage) { self.storage = storage }

    /// A row read by `SQLiteReaders`.
    init(columns: Columns, values: [SQLiteData]) { storage = .local(columns, values) }

    /// A row of a prepared statement on PostgreSQL.
    init(postgres row: PostgresRow) { storage = .postgres(row.makeRandomAccess(), row) }

    /// Reads `query`'s rows.
    ///
    /// Through the pool: with request code on the event loop the pool's hand-over is cheaper than a
    /// leased connection.
    ///
    /// `local`: on SQLite, read on the event loop's own connection when called on `db`'s loop
    /// (`SQLiteReaders`). Never for a read inside a write transaction: that reads through `db`.
    static func all(_ query: SQLQueryString, on db: any Database, local: SQLiteReaders? = nil) async throws
        -> [ReadRow]
    {
        let sql = db as! any SQLDatabase
        guard let sqlite = db as? any SQLiteDatabase else {
            return try await sql.raw(query).all().map { ReadRow(storage: .sql($0)) }
        }
        let (text, binds) = try sql.sqliteStatement(query)
        if let local, let rows = try local.rows(text, binds, on: db.eventLoop) { return rows }
        return try await sqlite.query(text, binds).map { ReadRow(storage: .sqlite($0)) }
    }

    /// Reads `query`'s rows inside a write transaction (Fluent's connection or the writer's own).
    static func all(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [ReadRow] {
        try await sql.raw(query).all().map { row in (row as? ReadRow) ?? ReadRow(storage: .sql(row)) }
    }

    /// A column missing from a row or holding a value of another type: a bug in the query.
    struct ColumnError: Error, CustomStringConvertible {
        var column: String
        var expected: String
        var description: String { "column \(column): expected \(expected)" }
    }

    /// The column's value; nil for NULL. `convert` reads a SQLite value (nil: not of the type).
    private func read<T: Decodable & PostgresDecodable>(_ column: String, _ convert: (SQLiteData) -> T?) throws -> T? {
        switch storage {
        case .sql(let row): return try row.decodeNil(column: column) ? nil : row.decode(column: column, as: T.self)
        case .postgres(let row, _):
            guard row.contains(column) else { throw ColumnError(column: column, expected: "a column of that name") }
            let cell = row[column]
            return cell.bytes == nil ? nil : try cell.decode(T.self)
        case .sqlite, .local: break
        }
        let data = try data(column)
        if data.isNull { return nil }
        guard let value = convert(data) else { throw ColumnError(column: column, expected: "\(T.self)") }
        return value
    }

    func string(_ column: String) throws -> String? { try read(column) { $0.string } }

    func int(_ column: String) throws -> Int? {
        try read(column) { data in
            if case .integer(let value) = data { Int(value) } else { nil }
        }
    }

    func bool(_ column: String) throws -> Bool? { try read(column) { $0.bool } }

    func uuid(_ column: String) throws -> UUID? {
        try read(column) { data in
            if case .text(let text) = data { UUID(text: text) } else { nil }
        }
    }

    /// A column that must hold a value.
    func required<T>(_ read: (String) throws -> T?, _ column: String) throws -> T {
        guard let value = try read(column) else { throw ColumnError(column: column, expected: "\(T.self), not NULL") }
        return value
    }
}

extension UUID {
    /// `uuidString`, written without Foundation's formatted printing (a list page writes a
    /// hundred ids; `uuidString` went through `vfprintf` for each).
    var text: String {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        return withUnsafeBytes(of: uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { out in
                var i = 0
                for n in 0..<16 {
                    if n == 4 || n == 6 || n == 8 || n == 10 {
                        out[i] = UInt8(ascii: "-")
                        i += 1
                    }
                    out[i] = hex[Int(raw[n] >> 4)]
                    out[i + 1] = hex[Int(raw[n] & 0x0F)]
                    i += 2
                }
                return i
            }
        }
    }

    /// Parses `8-4-4-4-12` hexadecimal text (either case), as the database stores ids.
    init?(text: String) {
        var text = text
        let parsed: uuid_t? = text.withUTF8 { bytes -> uuid_t? in
            guard bytes.count == 36 else { return nil }
            var out: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var i = 0
            var ok = true
            withUnsafeMutableBytes(of: &out) { raw in
                for n in 0..<16 {
                    if i == 8 || i == 13 || i == 18 || i == 23 {
                        if bytes[i] != UInt8(ascii: "-") { ok = false }
                        i += 1
                    }
                    guard let high = Self.nibble(bytes[i]), let low = Self.nibble(bytes[i + 1]) else {
                        ok = false
                        return
                    }
                    raw[n] = high << 4 | low
                    i += 2
                }
            }
            return ok ? out : nil
        }
        guard let parsed else { return nil }
        self.init(uuid: parsed)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Rows read by our own SQLite connections serve SQLKit's callers too (SQLite's writer).
extension ReadRow: SQLRow {
    var allColumns: [String] {
        switch storage {
        case .sqlite(let row): row.columns.map(\.name)
        case .local(let columns, _): Array(columns.index.keys)
        case .sql(let row): row.allColumns
        case .postgres(_, let row): row.sql().allColumns
        }
    }

    func contains(column: String) -> Bool { allColumns.contains(column) }

    private func data(_ column: String) throws -> SQLiteData {
        let found: SQLiteData?
        switch storage {
        case .sqlite(let row): found = row.column(column)
        case .local(let columns, let values): found = columns.index[column].map { values[$0] }
        case .sql, .postgres: found = nil
        }
        guard let found else { throw ColumnError(column: column, expected: "a column of that name") }
        return found
    }

    func decodeNil(column: String) throws -> Bool {
        if case .sql(let row) = storage { return try row.decodeNil(column: column) }
        if case .postgres(_, let row) = storage { return try row.sql().decodeNil(column: column) }
        return try data(column).isNull
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        if case .sql(let row) = storage { return try row.decode(column: column, as: D.self) }
        if case .postgres(_, let row) = storage { return try row.sql().decode(column: column, as: D.self) }
        return try SQLiteDataDecoder().decode(D.self, from: data(column))
    }
}
