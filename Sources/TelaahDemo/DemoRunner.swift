import Foundation
import Prometheus
import TelaahCore
import TelaahDocuments
import TelaahServer
import Vapor

/// What the command line does with the demo: load it into an empty database, serve it, and the
/// document benchmark on it.
public enum DemoRunner {
    /// Seeds the demo into an empty database (migrating it first); refuses a database that
    /// already holds a government.
    public static func seed(
        _ config: ServerConfiguration, password: String?, complete: Bool, story: Demo.Story = Demo.Story()
    ) async throws -> (Demo.Seeded, completed: Int) {
        var config = config
        config.autoMigrate = true
        return try await ServerRunner.withApp(config) { app in
            guard try await ServerRunner.isEmpty(app) else {
                throw ConfigurationError("basis data tidak kosong: demo hanya dimuat ke basis data baru")
            }
            let seeded = try await Demo.seed(app, password: password, history: true, story: story)
            return (seeded, complete ? try await Demo.completeEvaluations(app, story: story) : 0)
        }
    }

    /// `telaah serve --demo`: serves a fresh demo database, handing its accounts to `announce`.
    public static func serve(
        _ config: ServerConfiguration, registry: PrometheusCollectorRegistry, password: String?,
        announce: @escaping @Sendable ([Demo.Account]) -> Void
    ) async throws {
        try await ServerRunner.serve(config, registry: registry) { app in
            announce(try await Demo.seed(app, password: password, history: true).accounts)
        }
    }

    /// The document benchmark: the demo in an in-memory SQLite database, every PD's evaluation
    /// completed, then the whole period's documents made `runs` times (see `docs/performance.md`).
    public static func benchDocuments(runs: Int, date: DocumentDate) async throws -> [PeriodExport] {
        var config = ServerConfiguration(database: .sqliteMemory)
        config.bcryptCost = 4
        return try await ServerRunner.withApp(config) { app in
            _ = try await Demo.seed(app, password: "bench-dokumen-1")
            try await Demo.completeEvaluations(app)
            var exports: [PeriodExport] = []
            for _ in 0..<runs {
                exports.append(
                    try await PeriodExport.make(
                        db: app.db, frameworks: app.frameworks, government: nil, year: nil, date: date,
                        progress: { _, _, _ in }))
            }
            return exports
        }
    }
}
