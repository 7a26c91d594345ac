import Fluent
import Synchronization
import TelaahCore
import Vapor

/// One operation of the JSON API as `/openapi.json` describes it. It is written where its route is
/// registered (`APIBuilder`), from the types the handler reads and answers.
struct APIOperation: Sendable {
    enum Body: Sendable {
        case none
        /// A JSON body of this schema.
        case json(JSONValue)
        /// A file or text body of these media types, e.g. a YAML framework or a PNG logo.
        case file([String], description: String)
    }

    enum Reply: Sendable {
        case json(JSONValue)
        case file([String], description: String)
        case empty
    }

    struct Query: Sendable {
        var name: String
        var schema: JSONValue
        var description: String
        var required = false
    }

    var method: HTTPMethod
    var url: URLPattern
    var summary: String
    var body: Body = .none
    var success: HTTPStatus = .ok
    var reply: Reply = .empty
    /// The refusals this operation may answer besides the usual ones of its kind.
    var errors: [HTTPStatus] = []
    var query: [Query] = []
    /// Needs a signed-in account (all but signing in, health, metrics and this document).
    var signedIn = true
}

/// Registers the API's routes and writes down each as an `APIOperation`: one call does both, so
/// the document cannot leave a route out or describe one that does not exist.
struct APIBuilder {
    let routes: any RoutesBuilder
    let document: APIDocument

    /// A route that answers a JSON body of type `Response` (written by `Wire`).
    func json<Response: Codable & Sendable>(
        _ method: HTTPMethod, _ url: URLPattern, _ summary: String, request: (any Decodable.Type)? = nil,
        status: HTTPStatus = .ok, errors: [HTTPStatus] = [], query: [APIOperation.Query] = [],
        signedIn: Bool = true, maxBody: ByteCount? = nil,
        _ handler: @escaping @Sendable (Request) async throws -> Response
    ) {
        document.add(
            APIOperation(
                method: method, url: url, summary: summary, body: request.map { .json(document.schema($0)) } ?? .none,
                success: status, reply: .json(document.schema(Response.self)), errors: errors, query: query,
                signedIn: signedIn))
        register(method, url, maxBody: maxBody) { req in
            WireBody(value: try Wire.encode(try await handler(req)), status: status)
        }
    }

    /// A route that answers a file (a DOCX, a ZIP, a PNG), or refuses with a JSON error.
    func file(
        _ url: URLPattern, _ summary: String, method: HTTPMethod = .GET, types: [String], description: String,
        errors: [HTTPStatus] = [], query: [APIOperation.Query] = [], signedIn: Bool = true,
        _ handler: @escaping @Sendable (Request) async throws -> Response
    ) {
        document.add(
            APIOperation(
                method: method, url: url, summary: summary, reply: .file(types, description: description),
                errors: errors, query: query, signedIn: signedIn))
        register(method, url, maxBody: nil, handler)
    }

    /// A route that answers no body (`success`: 201, 204).
    func empty(
        _ method: HTTPMethod, _ url: URLPattern, _ summary: String, request: (any Decodable.Type)? = nil,
        success: HTTPStatus, errors: [HTTPStatus] = [], _ handler: @escaping @Sendable (Request) async throws -> Void
    ) {
        document.add(
            APIOperation(
                method: method, url: url, summary: summary, body: request.map { .json(document.schema($0)) } ?? .none,
                success: success, errors: errors))
        register(method, url, maxBody: nil) { req in
            try await handler(req)
            return Response(status: success)
        }
    }

    /// A route whose request body is a file (`types`), answering JSON of type `Response`.
    func upload<Response: Codable & Sendable>(
        _ method: HTTPMethod, _ url: URLPattern, _ summary: String, types: [String], description: String,
        status: HTTPStatus = .ok, errors: [HTTPStatus] = [], query: [APIOperation.Query] = [], maxBody: ByteCount,
        _ handler: @escaping @Sendable (Request) async throws -> Response
    ) {
        document.add(
            APIOperation(
                method: method, url: url, summary: summary, body: .file(types, description: description),
                success: status, reply: .json(document.schema(Response.self)), errors: errors + [.payloadTooLarge],
                query: query))
        register(method, url, maxBody: maxBody) { req in
            WireBody(value: try Wire.encode(try await handler(req)), status: status)
        }
    }

    /// A route whose request body is a file read as it arrives, never held whole (evidence).
    func stream<Response: Codable & Sendable>(
        _ method: HTTPMethod, _ url: URLPattern, _ summary: String, types: [String], description: String,
        status: HTTPStatus = .ok, errors: [HTTPStatus] = [], query: [APIOperation.Query] = [],
        _ handler: @escaping @Sendable (Request) async throws -> Response
    ) {
        document.add(
            APIOperation(
                method: method, url: url, summary: summary, body: .file(types, description: description),
                success: status, reply: .json(document.schema(Response.self)), errors: errors + [.payloadTooLarge],
                query: query))
        routes.on(method, url.pathComponents, body: .stream) { req in
            WireBody(value: try Wire.encode(try await handler(req)), status: status)
        }
    }

    /// A route that answers a JSON document the core writes (the framework), described by `schema`.
    func document(
        _ url: URLPattern, _ summary: String, schema: JSONValue,
        _ handler: @escaping @Sendable (Request) async throws -> JSONValue
    ) {
        document.add(APIOperation(method: .GET, url: url, summary: summary, reply: .json(schema)))
        register(.GET, url, maxBody: nil) { req in WireBody(value: try await handler(req), status: .ok) }
    }

    private func register<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ url: URLPattern, maxBody: ByteCount?,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) {
        if let maxBody {
            routes.on(method, url.pathComponents, body: .collect(maxSize: maxBody), use: handler)
        } else {
            routes.on(method, url.pathComponents, use: handler)
        }
    }
}

/// A JSON response from the wire's value.
struct WireBody: AsyncResponseEncodable {
    var value: JSONValue
    var status: HTTPStatus

    func encodeResponse(for request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(string: value.rendered(pretty: false)))
    }
}

/// The API's operations and the schemas of their types, made into `/openapi.json` once all routes
/// are registered.
final class APIDocument: @unchecked Sendable {  // filled at start-up on one thread, then only read
    private var operations: [APIOperation] = []
    private let schemas = SchemaRegistry()
    private var rendered: String?

    func add(_ operation: APIOperation) { operations.append(operation) }

    func schema(_ type: any Decodable.Type) -> JSONValue { read(type) }

    private func read<T: Decodable>(_ type: T.Type) -> JSONValue { schemas.schema(T.self) }

    var all: [APIOperation] { operations }

    /// The document as JSON text (made once).
    var json: String {
        if let rendered { return rendered }
        let text = Self.document(operations, schemas: schemas.components).rendered(pretty: true)
        rendered = text
        return text
    }

    static let statusText: [UInt: String] = [
        200: "Berhasil", 201: "Dibuat", 204: "Berhasil, tanpa isi",
        400: "Permintaan tidak dapat dibaca", 401: "Belum masuk", 403: "Tidak berhak, atau token CSRF tidak sah",
        404: "Tidak ditemukan (atau milik pemerintah daerah lain)",
        409: "Versi basi, sudah ada, atau belum dapat dilakukan (alasannya disebutkan)",
        413: "Isi terlalu besar", 422: "Isian ditolak (alasannya disebutkan)",
        429: "Terlalu banyak percobaan masuk yang gagal (Retry-After)", 503: "Layanan belum siap",
    ]

    static func document(_ operations: [APIOperation], schemas: [(String, JSONValue)]) -> JSONValue {
        let error: JSONValue = .object([("$ref", .string("#/components/schemas/Error"))])
        var paths: [(String, [(String, JSONValue)])] = []
        for op in operations {
            var statuses: [HTTPStatus] = [op.success]
            if op.signedIn { statuses.append(.unauthorized) }
            if op.method != .GET || op.signedIn { statuses.append(.forbidden) }
            if !op.url.parameters.isEmpty { statuses.append(.notFound) }
            if case .none = op.body {} else { statuses += [.badRequest, .unprocessableEntity, .payloadTooLarge] }
            if !op.query.isEmpty { statuses.append(.unprocessableEntity) }
            statuses += op.errors
            var responses: [(String, JSONValue)] = []
            for status in statuses.sorted(by: { $0.code < $1.code })
            where !responses.contains(where: { $0.0 == "\(status.code)" }) {
                var response: [(String, JSONValue)] = [
                    ("description", .string(statusText[status.code] ?? status.reasonPhrase))
                ]
                if status == op.success {
                    switch op.reply {
                    case .json(let schema):
                        response.append(("content", .object([("application/json", .object([("schema", schema)]))])))
                    case .file(let types, let description):
                        response[0] = ("description", .string(description))
                        response.append(
                            (
                                "content",
                                .object(
                                    types.map {
                                        let format = $0.hasPrefix("text/") || $0.hasSuffix("json") ? nil : "binary"
                                        return (
                                            $0,
                                            .object([
                                                (
                                                    "schema",
                                                    .object(
                                                        [("type", .string("string"))]
                                                            + (format.map { [("format", .string($0))] } ?? []))
                                                )
                                            ])
                                        )
                                    })
                            ))
                    case .empty: break
                    }
                } else {
                    response.append(("content", .object([("application/json", .object([("schema", error)]))])))
                }
                responses.append(("\(status.code)", .object(response)))
            }
            var fields: [(String, JSONValue)] = [("summary", .string(op.summary))]
            let parameters =
                op.url.parameters.map { name -> JSONValue in
                    .object([
                        ("name", .string(name)), ("in", .string("path")), ("required", .bool(true)),
                        ("schema", .object([("type", .string("string"))])),
                    ])
                }
                + op.query.map { q -> JSONValue in
                    .object([
                        ("name", .string(q.name)), ("in", .string("query")), ("required", .bool(q.required)),
                        ("schema", q.schema), ("description", .string(q.description)),
                    ])
                }
            if !parameters.isEmpty { fields.append(("parameters", .array(parameters))) }
            switch op.body {
            case .none: break
            case .json(let schema):
                fields.append(
                    (
                        "requestBody",
                        .object([
                            ("required", .bool(true)),
                            ("content", .object([("application/json", .object([("schema", schema)]))])),
                        ])
                    ))
            case .file(let types, let description):
                fields.append(
                    (
                        "requestBody",
                        .object([
                            ("required", .bool(true)), ("description", .string(description)),
                            (
                                "content",
                                .object(
                                    types.map {
                                        (
                                            $0,
                                            .object([
                                                (
                                                    "schema",
                                                    .object([
                                                        ("type", .string("string")), ("format", .string("binary")),
                                                    ])
                                                )
                                            ])
                                        )
                                    })
                            ),
                        ])
                    ))
            }
            if !op.signedIn { fields.append(("security", .array([]))) }
            fields.append(("responses", .object(responses)))
            let path = op.url.openAPIPath
            let method = op.method.rawValue.lowercased()
            if let index = paths.firstIndex(where: { $0.0 == path }) {
                paths[index].1.append((method, .object(fields)))
            } else {
                paths.append((path, [(method, .object(fields))]))
            }
        }
        return .object([
            ("openapi", .string("3.0.3")),
            (
                "info",
                .object([
                    ("title", .string("Telaah API")), ("version", .string("1")),
                    (
                        "description",
                        .string(
                            "API Telaah untuk Evaluasi AKIP. Masuk melalui POST /api/v1/session; setiap permintaan yang mengubah data wajib membawa header X-CSRF-Token dari jawaban masuk atau /api/v1/me. Setiap rekaman yang dapat diubah punya versi: kirim versi yang Anda ubah; versi basi mendapat 409. Angka desimal tepat."
                        )
                    ),
                ])
            ),
            ("servers", .array([.object([("url", .string("/"))])])),
            ("security", .array([.object([("session", .array([])), ("csrf", .array([]))])])),
            (
                "components",
                .object([
                    (
                        "securitySchemes",
                        .object([
                            (
                                "session",
                                .object([
                                    ("type", .string("apiKey")), ("in", .string("cookie")),
                                    ("name", .string("telaah_sesi")),
                                ])
                            ),
                            (
                                "csrf",
                                .object([
                                    ("type", .string("apiKey")), ("in", .string("header")),
                                    ("name", .string("X-CSRF-Token")),
                                ])
                            ),
                        ])
                    ),
                    (
                        "schemas",
                        .object(
                            [
                                (
                                    "Error",
                                    .object([
                                        ("type", .string("object")),
                                        ("required", .array([.string("error"), .string("reason")])),
                                        (
                                            "properties",
                                            .object([
                                                ("error", .object([("type", .string("boolean"))])),
                                                (
                                                    "reason",
                                                    .object([
                                                        ("type", .string("string")),
                                                        ("description", .string("pesan dalam Bahasa Indonesia")),
                                                    ])
                                                ),
                                            ])
                                        ),
                                    ])
                                )
                            ] + schemas)
                    ),
                ])
            ),
            ("paths", .object(paths.map { ($0.0, .object($0.1)) })),
        ])
    }
}
