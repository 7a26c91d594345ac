import Fluent
import TelaahCore
import Vapor

/// The pages' routes. Each page is a folder of `Views/`: its model, the query that fills it and the
/// view that writes it; writes go through the JSON API (the page's script in `Public/telaah.js`),
/// so pages and API share one code path.
struct PageRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(Site.home, use: home)
        routes.get(Site.periods) { req in HTMLPage(PeriodsPage.view(try await PeriodsPage.query(req))) }
        routes.get(Site.signIn, use: signInPage)
        routes.post(Site.signIn, use: signIn)
        routes.post(Site.signOut, use: signOut)
        routes.get(Site.period) { req in HTMLPage(PeriodPage.view(try await PeriodPage.query(req))) }
        routes.get(Site.lke) { req in
            let (model, block) = try await LKEPage.query(req)
            return HTMLPage(LKEPage.view(model, block))
        }
        routes.get(Site.preEvaluation) { req in
            HTMLPage(PreEvaluationPage.view(try await PreEvaluationPage.query(req)))
        }
        routes.get(Site.review) { req in HTMLPage(ReviewPage.view(try await ReviewPage.query(req))) }
        routes.get(Site.followUp) { req in HTMLPage(FollowUpPage.view(try await FollowUpPage.query(req))) }
        routes.get(Site.periodFollowUp) { req in
            HTMLPage(FollowUpListPage.view(try await FollowUpListPage.query(req)))
        }
        routes.get(Site.draft) { req in HTMLPage(DraftPage.view(try await DraftPage.query(req))) }
        routes.get(Site.panel) { req in HTMLPage(PanelPage.view(try await PanelPage.query(req))) }
        routes.get(Site.history) { req in HTMLPage(HistoryPage.view(try await HistoryPage.query(req))) }
        routes.get(Site.frameworkTexts, use: FrameworkTexts.serve)
        routes.get(Site.admin) { req in HTMLPage(SettingsPage.view(try await SettingsPage.query(req))) }
        routes.get(Site.adminPeriods) { req in HTMLPage(AdminPeriodsPage.view(try await AdminPeriodsPage.query(req))) }
        routes.get(Site.adminTeams) { req in HTMLPage(AdminTeamsPage.view(try await AdminTeamsPage.query(req))) }
        routes.get(Site.adminTemplates) { req in
            HTMLPage(AdminTemplatesPage.view(try await AdminTemplatesPage.query(req)))
        }
        routes.get(Site.adminUnits) { req in HTMLPage(AdminUnitsPage.view(try await AdminUnitsPage.query(req))) }
        routes.get(Site.adminUsers) { req in HTMLPage(AdminUsersPage.view(try await AdminUsersPage.query(req))) }
    }

    /// The period the account last opened, else the newest open one, else the newest.
    @Sendable func home(req: Request) async throws -> Response {
        let user = try req.signedIn()
        let periods = try await Period.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$evaluationYear, .descending).all()
        let chosen = req.session.data[PeriodPage.sessionKey].flatMap(UUID.init(uuidString:))
        if let period = periods.first(where: { $0.id == chosen }) ?? periods.first(where: { $0.status == .open })
            ?? periods.first
        {
            return req.redirect(to: Site.period.path(try period.requireID()))
        }
        // No period yet: the admin opens one; everyone else reads that there is none.
        return req.redirect(to: AccessRules.mayAdminister(user.role) ? Site.adminPeriods.path() : Site.periods.path())
    }

    @Sendable func signInPage(req: Request) async throws -> Response {
        let next = Self.safeNext(req.query[String.self, at: "lanjut"])
        return try await renderSignIn(req, error: nil, username: "", government: nil, next: next, status: .ok)
    }

    struct SignInFormBody: Content {
        var username: String
        var password: String
        var government: String?
        var lanjut: String?
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let form = try req.decode(SignInFormBody.self)
        let next = Self.safeNext(form.lanjut)
        do {
            _ = try await SignIn.signIn(
                req, .init(username: form.username, password: form.password, government: form.government))
            return req.redirect(to: next)
        } catch let abort as any AbortError
            where [.unauthorized, .tooManyRequests, .unprocessableEntity, .serviceUnavailable].contains(abort.status)
        {
            return try await renderSignIn(
                req, error: abort.reason, username: form.username, government: form.government, next: next,
                status: abort.status)
        }
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        try await SignIn.signOut(req)
        return req.redirect(to: Site.signIn.path())
    }

    /// The sign-in page with a fresh form token, its cookie set on the response.
    func renderSignIn(
        _ req: Request, error: String?, username: String, government: String?, next: String, status: HTTPStatus
    ) async throws -> Response {
        let (token, cookie) = SignInForm.token(secure: req.application.telaahConfig.secureCookies)
        let model = try await SignInPage.query(
            req, error: error, username: username, government: government, next: next, token: token)
        let response = try await HTMLPage(SignInPage.view(model), status: status).encodeResponse(for: req)
        response.cookies[SignInForm.cookie] = cookie
        return response
    }

    /// Only a path of this site, never another: no scheme-relative `//`, no backslash, and no
    /// character a browser drops or rewrites before reading a URL (tabs, newlines, spaces,
    /// controls), which could turn `/\t/evil.example` into `//evil.example`.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.utf8.count <= 2048,
            next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" })
        else { return "/" }
        return next
    }
}
