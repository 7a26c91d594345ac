import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// The persistence boundary. Every read and write of Telaah's records goes through a store; the
/// engine stays inside it: on SQLite, its single writer (`SQLiteWriter`, group commit), the event
/// loops' read-only connections (`SQLiteReaders`) and their kept statements; on PostgreSQL, row
/// locks and one transaction per write. Controllers and pages see records, never SQL or an engine.
package struct Store: Sendable {
    /// The request's (or the command's) database.
    let db: any Database
    let engine: StoreEngine

    init(db: any Database, engine: StoreEngine) {
        self.db = db
        self.engine = engine
    }

    /// A store that reads through the pool and writes through Fluent's transactions (one-shot
    /// commands, the documents, the demo).
    package init(db: any Database) { self.init(db: db, engine: StoreEngine()) }

    /// Runs `body` in one transaction: a change and its audit entries are saved together or not at
    /// all. Through Fluent's connection (models, SQLKit).
    /// A unique key the change would break (a name or a year taken meanwhile) is a 409, never a 500.
    func write<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) async throws -> T) async throws -> T {
        try await Self.conflictsAs409 {
            if let writes = engine.writes { return try await writes.enqueue(.fluent, body) }
            return try await db.transactionOnLoop { tx in
                let transaction = StoreTransaction(sql: tx as! any SQLDatabase, fluent: tx, chain: AuditChain())
                let value = try await body(transaction)
                try await transaction.chain.finish(on: transaction.sql)
                return value
            }
        }
    }

    /// The same for a change written through SQLKit only (the busiest: saving an answer), which on
    /// SQLite runs on the writer's own connection with kept statements.
    func writeSQL<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) async throws -> T) async throws -> T {
        guard let writes = engine.writes else { return try await write(body) }
        return try await Self.conflictsAs409 { try await writes.enqueue(.sql, body) }
    }

    private static func conflictsAs409<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Abort(
                .conflict,
                reason:
                    "Data ini bertabrakan dengan yang sudah tersimpan (nama atau tahun yang sama). Muat ulang lalu periksa."
            )
        }
    }

    /// Rows of a read that runs on every page view or save: on SQLite on the event loop's own
    /// connection (when called on `db`'s loop), never inside a write transaction.
    func hotRows(_ query: SQLQueryString) async throws -> [ReadRow] {
        try await ReadRow.all(query, on: db, local: engine.readers)
    }

    /// The same, on PostgreSQL through the named statement of `shape` (`PostgresHotReads`).
    func hotRows<Shape: HotShape>(_ query: SQLQueryString, shape: Shape.Type) async throws -> [ReadRow] {
        if let rows = try await PostgresHotReads.rows(query, shape: shape, on: db) { return rows }
        return try await hotRows(query)
    }

    /// Rows of any other read, through the pool.
    func rows(_ query: SQLQueryString) async throws -> [ReadRow] {
        try await ReadRow.all(query, on: db, local: nil)
    }

    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// Fails when the database does not answer (`/healthz`).
    func ping() async throws { _ = try await sql.raw("SELECT 1").all() }
}

/// What the store needs of the engine, made once per application.
struct StoreEngine: Sendable {
    /// The writes, committed in groups: SQLite's single writer's, or one process's on PostgreSQL;
    /// nil: each in a transaction of its own (one-shot commands, the documents, the demo).
    var writes: GroupCommit?
    /// SQLite's single writer; nil on PostgreSQL.
    var writer: SQLiteWriter?
    /// The event loops' own SQLite connections for hot reads; nil on PostgreSQL.
    var readers: SQLiteReaders?
}

/// One write transaction: its connection, through Fluent (`db`, for models) where the write runs
/// there, always through SQLKit (`sql`), and the audit chain's end (`chain`), which the transaction
/// passes explicitly to every entry it appends.
struct StoreTransaction: Sendable {
    let sql: any SQLDatabase
    let fluent: (any Database)?
    let chain: AuditChain

    /// The transaction's Fluent database (writes made with `Store.write`).
    var db: any Database {
        guard let fluent else { preconditionFailure("a SQL-only write has no Fluent database") }
        return fluent
    }

    /// Appends an audit entry to the chain, in this transaction.
    func audit(
        _ actor: AuditActor, _ action: String, _ objectType: String, _ objectID: String,
        before: (some Encodable & Sendable)?, after: (some Encodable & Sendable)?
    ) async throws {
        try await chain.append(
            on: sql, actor: actor, action: action, objectType: objectType, objectID: objectID, before: before,
            after: after)
    }

    /// An entry without before/after values (sign-in, sign-out).
    func note(_ actor: AuditActor, _ action: String, _ objectType: String, _ objectID: String) async throws {
        try await audit(actor, action, objectType, objectID, before: String?.none, after: String?.none)
    }

    /// Locks the row of `table` with `id` until the transaction ends (PostgreSQL `FOR UPDATE`), so
    /// a version check and the update after it see the same row with several app processes. On
    /// SQLite the writer already lets one write through at a time.
    func lock(_ table: String, _ conditions: [String: any Encodable & Sendable]) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        var query = sql.select().column(SQLLiteral.numeric("1")).from(table)
        for (column, value) in conditions.sorted(by: { $0.key < $1.key }) {
            query = query.where(SQLIdentifier(column), .equal, SQLBind(value))
        }
        _ = try await query.for(.update).all()
    }
}

struct StoreEngineKey: StorageKey { typealias Value = StoreEngine }

extension Application {
    /// The store of one-shot commands and background work (the application's own database).
    var store: Store { Store(db: db, engine: storage[StoreEngineKey.self] ?? StoreEngine()) }
}

extension Request {
    /// The store of this request (its database, on its event loop), made once per request: Fluent
    /// makes a new database handle each time `db` is read.
    var store: Store {
        if let made = storage[RequestStoreKey.self] { return made }
        let made = Store(db: db, engine: application.storage[StoreEngineKey.self] ?? StoreEngine())
        storage[RequestStoreKey.self] = made
        return made
    }

    private struct RequestStoreKey: StorageKey { typealias Value = Store }
}
