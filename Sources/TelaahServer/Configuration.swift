import Foundation

/// Everything the application needs from outside, passed in explicitly. `telaah serve` builds
/// it from flags and environment variables (see `docs/operations.md`); tests build it directly.
public struct ServerConfiguration: Sendable {
    public enum Database: Sendable, Equatable {
        /// A SQLite file (created on first start).
        case sqliteFile(path: String)
        /// A private in-memory SQLite database (tests).
        case sqliteMemory
        /// A PostgreSQL URL; `searchPath` puts every table in one schema (tests isolate by it).
        case postgres(url: String, searchPath: String? = nil)
    }

    public var database: Database
    public var hostname: String = "127.0.0.1"
    public var port: Int = 8080
    /// Mark the session cookie `Secure` (set when the public address is https).
    public var secureCookies: Bool = false
    /// bcrypt cost for new passwords (12 in production; tests use the minimum, 4).
    public var bcryptCost: Int = 12
    /// Run the migrations on start.
    public var autoMigrate: Bool = true
    /// Sign-in throttling: failures allowed per user name (and per address) in the window.
    public var loginFailuresAllowed: Int = 5
    public var loginWindowSeconds: Double = 15 * 60

    public init(database: Database) {
        self.database = database
    }

    /// The SQLite file under a data folder, created if missing.
    public static func sqlite(dataDirectory: String) throws -> ServerConfiguration {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("telaah.sqlite").path
        return ServerConfiguration(database: .sqliteFile(path: path))
    }

    /// From `DATABASE_URL` when it names PostgreSQL, else the SQLite file under `dataDirectory`.
    public static func fromEnvironment(
        databaseURL: String?, dataDirectory: String
    ) throws -> ServerConfiguration {
        if let url = databaseURL, !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigurationError("DATABASE_URL harus diawali postgres:// (SQLite tanpa DATABASE_URL)")
            }
            return ServerConfiguration(database: .postgres(url: url))
        }
        return try sqlite(dataDirectory: dataDirectory)
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
