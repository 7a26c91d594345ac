import Fluent
import SQLKit
import Synchronization
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
    /// The deployment's audit key, which seals this account's audit entries.
    var seal: AuditSeal
    /// The government the account belongs to, as every page's header names it (a province's
    /// deployment holds many; two tabs of two regencies must be told apart).
    var governmentName = ""

    var auditActor: AuditActor { AuditActor(governmentID: governmentID, userID: id, username: username, seal: seal) }
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
/// A plain (future) middleware, like the CSRF check, the error pages and the static files: an
/// async middleware costs a task of its own on every request, and these decide without waiting in
/// all but rare cases (see `LoopResponder`).
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
                username: user.username, displayName: user.display_name, seal: req.application.auditSeal,
                governmentName: user.government_name ?? ""))
    }

    /// The account as the session read it (one query, M0009), else read here.
    static func account(_ id: UUID, _ req: Request) async throws -> Row? {
        if let row = req.storage[TelaahSessions.AccountKey.self], row.user_id == id { return row }
        return try await (req.db as! any SQLDatabase).raw(
            """
            SELECT u.id AS user_id, u.government_id, u.role, u.unit_id, u.username, u.display_name, u.active,
              g.name AS government_name
            FROM users u LEFT JOIN governments g ON g.id = u.government_id WHERE u.id = \(bind: id)
            """
        ).first(decoding: Row.self)
    }

    /// Read through SQLKit on every request: a Fluent model decodes by reflection.
    struct Row: Decodable, Sendable {
        var user_id: UUID
        var government_id: UUID
        var role: String
        var unit_id: UUID?
        var username: String
        var display_name: String
        var active: Bool
        var government_name: String?
    }
}

/// Refuses every state-changing request that does not carry the session's CSRF token, in the
/// `X-CSRF-Token` header or the form field `csrf`. Signing in through the JSON API needs no
/// token: a cross-site form cannot send `application/json`, and there is no session yet. The
/// sign-in form, shown before any session exists, carries a token of its own that must match
/// its cookie (`SignInForm`), so an anonymous visit writes nothing.
struct CSRFMiddleware: Middleware {
    static let header = "X-CSRF-Token"
    /// The forms of the pages are a few fields; a larger form is refused before it is read whole.
    static let formLimit = 64 << 10

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard ![.GET, .HEAD, .OPTIONS].contains(req.method) else { return next.respond(to: req) }
        if req.method == .POST, req.url.path == Paths.signInAPI, req.content.contentType == .json {
            return next.respond(to: req)
        }
        if let token = req.headers.first(name: Self.header) {
            return check(token, expected: sessionToken(req), req, next)
        }
        guard req.content.contentType == .urlEncodedForm else { return check(nil, expected: nil, req, next) }
        let signingIn = req.method == .POST && req.url.path == Paths.signInPage
        let expected = signingIn ? req.cookies[SignInForm.cookie]?.string : sessionToken(req)
        // Nothing to compare with: refuse before reading the body.
        guard expected != nil else { return check(nil, expected: nil, req, next) }
        let declared = req.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
        if declared > Self.formLimit || (req.body.data?.readableBytes ?? 0) > Self.formLimit {
            return req.eventLoop.makeFailedFuture(Abort(.payloadTooLarge, reason: "Isian formulir terlalu besar."))
        }
        return req.body.collect(max: Self.formLimit).flatMap { _ in
            check(
                try? req.content.get(String.self, at: signingIn ? SignInForm.field : "csrf"), expected: expected, req,
                next)
        }
    }

    private func sessionToken(_ req: Request) -> String? { req.hasSession ? req.session.data["csrf"] : nil }

    private func check(_ token: String?, expected: String?, _ req: Request, _ next: any Responder)
        -> EventLoopFuture<Response>
    {
        guard let expected, let token, constantTimeEqual(token, expected) else {
            return req.eventLoop.makeFailedFuture(
                Abort(.forbidden, reason: "Token CSRF tidak sah: muat ulang halaman lalu coba lagi."))
        }
        return next.respond(to: req)
    }
}

func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let (x, y) = (Array(a.utf8), Array(b.utf8))
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}

/// The sign-in form's own CSRF token: a random value in a cookie and in the form, compared on
/// submit (double submit), so the page needs no session row for an anonymous visitor.
enum SignInForm {
    static let cookie = "telaah_masuk"
    static let field = "masuk"

    /// A fresh token, set as a cookie on `response` scoped to the sign-in page.
    static func token(secure: Bool) -> (token: String, cookie: HTTPCookies.Value) {
        let token = [UInt8].random(count: 24).base64URL
        return (
            token,
            HTTPCookies.Value(
                string: token, expires: nil, maxAge: 3600, domain: nil, path: Paths.signInPage, isSecure: secure,
                isHTTPOnly: true, sameSite: .strict)
        )
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
    package static func random(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    package var base64URL: String {
        Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// Signing in and out, with throttling kept in the database (so every app process counts the
/// same attempts).
enum SignIn {
    struct Credentials: Content {
        var username: String
        var password: String
        /// The government's code; needed only where the database serves several.
        var government: String?
    }

    /// Checks the credentials and starts a fresh session. Throws 401 on a wrong name or
    /// password (the same message, after the same bcrypt work, for both), 429 while throttled.
    /// Each attempt is counted before its password is checked, so parallel guesses cannot slip
    /// past the limit: five per name from one address, `loginFailuresPerAddress` per address.
    static func signIn(_ req: Request, _ credentials: Credentials) async throws -> User {
        let config = req.application.telaahConfig
        let name = credentials.username.trimmingCharacters(in: .whitespaces).lowercased()
        let governmentID = try await government(credentials.government, on: req.db)
        let address = req.clientAddress
        let pair = "user:\(governmentID):\(name)|ip:\(address)"
        let ip = "ip:\(address)"
        let now = Date().timeIntervalSince1970
        let window = config.loginWindowSeconds
        let refusal = try await req.store.write { tx -> Int? in
            if let wait = try await SignInAttempts.reserve(
                pair, allowed: config.loginFailuresAllowed, now: now, window: window, in: tx)
            {
                return wait
            }
            return try await SignInAttempts.reserve(
                ip, allowed: config.loginFailuresPerAddress, now: now, window: window, in: tx)
        }
        if let wait = refusal {
            throw Abort(
                .tooManyRequests, headers: ["Retry-After": String(wait)],
                reason: "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam \((wait + 59) / 60) menit.")
        }
        let user = try await User.query(on: req.db).filter(\.$government.$id == governmentID)
            .filter(\.$username == name).first()
        let valid: Bool
        if let user, user.active {
            valid = try await req.password.async.verify(credentials.password, created: user.passwordHash)
        } else {
            // Spend the same time on an unknown name as on a wrong password: a hash of the same cost.
            _ = try? await req.password.async.verify(
                credentials.password, created: req.application.dummyPasswordHash)
            valid = false
        }
        let seal = req.application.auditSeal
        guard valid, let user else {
            try await req.store.write { tx in
                try await tx.note(
                    AuditActor(governmentID: governmentID, userID: user?.id, username: name, seal: seal),
                    "login_failed", "session", name)
            }
            throw Abort(.unauthorized, reason: "Nama pengguna atau kata sandi salah.")
        }
        let actor = AuditActor(governmentID: governmentID, userID: user.id, username: user.username, seal: seal)
        try await req.store.write { tx in
            try await SignInAttempts.succeeded(pair: pair, address: ip, in: tx)
            try await tx.note(actor, "login", "session", user.username)
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

    /// The government an account signs in to: the one named, or the only one there is.
    static func government(_ code: String?, on db: any Database) async throws -> UUID {
        let all = try await Government.query(on: db).all()
        if let code = code?.trimmingCharacters(in: .whitespaces).lowercased(), !code.isEmpty {
            guard let match = all.first(where: { $0.code == code }) else {
                throw Abort(.unprocessableEntity, reason: "Pemerintah daerah \"\(code)\" tidak dikenal.")
            }
            return try match.requireID()
        }
        switch all.count {
        case 1: return try all[0].requireID()
        case 0: throw Abort(.serviceUnavailable, reason: "Belum ada pemerintah daerah: jalankan telaah setup.")
        default:
            throw Abort(
                .unprocessableEntity,
                reason: "Pilih pemerintah daerah: basis data ini melayani \(all.count) pemerintah daerah.")
        }
    }

    static func signOut(_ req: Request) async throws {
        if let user = req.auth.get(SignedIn.self) {
            try await req.store.write { tx in try await tx.note(user.auditActor, "logout", "session", user.username) }
        }
        req.auth.logout(SignedIn.self)
        if req.hasSession { req.session.destroy() }
    }
}

extension Request {
    /// The client's address: the peer's, or where the peer is a trusted proxy, the last address
    /// in `X-Forwarded-For` that is not one (a client can prepend anything it likes).
    var clientAddress: String {
        TelaahServer.clientAddress(
            peer: remoteAddress?.ipAddress ?? "unknown", forwarded: headers[.xForwardedFor],
            trusted: application.telaahConfig.trustedProxies)
    }
}

/// The client of a request from its peer and its `X-Forwarded-For` headers: the peer itself unless
/// it is a trusted proxy; then the nearest address in the chain that is not one.
func clientAddress(peer: String, forwarded: [String], trusted: [IPRange]) -> String {
    guard trusted.contains(where: { $0.contains(peer) }) else { return peer }
    let hops = forwarded.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
    for hop in hops.reversed() where !trusted.contains(where: { $0.contains(hop) }) { return hop }
    return hops.first ?? peer
}

extension Application {
    /// A bcrypt hash at the configured cost, checked against when a name is unknown so that it
    /// takes as long as a wrong password; made once, on the first use.
    var dummyPasswordHash: String { storage[DummyHashKey.self]!.hash }

    package var auditSeal: AuditSeal { telaahConfig.auditSeal }
}

/// See `Application.dummyPasswordHash`.
final class DummyHash: Sendable {
    private let cost: Int
    private let made = Mutex<String?>(nil)

    init(cost: Int) { self.cost = cost }

    var hash: String {
        made.withLock { made in
            if let made { return made }
            let hash = (try? Bcrypt.hash([UInt8].random(count: 16).base64URL, cost: cost)) ?? ""
            made = hash
            return hash
        }
    }
}

struct DummyHashKey: StorageKey { typealias Value = DummyHash }
