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

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: [UInt8].random(count: 32).base64URL)
        try await SessionRecord(key: id, data: data).create(on: request.db)
        request.storage[ReadKey.self] = data.snapshot
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        // Read through SQLKit on every request (a Fluent model decodes by reflection); the
        // column is Fluent's own JSON, decoded by the same driver.
        let row = try await (request.db as! any SQLDatabase).select().column("data").from(SessionRecord.schema)
            .where("key", .equal, SQLBind(sessionID.string)).first()
        guard let data = try row?.decode(column: "data", as: SessionData.self) else { return nil }
        request.storage[ReadKey.self] = data.snapshot
        return data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if request.storage[ReadKey.self] == data.snapshot { return sessionID }
        try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).set(\.$data, to: data).update()
        request.storage[ReadKey.self] = data.snapshot
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await SessionRecord.query(on: request.db).filter(\.$key == sessionID).delete()
        request.storage[ReadKey.self] = nil
    }
}
