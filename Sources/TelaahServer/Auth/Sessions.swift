import Fluent
import SQLKit
import Synchronization
import Vapor

/// Sessions in the database (`_fluent_sessions`, Fluent's own table), so every app process serves
/// every user, written only when their data changed.
///
/// Vapor's Fluent driver rewrites the session row after every request that read it, which would
/// make each page view a database write; reading the row records what it held, and the update is
/// skipped when the data is the same.
struct TelaahSessions: AsyncSessionDriver {
    struct ReadKey: StorageKey { typealias Value = [String: String] }
    /// The session's account as read with it (M0009), for `SessionUserMiddleware`.
    struct AccountKey: StorageKey { typealias Value = SessionUserMiddleware.Row }

    /// How long a session lasts from its creation, on the server and in the cookie (M0011).
    static let lifetime: Double = 12 * 3600

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: [UInt8].random(count: 32).base64URL)
        // A session with nothing in it (a visitor with an ended session's cookie) needs no row.
        guard !data.snapshot.isEmpty else { return id }
        let now = Date().timeIntervalSince1970
        let sql = request.db as! any SQLDatabase
        // Ended sessions go when a new one begins.
        try await sql.delete(from: SessionRecord.schema)
            .where(SQLColumn("expires_at"), .is, SQLLiteral.null)
            .orWhere("expires_at", .lessThan, SQLBind(now)).run()
        try await SessionRecord(key: id, data: data).create(on: request.db)
        try await setAccount(id, data, request, expiresAt: now + Self.lifetime)
        request.storage[ReadKey.self] = data.snapshot
        return id
    }

    /// Keeps `user_id` beside the data's `uid` (and sets the expiry of a new session).
    func setAccount(_ id: SessionID, _ data: SessionData, _ request: Request, expiresAt: Double? = nil)
        async throws
    {
        let uid = data["uid"].flatMap(UUID.init(uuidString:))
        var update = (request.db as! any SQLDatabase).update(SessionRecord.schema).set("user_id", to: SQLBind(uid))
        if let expiresAt { update = update.set("expires_at", to: SQLBind(expiresAt)) }
        try await update.where("key", .equal, SQLBind(id.string)).run()
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        let now = Date().timeIntervalSince1970
        let cache = request.application.sessionCache
        if let hit = cache?[sessionID.string, now] {
            request.storage[ReadKey.self] = hit.data.snapshot
            if let account = hit.account { request.storage[AccountKey.self] = account }
            return hit.data
        }
        let generation = cache?.generation
        // A hot read (the session is read on every request), with its account (M0009); the
        // column is Fluent's own JSON, decoded by the same driver.
        let row = try await request.store.hotRows(Self.readQuery(sessionID.string, now: now), shape: ReadShape.self)
            .first
        guard let row, let data = try row.decode(column: "data", as: SessionData?.self) else { return nil }
        request.storage[ReadKey.self] = data.snapshot
        let account = try? row.decode(model: SessionUserMiddleware.Row.self)
        if let account { request.storage[AccountKey.self] = account }
        if let cache, let generation {
            cache.keep(
                sessionID.string,
                SessionCache.Entry(
                    data: data, account: account, expiresAt: try row.decode(column: "expires_at", as: Double.self),
                    readAt: now),
                readSince: generation)
        }
        return data
    }

    static func readQuery(_ key: String, now: Double) -> SQLQueryString {
        """
        SELECT s.data, s.expires_at, s.user_id, u.government_id, u.role, u.unit_id, u.username, u.display_name,
          u.active, g.name AS government_name
        FROM _fluent_sessions s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN governments g ON g.id = u.government_id
        WHERE s.key = \(bind: key) AND s.expires_at > \(bind: now)
        """
    }

    enum ReadShape: HotShape {
        static let name = "telaah_session"
        static let sql = PostgresText.of(readQuery("", now: 0))
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if request.storage[ReadKey.self] == data.snapshot { return sessionID }
        try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).set(\.$data, to: data).update()
        if request.storage[ReadKey.self]?["uid"] != data["uid"] { try await setAccount(sessionID, data, request) }
        request.application.sessionCache?.forget(sessionID.string)
        request.storage[ReadKey.self] = data.snapshot
        return sessionID
    }

    /// Ends every session of an account (but `except`), inside the caller's transaction; returns
    /// how many. Callers forget the session cache once the change is committed.
    static func end(userID: UUID, except: String?, in tx: StoreTransaction) async throws -> Int {
        let sql = tx.sql
        var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SessionRecord.schema).where("user_id", .equal, SQLBind(userID))
        var delete = sql.delete(from: SessionRecord.schema).where("user_id", .equal, SQLBind(userID))
        if let except {
            query = query.where("key", .notEqual, SQLBind(except))
            delete = delete.where("key", .notEqual, SQLBind(except))
        }
        let count = try await query.first()?.decode(column: "n", as: Int.self) ?? 0
        try await delete.run()
        return count
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).delete()
        request.application.sessionCache?.forget(sessionID.string)
        request.storage[ReadKey.self] = nil
    }
}

/// The driver's work on the request's event loop (see `LoopResponder`): Vapor's own bridge
/// runs each call as a new task on Swift's global executor (possibly on the other loop).
extension TelaahSessions {
    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.runTask { try await self.createSession(data, for: request) }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.runTask { try await self.readSession(sessionID, for: request) }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request)
        -> EventLoopFuture<SessionID>
    {
        request.eventLoop.runTask { try await self.updateSession(sessionID, to: data, for: request) }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        request.eventLoop.runTask { try await self.deleteSession(sessionID, for: request) }
    }
}

/// Sessions as last read, with their accounts, for a few seconds: on SQLite only, where one
/// process serves the database and every change to a session or an account goes through it.
///
/// The session's query is one of a page view's two. A session changed or ended here is forgotten at
/// once, and every change
/// of an account (role, PD, deactivation, password) forgets them all, so revocation still acts on
/// the next request. Forgetting comes after the change is committed, and raises `generation`: a
/// read that began before it (and may have read the old row) is not kept. A change made to the
/// database file by another program is seen within `lifetime`. Not used on PostgreSQL, where
/// several processes serve the same sessions.
final class SessionCache: Sendable {
    struct Entry: Sendable {
        var data: SessionData
        var account: SessionUserMiddleware.Row?
        /// When the session ends (seconds since 1970), as stored.
        var expiresAt: Double
        var readAt: Double
    }

    /// How long an entry is used without reading the database again, in seconds.
    let lifetime: Double
    /// More sessions than this, and the oldest reads go (a regency has a few hundred users).
    let capacity: Int
    private struct State {
        var entries: [String: Entry] = [:]
        var generation = 0
    }
    private let state = Mutex(State())

    init(lifetime: Double = 5, capacity: Int = 4096) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The session, if it was read less than `lifetime` ago and has not ended.
    subscript(id: String, now: Double) -> Entry? {
        state.withLock { s in
            guard let hit = s.entries[id], hit.readAt + lifetime > now, hit.expiresAt > now else { return nil }
            return hit
        }
    }

    /// Raised by every `forget` and `forgetAll`; read it before reading a session.
    var generation: Int { state.withLock { $0.generation } }

    /// Keeps a session read when `generation` was `readSince`, unless something was forgotten since.
    func keep(_ id: String, _ entry: Entry, readSince: Int) {
        state.withLock { s in
            guard s.generation == readSince else { return }
            if s.entries.count >= capacity {
                s.entries = s.entries.filter { $0.value.readAt + lifetime > entry.readAt }
            }
            if s.entries.count < capacity { s.entries[id] = entry }
        }
    }

    func forget(_ id: String) {
        state.withLock { s in
            s.entries[id] = nil
            s.generation += 1
        }
    }

    func forgetAll() {
        state.withLock { s in
            s.entries.removeAll()
            s.generation += 1
        }
    }
}

struct SessionCacheKey: StorageKey { typealias Value = SessionCache }

extension Application {
    /// Set by `TelaahApp.configure` on SQLite; nil on PostgreSQL.
    var sessionCache: SessionCache? { storage[SessionCacheKey.self] }
}
