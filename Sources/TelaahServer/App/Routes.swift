import Fluent
import Prometheus
import SQLKit
import TelaahCore
import Vapor

/// Every route of the application. The API lives under `/api/v1` and is described by
/// `/openapi.json`; pages are in Indonesian paths and call the same code.
func routes(_ app: Application) throws {
    app.get("healthz", use: health)
    app.get("metrics") { req async throws -> Response in
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return Response(
            status: .ok, headers: headers, body: .init(string: req.application.metricsRegistry.emitToString()))
    }
    app.get("openapi.json") { req async throws -> Response in
        let path = TelaahApp.resources.appendingPathComponent("openapi.json").path
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(
            status: .ok, headers: headers, body: .init(data: try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    let api = app.grouped("api", "v1")
    try api.register(collection: SessionAPI())
    try api.register(collection: PeriodAPI())
    try api.register(collection: AssessmentAPI())
    try api.register(collection: DocumentsAPI())
    try api.register(collection: AdminAPI())
    try app.register(collection: Pages())
    try app.register(collection: AdminPages())
    app.routes.runHandlersOnEventLoops()
}

/// `/healthz`: 200 when the database answers, 503 otherwise.
@Sendable func health(req: Request) async throws -> Response {
    do {
        _ = try await (req.db as! any SQLDatabase).raw("SELECT 1").all()
        return Response(status: .ok, body: .init(string: "ok\n"))
    } catch {
        req.logger.error("healthz: database unavailable: \(error)")
        return Response(status: .serviceUnavailable, body: .init(string: "database unavailable\n"))
    }
}

struct MetricsRegistryKey: StorageKey { typealias Value = PrometheusCollectorRegistry }

extension Application {
    /// The Prometheus registry `/metrics` shows (the process's, when `telaah serve` bootstrapped it).
    public var metricsRegistry: PrometheusCollectorRegistry {
        get { storage[MetricsRegistryKey.self] ?? PrometheusMetricsFactory.defaultRegistry }
        set { storage[MetricsRegistryKey.self] = newValue }
    }
}

/// `/api/v1/session` and `/api/v1/me`.
struct SessionAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("session", use: signIn)
        routes.delete("session", use: signOut)
        routes.get("me", use: me)
    }

    func signIn(req: Request) async throws -> JSONBody {
        let credentials = try req.decode(SignIn.Credentials.self)
        let user = try await SignIn.signIn(req, credentials)
        return JSONBody(
            .object([
                ("user", Self.userJSON(user)), ("csrf_token", .string(req.session.csrfToken())),
            ]))
    }

    func signOut(req: Request) async throws -> HTTPStatus {
        try await SignIn.signOut(req)
        return .noContent
    }

    func me(req: Request) async throws -> JSONBody {
        let user = try req.signedIn()
        guard let model = try await User.find(user.id, on: req.db) else { throw Abort(.unauthorized) }
        return JSONBody(.object([("user", Self.userJSON(model)), ("csrf_token", .string(req.session.csrfToken()))]))
    }

    static func userJSON(_ u: User) -> JSONValue {
        .object([
            ("id", .uuid(u.id)), ("username", .string(u.username)), ("display_name", .string(u.displayName)),
            ("role", .string(u.role.rawValue)), ("unit_id", .uuid(u.$unit.id)), ("version", .int(u.version)),
        ])
    }
}

/// `/api/v1/periods…`: the periods of the account's government, one period's overview (every
/// PD the account may see, with progress, total and predikat) and the regency summary.
struct PeriodAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("periods", use: list)
        routes.get("periods", ":period", use: overview)
        routes.get("periods", ":period", "framework", use: framework)
    }

    func list(req: Request) async throws -> JSONBody {
        let user = try req.signedIn()
        let periods = try await Period.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$evaluationYear, .descending).all()
        return JSONBody(.object([("periods", .array(periods.map(Self.periodJSON)))]))
    }

    static func periodJSON(_ p: Period) -> JSONValue {
        .object([
            ("id", .uuid(p.id)), ("name", .string(p.name)), ("evaluation_year", .int(p.evaluationYear)),
            ("performance_year", .int(p.performanceYear)), ("framework_version_id", .uuid(p.$frameworkVersion.id)),
            ("status", .string(p.status.rawValue)), ("version", .int(p.version)),
        ])
    }

    func overview(req: Request) async throws -> JSONBody {
        let user = try req.signedIn()
        let period = try await req.period(req.parameters.get("period"), for: user)
        let overview = try await PeriodOverview.load(period: period, user: user, req: req)
        return JSONBody(overview.json())
    }

    func framework(req: Request) async throws -> JSONBody {
        let user = try req.signedIn()
        let period = try await req.period(req.parameters.get("period"), for: user)
        return JSONBody(try await req.scorer(for: period).framework.document())
    }
}
