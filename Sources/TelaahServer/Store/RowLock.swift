import Fluent
import SQLKit

/// Locks the rows matching `conditions` until the transaction ends (PostgreSQL `FOR UPDATE`),
/// so that a version check and the update after it see the same row even with several app
/// processes. On SQLite the write gate already lets one writer through at a time.
func lockRow(_ table: String, _ conditions: [String: SQLBind], on db: any Database) async throws {
    guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
    var query = sql.select().column(SQLLiteral.numeric("1")).from(table)
    for (column, value) in conditions.sorted(by: { $0.key < $1.key }) {
        query = query.where(SQLIdentifier(column), .equal, value)
    }
    query = query.for(.update)
    _ = try await query.all()
}
