import Fluent
import TelaahCore
import Vapor

/// `/api/v1/session` and `/api/v1/me`: signing in and out through the API, and who is signed in.
struct SessionController {
    struct SignInRequest: Codable, Sendable {
        var username: String
        var password: String
        /// The government's code; needed only where the database serves several.
        var government: String?
    }

    struct AccountBody: Codable, Sendable {
        var id: UUID
        var username: String
        var display_name: String
        var role: AccessRules.AccountRole
        var unit_id: UUID?
        var version: Int

        init(_ u: User) {
            id = u.id!
            username = u.username
            display_name = u.displayName
            role = u.role
            unit_id = u.$unit.id
            version = u.version
        }
    }

    struct SessionBody: Codable, Sendable {
        var user: AccountBody
        var csrf_token: String
    }

    func register(_ api: APIBuilder) {
        api.json(
            .POST, Site.API.session, "Masuk; jawaban membawa token CSRF", request: SignInRequest.self,
            errors: [.unauthorized, .tooManyRequests, .serviceUnavailable], signedIn: false
        ) { req in
            let body = try req.decode(SignInRequest.self)
            let user = try await SignIn.signIn(
                req, .init(username: body.username, password: body.password, government: body.government))
            return SessionBody(user: AccountBody(user), csrf_token: req.session.csrfToken())
        }
        api.empty(.DELETE, Site.API.session, "Keluar", success: .noContent) { req in try await SignIn.signOut(req) }
        api.json(.GET, Site.API.me, "Akun yang sedang masuk, dengan token CSRF-nya") { req in
            let user = try req.signedIn()
            guard let model = try await User.find(user.id, on: req.db) else { throw Abort(.unauthorized) }
            return SessionBody(user: AccountBody(model), csrf_token: req.session.csrfToken())
        }
    }
}
