import Foundation
import NIOCore
import SQLKit
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// The password of every demo account in tests.
let testPassword = "rahasia-uji-1"
/// The demo's day in the tests: its year 2024 (Banyuasin's report), the final PD's LHE signed a
/// week before, on 16 Oktober 2024, as the seeds' letters are dated.
let testStory = Demo.Story(today: DocumentDate(year: 2024, month: 10, day: 23))
/// The day after the seeds' letters: a period completed then has every LHE signed on 16 Oktober 2024.
let completedStory = Demo.Story(today: DocumentDate(year: 2024, month: 10, day: 17))

/// Which database the suite runs on: SQLite in memory, or the PostgreSQL named by
/// `TELAAH_TEST_DATABASE_URL` (each test in a schema of its own, dropped afterwards).
enum TestDatabase {
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["TELAAH_TEST_DATABASE_URL"]
        return url?.isEmpty == false ? url : nil
    }
}

/// Runs `body` against a freshly configured application (the same `TelaahApp.configure` as
/// `telaah serve`) holding the demo data.
func withDemoApp(
    adjust: (inout ServerConfiguration) -> Void = { _ in }, story: Demo.Story = testStory,
    _ body: (Application, Demo.Seeded) async throws -> Void
) async throws {
    try await withApp(adjust: adjust) { app in
        let seeded = try await Demo.seed(app, password: testPassword, story: story)
        try await body(app, seeded)
    }
}

/// Runs `body` against a freshly configured application with an empty, migrated database, made
/// by the same `TelaahApp.make` as `telaah serve`.
func withApp(adjust: (inout ServerConfiguration) -> Void = { _ in }, _ body: (Application) async throws -> Void)
    async throws
{
    var schema: String?
    var config: ServerConfiguration
    if let url = TestDatabase.postgresURL {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        schema = name
        config = ServerConfiguration(database: .postgres(url: url, searchPath: name))
        // The schema is made first, then the migrations run in it.
        config.autoMigrate = false
    } else {
        config = ServerConfiguration(database: .sqliteMemory)
    }
    config.bcryptCost = 4
    adjust(&config)
    let app = try await TelaahApp.make(config, environment: .testing)
    // Migrations and requests log at info; the test output keeps warnings and errors.
    app.logger.logLevel = .warning
    do {
        if let schema {
            try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(ident: schema)").run()
            try await app.autoMigrate()
        }
        try await body(app)
        if let schema { try await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
        try await app.asyncShutdown()
    } catch {
        if let schema { try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
        try? await app.asyncShutdown()
        throw error
    }
}

/// A signed-in browser or API client: keeps the session cookie and the CSRF token.
struct Client {
    let app: Application
    var cookie: String?
    var csrf: String?
    /// The sign-in form's cookie (`telaah_masuk=…`), once the sign-in page was read.
    var formCookie: String?
    /// Requests over a real socket from 127.0.0.1 (a client address), not in memory.
    var live = false

    init(app: Application, live: Bool = false) {
        self.app = app
        self.live = live
    }

    /// Signs in through the JSON API.
    static func signedIn(_ app: Application, _ username: String, government: String? = nil) async throws -> Client {
        var client = Client(app: app)
        var credentials: [String: any Sendable] = ["username": username, "password": testPassword]
        if let government { credentials["government"] = government }
        let response = try await client.send(.POST, "/api/v1/session", json: credentials)
        try #require(response.status == .ok, "sign-in of \(username): \(response.body.string)")
        client.csrf = try JSONValue.parse(response.body.string)["csrf_token"]?.stringValue
        return client
    }

    @discardableResult
    mutating func send(
        _ method: HTTPMethod, _ path: String, json: [String: any Sendable]? = nil, body: String? = nil,
        bytes: Data? = nil, contentType: String? = nil, csrf sendToken: Bool = true,
        headers extra: [(String, String)] = []
    ) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        let cookies = [cookie, formCookie].compactMap { $0 }
        if !cookies.isEmpty { headers.add(name: "Cookie", value: cookies.joined(separator: "; ")) }
        if sendToken, let csrf { headers.add(name: "X-CSRF-Token", value: csrf) }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        var buffer: ByteBuffer?
        if let json {
            headers.contentType = .json
            buffer = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        } else if let body {
            headers.replaceOrAdd(name: .contentType, value: contentType ?? "text/plain; charset=utf-8")
            buffer = ByteBuffer(string: body)
        } else if let bytes {
            headers.replaceOrAdd(name: .contentType, value: contentType ?? "application/octet-stream")
            buffer = ByteBuffer(data: bytes)
        }
        let tester = try app.testing(method: live ? .running(hostname: "127.0.0.1", port: 0) : .inMemory)
        let response = try await tester.sendRequest(method, path, headers: headers, body: buffer)
        for setCookie in response.headers[.setCookie] {
            let pair = String(setCookie.split(separator: ";")[0])
            if setCookie.hasPrefix("telaah_sesi=") { cookie = pair }
            if setCookie.hasPrefix("telaah_masuk=") { formCookie = pair }
        }
        return response
    }

    mutating func json(_ method: HTTPMethod, _ path: String, json: [String: any Sendable]? = nil) async throws -> (
        HTTPStatus, JSONValue
    ) {
        let response = try await send(method, path, json: json)
        return (response.status, (try? JSONValue.parse(response.body.string)) ?? .null)
    }
}

extension ByteBuffer {
    var string: String { String(buffer: self) }
}

/// Paths of the demo.
struct DemoPaths {
    let period: UUID
    let units: [String: UUID]

    init(_ seeded: Demo.Seeded) {
        period = seeded.periodID
        units = seeded.units
    }

    func unit(_ name: String) -> String { "/api/v1/periods/\(period)/units/\(units[name]!)" }
    func page(_ name: String) -> String { "/periode/\(period)/pd/\(units[name]!)" }
}
