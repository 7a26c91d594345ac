import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import TelaahCore
import Vapor

/// Builds the Telaah application. The same function configures the app in `telaah serve`
/// and in every test, so tests exercise what runs.
public enum TelaahApp {
    /// A configured application: the one function `telaah serve`, the one-shot commands and the
    /// tests build theirs with. `arguments` are Vapor's (the command it runs on `execute`).
    public static func make(
        _ config: ServerConfiguration, environment: Environment = .production, arguments: [String] = []
    ) async throws -> Application {
        var environment = environment
        environment.arguments = ["telaah"] + arguments
        let app = try await Application.make(environment)
        do {
            try await configure(app, config)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    static func configure(_ app: Application, _ config: ServerConfiguration) async throws {
        app.storage[ConfigurationKey.self] = config
        app.storage[FrameworkCacheKey.self] = FrameworkCache()
        app.storage[LKEBlocksKey.self] = LKEBlocks()
        app.storage[PeriodScoresKey.self] = PeriodScores()
        app.storage[OverdueListsKey.self] = OverdueLists()
        app.storage[PriorRegistersKey.self] = PriorRegisters()
        app.storage[GradeHistoriesKey.self] = GradeHistories()
        app.storage[DummyHashKey.self] = DummyHash(cost: config.bcryptCost)

        func useSQLite(_ sqlite: SQLiteConfiguration) {
            app.databases.use(.sqlite(sqlite), as: .sqlite)
            let writer = SQLiteWriter(sqlite, logger: app.logger)
            app.storage[StoreEngineKey.self] = StoreEngine(writes: writer.writes, writer: writer)
            app.lifecycle.use(SQLiteWriterLifecycle(writer: writer))
            app.storage[SessionCacheKey.self] = SessionCache()
        }
        switch config.database {
        case .sqliteFile(let path):
            useSQLite(.file(path))
        case .sqliteMemory:
            useSQLite(.memory)
        case .postgres(let url, let searchPath):
            var pg = try SQLPostgresConfiguration(url: url)
            if let searchPath { pg.searchPath = [searchPath] }
            app.databases.use(
                .postgres(configuration: pg, maxConnectionsPerEventLoop: config.postgresConnectionsPerLoop), as: .psql)
            let writer = PostgresWriter(pg, threadPool: app.threadPool, logger: app.logger)
            app.storage[StoreEngineKey.self] = StoreEngine(writes: writer.writes)
            app.lifecycle.use(PostgresWriterLifecycle(writer: writer))
        }
        app.passwords.use(.bcrypt(cost: config.bcryptCost))
        app.storage[EvidenceFilesKey.self] =
            try config.evidenceDirectory.map { try DiskEvidenceFiles(root: $0, threadPool: app.threadPool) }
            ?? DatabaseEvidenceFiles(store: { [unowned app] in app.store })

        app.sessions.use { _ in TelaahSessions() }
        app.sessions.configuration.cookieName = "telaah_sesi"
        app.sessions.configuration.cookieFactory = { id in
            HTTPCookies.Value(
                string: id.string, expires: nil, maxAge: Int(TelaahSessions.lifetime), domain: nil, path: "/",
                isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }

        // Static files ship inside the binary's resource bundle, wherever it runs.
        app.directory = DirectoryConfiguration(workingDirectory: Self.resources.deletingLastPathComponent().path + "/")

        // Browsers and the API's clients send plain bodies; a decompressor in front of every
        // request costs a few percent of a save's CPU.
        app.http.server.configuration.requestDecompression = .disabled
        app.middleware = .init()
        let draining = Draining()
        app.storage[DrainingKey.self] = draining
        app.middleware.use(DrainingMiddleware(draining: draining))
        app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
        app.middleware.use(TelaahErrorMiddleware())
        app.middleware.use(try PublicFiles(directory: Self.resources.appendingPathComponent("Public").path + "/"))
        app.middleware.use(app.sessions.middleware)
        app.middleware.use(SessionUserMiddleware())
        app.middleware.use(CSRFMiddleware())

        app.registerMigrations(seal: config.auditSeal)
        if case .sqliteFile = config.database, let sql = app.db as? any SQLDatabase {
            // WAL lets pages read while an answer is being saved.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        if config.autoMigrate {
            // Each migration logs two lines at info: seventy lines before a command's own output.
            let level = app.logger.logLevel
            app.logger.logLevel = max(level, .warning)
            try await app.autoMigrate()
            app.logger.logLevel = level
            try await AuditLog.checkKey(config.auditSeal, on: app.db)
        }
        if let path = config.auditAnchorPath {
            app.lifecycle.use(AuditAnchorLifecycle(anchor: try AuditAnchor(path: path)))
        }
        if let writer = app.sqliteWriter, let file = try await Self.sqliteFile(app.db) {
            writer.useOwnConnection(path: file)
            let readers = SQLiteReaders(path: file)
            app.storage[StoreEngineKey.self]?.readers = readers
            app.lifecycle.use(SQLiteReadersLifecycle(readers: readers))
        }
        let jobs = BackgroundJobs()
        app.storage[BackgroundJobsKey.self] = jobs
        app.lifecycle.use(BackgroundJobsLifecycle(jobs: jobs))
        try routes(app)
    }

    /// The file of the SQLite database (also of an "in-memory" one, which SQLiteKit keeps in a
    /// temporary file).
    static func sqliteFile(_ db: any Database) async throws -> String? {
        let rows = try await (db as! any SQLDatabase).raw("PRAGMA database_list").all()
        for row in rows where try row.decode(column: "name", as: String.self) == "main" {
            let file = try row.decode(column: "file", as: String.self)
            return file.isEmpty ? nil : file
        }
        return nil
    }

    /// The folder of templates and static files shipped with the binary.
    static var resources: URL { Bundle.module.bundleURL.appendingPathComponent("Resources") }
}

struct ConfigurationKey: StorageKey { typealias Value = ServerConfiguration }
struct FrameworkCacheKey: StorageKey { typealias Value = FrameworkCache }

/// Closes the readers' connections with the application.
struct SQLiteReadersLifecycle: LifecycleHandler {
    let readers: SQLiteReaders

    func shutdownAsync(_ application: Application) async { readers.close() }
}

extension Application {
    var telaahConfig: ServerConfiguration { storage[ConfigurationKey.self]! }
    /// SQLite's single writer; nil on PostgreSQL.
    var sqliteWriter: SQLiteWriter? { storage[StoreEngineKey.self]?.writer }
    /// The group commit every write of the application goes through.
    var storeWrites: GroupCommit? { storage[StoreEngineKey.self]?.writes }
    package var frameworks: FrameworkCache { storage[FrameworkCacheKey.self]! }
    /// The event loops' own SQLite connections for hot reads; nil on PostgreSQL.
    var sqliteReaders: SQLiteReaders? { storage[StoreEngineKey.self]?.readers }
    /// Where the evidence files live (`EvidenceFiles`).
    var evidenceFiles: any EvidenceFiles { storage[EvidenceFilesKey.self]! }
}

struct EvidenceFilesKey: StorageKey {
    typealias Value = any EvidenceFiles
}

/// Parsed frameworks by framework-version id (a frozen version never changes).
package actor FrameworkCache {
    private var scorers: [UUID: Scorer] = [:]

    /// The scorer of a framework version by id: its row (and its YAML text) is read only once.
    func scorer(id: UUID, on db: any Database) async throws -> Scorer? {
        if let cached = scorers[id] { return cached }
        guard let version = try await FrameworkVersion.find(id, on: db) else { return nil }
        return try scorer(for: version)
    }

    package func scorer(for version: FrameworkVersion) throws -> Scorer {
        let id = try version.requireID()
        if let cached = scorers[id] { return cached }
        let (framework, _) = try FrameworkLoader.load(yaml: version.yaml, source: "\(version.frameworkKey).yaml")
        let scorer = Scorer(framework: framework)
        scorers[id] = scorer
        return scorer
    }
}
