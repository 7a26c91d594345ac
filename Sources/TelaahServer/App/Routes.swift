import Fluent
import Prometheus
import SQLKit
import TelaahCore
import Vapor

/// Every route of the application. The API lives under `/api/v1`; each controller registers its
/// routes through `APIBuilder`, which writes `/openapi.json` from the same calls. Pages are in
/// Indonesian paths and call the same code.
func routes(_ app: Application) throws {
    let document = APIDocument()
    let api = APIBuilder(routes: app, document: document)
    api.file(
        Site.healthz, "Kesehatan: 200 bila basis data menjawab", types: ["text/plain"], description: "ok",
        errors: [.serviceUnavailable], signedIn: false, health)
    api.file(
        Site.metrics, "Metrik Prometheus (format teks)", types: ["text/plain"], description: "metrik",
        signedIn: false
    ) { req in
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return Response(
            status: .ok, headers: headers, body: .init(string: req.application.metricsRegistry.emitToString()))
    }
    api.file(
        Site.openAPI, "Dokumen ini", types: ["application/json"], description: "Dokumen OpenAPI", signedIn: false
    ) { req in
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: req.application.openAPIDocument))
    }
    SessionController().register(api)
    PeriodController().register(api)
    AssessmentController().register(api)
    AnswerController().register(api)
    GradeController().register(api)
    CycleController().register(api)
    DocumentsController().register(api)
    GovernmentController().register(api)
    TemplateController().register(api)
    UnitAdminController().register(api)
    UserController().register(api)
    FrameworkController().register(api)
    PeriodAdminController().register(api)
    TeamController().register(api)
    PeriodCycleController().register(api)
    ResponseController().register(api)
    PreEvaluationController().register(api)
    DraftController().register(api)
    CommentController().register(api)
    EvidenceController().register(api)
    FollowUpController().register(api)
    app.storage[OpenAPIKey.self] = document.json
    try app.register(collection: PageRoutes())
    app.routes.runHandlersOnEventLoops()
}

struct OpenAPIKey: StorageKey { typealias Value = String }

extension Application {
    /// `/openapi.json`, written once all routes are registered.
    var openAPIDocument: String { storage[OpenAPIKey.self] ?? "{}" }
}

/// `/healthz`: 200 when the database answers, 503 otherwise.
@Sendable func health(req: Request) async throws -> Response {
    do {
        try await req.store.ping()
        return Response(
            status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .init(string: "ok\n"))
    } catch {
        req.logger.error("healthz: database unavailable: \(error)")
        return Response(
            status: .serviceUnavailable, headers: ["Content-Type": "text/plain; charset=utf-8"],
            body: .init(string: "database unavailable\n"))
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
