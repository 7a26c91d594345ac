import Fluent
import SQLKit
import TelaahCore
import Vapor

/// The signed-in account of a request.
struct SignedIn: Authenticatable, Sendable {
    var id: UUID
    var governmentID: UUID
    var role: AccessRules.AccountRole
    var unitID: UUID?
    var username: String
    var displayName: String

    var auditActor: AuditActor { AuditActor(governmentID: governmentID, userID: id, username: username) }
}

extension Request {
    /// The signed-in account, or 401.
    func signedIn() throws -> SignedIn {
        guard let user = auth.get(SignedIn.self) else {
            throw Abort(.unauthorized, reason: "Silakan masuk terlebih dahulu.")
        }
        return user
    }
}

/// Loads the account named by the session (one query), if the session is signed in and the
/// account still active.
///
/// 2026-11-23: a plain (future) middleware, like the CSRF check, the error pages and the
/// static files: each async middleware costs a task of its own on every request, and these
/// decide without waiting in all but rare cases (see `LoopResponder`).
struct SessionUserMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard req.hasSession, let raw = req.session.data["uid"], let id = UUID(uuidString: raw) else {
            return next.respond(to: req)
        }
        if let row = req.storage[TelaahSessions.AccountKey.self], row.user_id == id {
            Self.signIn(row, req)
            return next.respond(to: req)
        }
        return req.eventLoop.runTask { try await Self.account(id, req) }.flatMap { row in
            if let row { Self.signIn(row, req) }
            return next.respond(to: req)
        }
    }

    private static func signIn(_ user: Row, _ req: Request) {
        guard user.active, let role = AccessRules.AccountRole(rawValue: user.role) else { return }
        req.auth.login(
            SignedIn(
                id: user.user_id, governmentID: user.government_id, role: role, unitID: user.unit_id,
                username: user.username, displayName: user.display_name))
    }

    /// The account as the session read it (one query, M0009), else read here.
    static func account(_ id: UUID, _ req: Request) async throws -> Row? {
        if let row = req.storage[TelaahSessions.AccountKey.self], row.user_id == id { return row }
        return try await (req.db as! any SQLDatabase).select()
            .column(SQLAlias(SQLColumn("id"), as: SQLIdentifier("user_id")))
            .columns("government_id", "role", "unit_id", "username", "display_name", "active")
            .from(User.schema).where("id", .equal, SQLBind(id)).first(decoding: Row.self)
    }

    /// 2026-11-23: read through SQLKit on every request (a Fluent model decodes by reflection).
    struct Row: Decodable, Sendable {
        var user_id: UUID
        var government_id: UUID
        var role: String
        var unit_id: UUID?
        var username: String
        var display_name: String
        var active: Bool
    }
}

/// Refuses every state-changing request that does not carry the session's CSRF token, in the
/// `X-CSRF-Token` header or the form field `csrf`. Signing in through the JSON API needs no
/// token: a cross-site form cannot send `application/json`, and there is no session yet.
struct CSRFMiddleware: Middleware {
    static let header = "X-CSRF-Token"

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard ![.GET, .HEAD, .OPTIONS].contains(req.method) else { return next.respond(to: req) }
        if req.method == .POST, req.url.path == "/api/v1/session", req.content.contentType == .json {
            return next.respond(to: req)
        }
        if let token = req.headers.first(name: Self.header) { return check(token, req, next) }
        guard req.content.contentType == .urlEncodedForm else { return check(nil, req, next) }
        return req.body.collect(max: 4 << 20).flatMap { _ in
            check(try? req.content.get(String.self, at: "csrf"), req, next)
        }
    }

    private func check(_ token: String?, _ req: Request, _ next: any Responder) -> EventLoopFuture<Response> {
        guard req.hasSession, let expected = req.session.data["csrf"], let token, constantTimeEqual(token, expected)
        else {
            return req.eventLoop.makeFailedFuture(
                Abort(.forbidden, reason: "Token CSRF tidak sah: muat ulang halaman lalu coba lagi."))
        }
        return next.respond(to: req)
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Session {
    /// The session's CSRF token, created on first use.
    func csrfToken() -> String {
        if let token = data["csrf"] { return token }
        let token = [UInt8].random(count: 32).base64URL
        data["csrf"] = token
        return token
    }
}

extension Array where Element == UInt8 {
    static func random(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    var base64URL: String {
        Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// Signing in and out, with throttling kept in the database (so every app process counts the
/// same failures).
enum SignIn {
    struct Credentials: Content {
        var username: String
        var password: String
    }

    /// Checks the credentials and starts a fresh session. Throws 401 on a wrong name or
    /// password (the same message for both), 429 while throttled.
    static func signIn(_ req: Request, _ credentials: Credentials) async throws -> User {
        let config = req.application.telaahConfig
        let name = credentials.username.trimmingCharacters(in: .whitespaces).lowercased()
        let keys = ["user:\(name)", "ip:\(req.remoteAddress?.ipAddress ?? "unknown")"]
        let now = Date().timeIntervalSince1970
        let sql = req.db as! any SQLDatabase
        for key in keys {
            if let row = try await sql.select().columns("locked_until").from("login_attempts")
                .where("key", .equal, SQLBind(key)).first(decoding: Locked.self),
                let until = row.locked_until, until > now
            {
                let wait = Int((until - now).rounded(.up))
                throw Abort(
                    .tooManyRequests, headers: ["Retry-After": String(wait)],
                    reason: "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam \((wait + 59) / 60) menit.")
            }
        }
        let user = try await User.query(on: req.db).filter(\.$username == name).first()
        let valid: Bool
        if let user, user.active {
            valid = try await req.password.async.verify(credentials.password, created: user.passwordHash)
        } else {
            // Spend the same time on an unknown name as on a wrong password.
            _ = try? await req.password.async.verify(credentials.password, created: Self.dummyHash)
            valid = false
        }
        guard valid, let user else {
            try await req.write { db in
                for key in keys { try await recordFailure(key: key, now: now, config: config, on: db) }
                try await AuditLog.note(
                    on: db, actor: AuditActor(governmentID: user?.$government.id, userID: user?.id, username: name),
                    action: "login_failed", objectType: "session", objectID: name)
            }
            throw Abort(.unauthorized, reason: "Nama pengguna atau kata sandi salah.")
        }
        let actor = AuditActor(governmentID: user.$government.id, userID: user.id, username: user.username)
        try await req.write { db in
            try await (db as! any SQLDatabase).delete(from: "login_attempts")
                .where("key", .equal, SQLBind(keys[0])).run()
            try await AuditLog.note(
                on: db, actor: actor, action: "login", objectType: "session", objectID: user.username)
        }
        // A fresh session id on every sign-in (no session fixation), with a fresh CSRF token.
        if req.hasSession, let old = req.session.id {
            try? await req.application.sessions.driver.deleteSession(old, for: req).get()
        }
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data["uid"] = try user.requireID().uuidString
        _ = req.session.csrfToken()
        return user
    }

    static func signOut(_ req: Request) async throws {
        if let user = req.auth.get(SignedIn.self) {
            try await req.write { db in
                try await AuditLog.note(
                    on: db, actor: user.auditActor, action: "logout", objectType: "session", objectID: user.username)
            }
        }
        req.auth.logout(SignedIn.self)
        if req.hasSession { req.session.destroy() }
    }

    struct Locked: Decodable { var locked_until: Double? }
    struct Attempt: Decodable {
        var failures: Int
        var window_start: Double
    }

    static func recordFailure(key: String, now: Double, config: ServerConfiguration, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let row = try await sql.select().columns("failures", "window_start").from("login_attempts")
            .where("key", .equal, SQLBind(key)).first(decoding: Attempt.self)
        var failures = 1
        var start = now
        if let row, now - row.window_start < config.loginWindowSeconds {
            failures = row.failures + 1
            start = row.window_start
        }
        let locked: Double? = failures >= config.loginFailuresAllowed ? now + config.loginWindowSeconds : nil
        if row == nil {
            try await sql.insert(into: "login_attempts").columns("key", "failures", "window_start", "locked_until")
                .values(SQLBind(key), SQLBind(failures), SQLBind(start), SQLBind(locked)).run()
        } else {
            try await sql.update("login_attempts").set("failures", to: SQLBind(failures))
                .set("window_start", to: SQLBind(start)).set("locked_until", to: SQLBind(locked))
                .where("key", .equal, SQLBind(key)).run()
        }
    }

    /// A bcrypt hash of a random password, to compare against when the user does not exist.
    static let dummyHash = try! Bcrypt.hash("telaah-tidak-ada", cost: 4)
}
