import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import SQLKit
import TelaahCore
import Vapor

/// Builds the Telaah application. The same function configures the app in `telaah serve`
/// and in every test, so tests exercise what runs.
public enum TelaahApp {
    public static func configure(_ app: Application, _ config: ServerConfiguration) async throws {
        app.storage[ConfigurationKey.self] = config
        app.storage[WriteGateKey.self] = WriteGate(enabled: config.database.isSQLite)
        app.storage[FrameworkCacheKey.self] = FrameworkCache()
        app.storage[LKEFragmentsKey.self] = LKEFragments()

        switch config.database {
        case .sqliteFile(let path):
            app.databases.use(.sqlite(.file(path)), as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory), as: .sqlite)
        case .postgres(let url, let searchPath):
            var pg = try SQLPostgresConfiguration(url: url)
            if let searchPath { pg.searchPath = [searchPath] }
            app.databases.use(.postgres(configuration: pg), as: .psql)
        }
        app.passwords.use(.bcrypt(cost: config.bcryptCost))

        app.sessions.use { _ in TelaahSessions() }
        app.sessions.configuration.cookieName = "telaah_sesi"
        app.sessions.configuration.cookieFactory = { id in
            HTTPCookies.Value(
                string: id.string, expires: nil, maxAge: Int(TelaahSessions.lifetime), domain: nil, path: "/",
                isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }

        // Templates and static files ship inside the binary's resource bundle, wherever it runs.
        app.directory = DirectoryConfiguration(workingDirectory: Self.resources.deletingLastPathComponent().path + "/")
        app.views.use(.leaf)
        // The bundle may sit under a hidden folder (`.build/release`): allow that, but stay in
        // the sandbox and read only `.leaf` files.
        let views = Self.resources.appendingPathComponent("Views").path + "/"
        app.leaf.sources = .singleSource(
            NIOLeafFiles(
                fileio: app.fileio, limits: [.toSandbox, .requireExtensions, .onlyLeafExtensions],
                sandboxDirectory: views, viewDirectory: views))

        app.middleware = .init()
        app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
        app.middleware.use(TelaahErrorMiddleware())
        app.middleware.use(FileMiddleware(publicDirectory: Self.resources.appendingPathComponent("Public").path + "/"))
        app.middleware.use(app.sessions.middleware)
        app.middleware.use(SessionUserMiddleware())
        app.middleware.use(CSRFMiddleware())

        app.registerMigrations()
        if case .sqliteFile = config.database, let sql = app.db as? any SQLDatabase {
            // 2026-11-22: WAL lets pages read while an answer is being saved.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        if config.autoMigrate { try await app.autoMigrate() }
        try routes(app)
    }

    /// The folder of templates and static files shipped with the binary.
    static var resources: URL { Bundle.module.bundleURL.appendingPathComponent("Resources") }
}

extension ServerConfiguration.Database {
    var isSQLite: Bool {
        if case .postgres = self { return false }
        return true
    }
}

struct ConfigurationKey: StorageKey { typealias Value = ServerConfiguration }
struct WriteGateKey: StorageKey { typealias Value = WriteGate }
struct FrameworkCacheKey: StorageKey { typealias Value = FrameworkCache }

extension Application {
    var telaahConfig: ServerConfiguration { storage[ConfigurationKey.self]! }
    var writeGate: WriteGate { storage[WriteGateKey.self]! }
    var frameworks: FrameworkCache { storage[FrameworkCacheKey.self]! }
}

/// Serialises write transactions on SQLite (one writer at a time, as SQLite itself requires);
/// lets them through unchanged on PostgreSQL, where row locks do the work.
actor WriteGate {
    let enabled: Bool
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(enabled: Bool) { self.enabled = enabled }

    func acquire() async {
        guard enabled else { return }
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            busy = true
        }
    }

    func release() {
        guard enabled else { return }
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

extension Request {
    /// Runs `body` in one transaction (behind the write gate): the change and its audit entry
    /// are saved together or not at all.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let gate = application.writeGate
        await gate.acquire()
        do {
            // 2026-11-23: measured with synchronous=NORMAL too: no faster here (the time goes to
            // the round trips of a write, not to the fsync), so commits stay fully durable.
            let result = try await db.transaction(body)
            await gate.release()
            return result
        } catch {
            await gate.release()
            throw error
        }
    }
}

/// Parsed frameworks by framework-version id (a frozen version never changes).
actor FrameworkCache {
    private var scorers: [UUID: Scorer] = [:]

    func cached(_ id: UUID) -> Scorer? { scorers[id] }

    func scorer(for version: FrameworkVersion) throws -> Scorer {
        let id = try version.requireID()
        if let cached = scorers[id] { return cached }
        let (framework, _) = try FrameworkLoader.load(yaml: version.yaml, source: "\(version.frameworkKey).yaml")
        let scorer = Scorer(framework: framework)
        scorers[id] = scorer
        return scorer
    }
}
