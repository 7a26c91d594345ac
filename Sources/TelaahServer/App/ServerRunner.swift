import Fluent
import Logging
import Metrics
import NIOCore
import NIOPosix
import Prometheus
import TelaahCore
import Vapor

/// What the `telaah` subcommands `serve`, `migrate` and `audit verify` do, so the command-line
/// target needs no Vapor.
public enum ServerRunner {
    /// Process-wide logging and metrics (once per process, before any application).
    public static func bootstrap(logLevel: String, jsonLogs: Bool) -> PrometheusCollectorRegistry {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            if jsonLogs { return JSONLogHandler(label: label, level: level) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully (in-flight requests finish).
    /// `prepare` runs once the application is configured, before it serves (the demo's seeding).
    public static func serve(
        _ config: ServerConfiguration, registry: PrometheusCollectorRegistry,
        prepare: @Sendable (Application) async throws -> Void = { _ in }
    ) async throws {
        let app = try await TelaahApp.make(
            config, arguments: ["serve", "--hostname", config.hostname, "--port", String(config.port)])
        app.metricsRegistry = registry
        app.lifecycle.use(HousekeepingLifecycle(every: .hours(1)))
        do {
            try await prepare(app)
            if try await Government.query(on: app.db).count() == 0 {
                app.logger.warning(
                    """
                    Belum ada pemerintah daerah di basis data ini: tidak seorang pun dapat masuk. Siapkan dengan
                      telaah setup --government "Kabupaten …" --admin NAMA_ADMIN
                    (dengan --data-dir atau DATABASE_URL yang sama dengan telaah serve), lalu jalankan serve lagi.
                    """)
            }
            try await app.startup()
            closeOnExec()
            try await app.running?.onStop.get()
            // Vapor would close the stores before the HTTP server: first refuse what arrives,
            // let what runs finish, and only then close the databases.
            app.draining.begin()
            await app.server.shutdown()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Marks every descriptor open now (the listening socket among them) close-on-exec: NIO opens
    /// sockets without it, and a child (LibreOffice, the crash reporter) must never hold the port.
    static func closeOnExec() {
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for fd in fds.compactMap(Int32.init) where fd > 2 {
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    /// Runs the migrations and stops.
    public static func migrate(_ config: ServerConfiguration) async throws {
        var config = config
        config.autoMigrate = true
        try await withApp(config) { _ in }
    }

    /// Whether the database holds no government yet (the demo loads only into such a one).
    public static func isEmpty(_ app: Application) async throws -> Bool {
        try await Government.query(on: app.db).count() == 0
    }

    /// Sets up a government and its first admin (migrating first); see `Setup`.
    public static func setup(_ config: ServerConfiguration, government: String, admin: String, password: String?)
        async throws -> Setup.Result
    {
        var config = config
        config.autoMigrate = true
        return try await withApp(config) { app in
            try await Setup.run(app, government: government, admin: admin, password: password)
        }
    }

    /// Walks the audit chain with the deployment's key, and checks it against every head recorded
    /// outside the database: the files named, else the server's own head log when it exists.
    /// Also reads every stored evidence file and names those whose bytes no longer match the
    /// hash recorded (and sealed in the chain) at upload, or that are gone (`evidence`).
    public static func verifyAudit(_ config: ServerConfiguration, anchorFiles: [String]) async throws -> (
        AuditLog.Verification, [String], evidence: (checked: Int, problems: [String])
    ) {
        var files = anchorFiles
        if files.isEmpty, let own = config.auditAnchorPath, FileManager.default.fileExists(atPath: own) {
            files = [own]
        }
        let anchors = try files.flatMap { try AuditAnchor.read(path: $0) }
        var config = config
        config.autoMigrate = false
        // Reading the chain must not record its head.
        config.auditAnchorPath = nil
        let (result, evidence) = try await withApp(config) { app in
            let chain = try await AuditLog.verify(on: app.db, seal: config.auditSeal, anchors: anchors)
            var problems: [String] = []
            let stored = try await app.store.evidenceFiles()
            for file in stored {
                switch try await app.evidenceFiles.hash(of: file.sha256) {
                case .none: problems.append("berkas bukti \(file.name) (\(file.sha256.prefix(12))…) tidak ada")
                case .some(let hash) where hash != file.sha256:
                    problems.append(
                        "berkas bukti \(file.name) (\(file.sha256.prefix(12))…) berubah: isinya tidak cocok dengan hashnya"
                    )
                default: break
                }
            }
            return (chain, (stored.count, problems))
        }
        return (result, files, evidence)
    }

    /// One pass of the evidence collector (`EvidenceCollector`): `telaah evidence gc`.
    package static func collectEvidence(
        _ config: ServerConfiguration, dryRun: Bool, graceHours: Double, idleMinutes: Double
    ) async throws -> EvidenceCollection {
        var config = config
        config.autoMigrate = false
        return try await withApp(config) { app in
            try await EvidenceCollector.collect(
                app, grace: graceHours * 3600, idle: idleMinutes * 60, dryRun: dryRun)
        }
    }

    /// One run of the reminder mailer (`ReminderMailer`): `telaah reminders send`.
    package static func sendReminders(_ config: ServerConfiguration, today: DocumentDate?, dryRun: Bool) async throws
        -> MailRun
    {
        var config = config
        config.autoMigrate = false
        return try await withApp(config) { app in
            try await ReminderMailer.run(app, today: today ?? .today(), dryRun: dryRun)
        }
    }

    /// The chain's current head as one line (`seq<TAB>hash<TAB>time`), to keep outside the database
    /// (printed, mailed, in another system) and give to `verify --anchor` later.
    public static func auditHead(_ config: ServerConfiguration) async throws -> String {
        var config = config
        config.autoMigrate = false
        config.auditAnchorPath = nil
        return try await withApp(config) { app in
            guard let head = try await AuditLog.head(on: app.db) else {
                throw ConfigurationError("basis data tanpa jejak audit: jalankan telaah migrate")
            }
            return "\(head.seq)\t\(head.hash)\t\(UTCTimestamp.string(Date()))"
        }
    }

    /// Runs `body` with a configured application (the one-shot commands), then shuts it down.
    public static func withApp<T: Sendable>(_ config: ServerConfiguration, _ body: (Application) async throws -> T)
        async throws -> T
    {
        let app = try await TelaahApp.make(config)
        // The one-shot commands (migrate, seed-demo, audit verify, document periode) print their
        // own results; the migrator's and Fluent's info lines are noise there.
        app.logger.logLevel = .warning
        do {
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
