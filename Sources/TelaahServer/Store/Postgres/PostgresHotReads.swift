import FluentPostgresDriver
import Foundation
import Logging
import NIOPosix
import SQLKit

/// The hot reads on PostgreSQL (the access check, a PD's values, its earlier grades, the session)
/// as named prepared statements: each connection parses and plans one once and then only binds
/// and runs it. Sent as a new statement each time, the access check spent five times longer in
/// PostgreSQL's planner than in its execution.
///
/// A read names its shape; its text, written in PostgreSQL's dialect, must be the shape's, or it
/// is sent as an ordinary query (never a wrong statement).
protocol HotShape: SendableMetatype {
    /// The statement's name on every connection.
    static var name: String { get }
    /// The statement's text, from the same builder as the reads (`PostgresText.of`).
    static var sql: String { get }
}

private struct Prepared<Shape: HotShape>: PostgresPreparedStatement {
    static var name: String { Shape.name }
    static var sql: String { Shape.sql }
    typealias Row = PostgresRow

    let bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

enum PostgresHotReads {
    /// The rows of `query` through the statement of `shape`; nil when `db` is not PostgreSQL or
    /// the query is not of that shape (then the caller reads as usual).
    static func rows<Shape: HotShape>(_ query: SQLQueryString, shape: Shape.Type, on db: any Database) async throws
        -> [ReadRow]?
    {
        guard let postgres = db as? any PostgresDatabase, let sql = db as? any SQLDatabase else { return nil }
        let (text, binds) = sql.serialize(query)
        guard text == Shape.sql, let bindings = bindings(binds) else { return nil }
        let statement = Prepared<Shape>(bindings: bindings)
        let logger = db.logger
        let rows = try await postgres.withConnection { connection in
            connection.eventLoop.runTask {
                try await connection.execute(statement, logger: logger).reduce(into: [PostgresRow]()) { $0.append($1) }
            }
        }.get()
        return rows.map(ReadRow.init(postgres:))
    }

    /// The values as PostgreSQL's own types; nil for a value of a type not known here.
    private static func bindings(_ binds: [any Encodable & Sendable]) -> PostgresBindings? {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            switch bind {
            case let value as UUID: bindings.append(value)
            case let value as String: bindings.append(value)
            case let value as Int: bindings.append(value)
            case let value as Bool: bindings.append(value)
            case let value as Double: bindings.append(value)
            default: return nil
            }
        }
        return bindings
    }
}

/// A statement's text in PostgreSQL's dialect, written without a connection.
enum PostgresText {
    static func of(_ query: SQLQueryString) -> String { DialectOnly().serialize(query).sql }

    private struct DialectOnly: SQLDatabase {
        var logger: Logger { Logger(label: "telaah.sql") }
        var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
        var dialect: any SQLDialect { PostgresDialect() }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
            -> EventLoopFuture<Void>
        {
            eventLoop.makeFailedFuture(SQLiteHandle.Failure(code: 21, message: "a dialect runs no statement"))
        }
    }
}
