import NIOCore
import SQLiteNIO
import Synchronization

/// The hot reads on SQLite (the access check and the values behind every LKE page and every
/// save) run on the request's own event loop thread, each loop with a read-only connection of
/// its own that keeps its prepared statements.
///
/// SQLiteNIO runs every statement on a thread pool and prepares it anew each time; for these reads
/// (a fraction of a millisecond in WAL mode, where readers never wait for the writer) the
/// hand-over and the parsing would cost more than the read.
/// Each statement here is a read transaction of its own, so it sees every write committed
/// before it started. Anything inside a write transaction reads through that transaction.
/// On SQLITE_BUSY (only while another process recovers the database) the read goes to the pool.
package final class SQLiteReaders: Sendable {
    private let path: String
    private let connections = Mutex([ObjectIdentifier: SQLiteHandle]())
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
            let opened = try SQLiteHandle(path: path, busyTimeout: 20)
            try opened.execute("PRAGMA query_only = 1")
            connections[ObjectIdentifier(loop)] = opened
            return opened
        }
        do {
            let rows = try connection.rows(sql, binds)
            served.add(1, ordering: .relaxed)
            return rows
        } catch let error as SQLiteHandle.Failure where error.isBusy {
            return nil
        }
    }

    func close() {
        connections.withLock { connections in
            for connection in connections.values { connection.close() }
            connections = [:]
        }
    }
}
