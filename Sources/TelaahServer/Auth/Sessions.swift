import Fluent
import SQLKit
import Vapor

/// Sessions in the database (`_fluent_sessions`, Fluent's own table), so every app process serves
/// every user, written only when their data changed.
///
/// 2026-11-23: Vapor's Fluent driver rewrote the session row at the end of every request that
/// read it, so each page view was a database write (and on SQLite an fsync): the server
/// benchmark's pages and saves ran at about 190 requests a second. Reading the row records what
/// it held; the update is skipped when the data is the same.
struct TelaahSessions: AsyncSessionDriver {
    struct ReadKey: StorageKey { typealias Value = [String: String] }
    /// The session's account as read with it (M0009), for `SessionUserMiddleware`.
    struct AccountKey: StorageKey { typealias Value = SessionUserMiddleware.Row }

    /// How long a session lasts from its creation, on the server and in the cookie (M0011).
    static let lifetime: Double = 12 * 3600

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: [UInt8].random(count: 32).base64URL)
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
        // Read through SQLKit on every request (a Fluent model decodes by reflection); the
        // column is Fluent's own JSON, decoded by the same driver.
        // 2026-11-23: with its account in the same query (M0009).
        let row = try await (request.db as! any SQLDatabase).raw(
            """
            SELECT s.data, s.user_id, u.government_id, u.role, u.unit_id, u.username, u.display_name, u.active
            FROM _fluent_sessions s LEFT JOIN users u ON u.id = s.user_id
            WHERE s.key = \(bind: sessionID.string) AND s.expires_at > \(bind: Date().timeIntervalSince1970)
            """
        ).first()
        guard let row, let data = try row.decode(column: "data", as: SessionData?.self) else { return nil }
        request.storage[ReadKey.self] = data.snapshot
        if let account = try? row.decode(model: SessionUserMiddleware.Row.self) {
            request.storage[AccountKey.self] = account
        }
        return data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if request.storage[ReadKey.self] == data.snapshot { return sessionID }
        try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).set(\.$data, to: data).update()
        if request.storage[ReadKey.self]?["uid"] != data["uid"] { try await setAccount(sessionID, data, request) }
        request.storage[ReadKey.self] = data.snapshot
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).delete()
        request.storage[ReadKey.self] = nil
    }
}
