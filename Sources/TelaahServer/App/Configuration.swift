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
    /// Sign-in throttling: attempts allowed per user name from one address in the window.
    public var loginFailuresAllowed: Int = 5
    /// Failed attempts allowed from one address over all names in the window (password spraying).
    public var loginFailuresPerAddress: Int = 100
    public var loginWindowSeconds: Double = 15 * 60
    /// Proxies whose `X-Forwarded-For` names the client (a TLS proxy in front of Telaah).
    public var trustedProxies: [IPRange] = []
    /// The key of the audit chain, kept outside the database (`AuditSeal`).
    public var auditSeal: AuditSeal
    /// The append-only file where the audit chain's head is written as it moves, outside the
    /// database; nil: none (in-memory databases).
    public var auditAnchorPath: String?
    /// PostgreSQL connections each event loop keeps (`TELAAH_PG_CONNECTIONS_PER_LOOP`): a page
    /// view's queries wait for a free one; more than the cores can serve only queue in PostgreSQL.
    public var postgresConnectionsPerLoop: Int = 3
    /// The folder of the evidence files (`DiskEvidenceFiles`); nil: in the database itself
    /// (`DatabaseEvidenceFiles`, the default on PostgreSQL, so that every process shares them).
    public var evidenceDirectory: String?

    public init(database: Database, auditSeal: AuditSeal = .random()) {
        self.database = database
        self.auditSeal = auditSeal
    }

    /// The SQLite file under a data folder, created if missing, with the audit key and head log
    /// beside it. The folder is readable by its owner only, as are the files.
    public static func sqlite(dataDirectory: String) throws -> ServerConfiguration {
        let dir = try privateDirectory(dataDirectory)
        let path = dir.appendingPathComponent("telaah.sqlite").path
        // SQLite gives its -wal and -shm files the database file's permissions.
        try createPrivateFile(path)
        var config = ServerConfiguration(
            database: .sqliteFile(path: path),
            auditSeal: try AuditSeal.loadOrCreate(path: dir.appendingPathComponent("audit.key").path))
        config.auditAnchorPath = dir.appendingPathComponent("audit-anchor.log").path
        config.evidenceDirectory = dir.appendingPathComponent("bukti").path
        return config
    }

    /// From `DATABASE_URL` when it names PostgreSQL, else the SQLite file under `dataDirectory`.
    /// The audit key comes from `auditKeyFile` (or `TELAAH_AUDIT_KEY_FILE`), else from
    /// `audit.key` in the data folder, created there on first start.
    public static func fromEnvironment(
        databaseURL: String?, dataDirectory: String, auditKeyFile: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServerConfiguration {
        let keyFile = auditKeyFile ?? environment["TELAAH_AUDIT_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        var config: ServerConfiguration
        if let url = databaseURL, !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigurationError("DATABASE_URL harus diawali postgres:// (SQLite tanpa DATABASE_URL)")
            }
            let dir = try privateDirectory(dataDirectory)
            config = ServerConfiguration(
                database: .postgres(url: url),
                auditSeal: try AuditSeal.loadOrCreate(
                    path: keyFile ?? dir.appendingPathComponent("audit.key").path, create: keyFile == nil))
            config.auditAnchorPath = dir.appendingPathComponent("audit-anchor.log").path
        } else {
            config = try sqlite(dataDirectory: dataDirectory)
            if let keyFile { config.auditSeal = try AuditSeal.loadOrCreate(path: keyFile, create: false) }
        }
        if let anchor = environment["TELAAH_AUDIT_ANCHOR"], !anchor.isEmpty { config.auditAnchorPath = anchor }
        // A folder shared by every process (NFS, a mounted volume) instead of the database.
        if let folder = environment["TELAAH_EVIDENCE_DIR"], !folder.isEmpty {
            config.evidenceDirectory = try privateDirectory(folder).path
        }
        if let text = environment["TELAAH_PG_CONNECTIONS_PER_LOOP"], !text.isEmpty {
            guard let n = Int(text), (1...64).contains(n) else {
                throw ConfigurationError("TELAAH_PG_CONNECTIONS_PER_LOOP harus bilangan 1 sampai 64")
            }
            config.postgresConnectionsPerLoop = n
        }
        if let proxies = environment["TELAAH_TRUSTED_PROXIES"], !proxies.isEmpty {
            config.trustedProxies = try IPRange.list(proxies)
        }
        return config
    }

    /// The folder, created if missing, readable by its owner only (0700).
    static func privateDirectory(_ path: String) throws -> URL {
        let fm = FileManager.default
        try fm.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        return URL(fileURLWithPath: path)
    }

    /// Creates `path` empty with mode 0600 if it does not exist yet.
    static func createPrivateFile(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw ConfigurationError("\(path): tidak dapat dibuat (\(String(cString: strerror(errno))))")
        }
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// An address or a CIDR range (`10.0.0.0/8`, `::1`), for the trusted proxies.
public struct IPRange: Sendable, Equatable {
    let bytes: [UInt8]
    let prefix: Int

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = parts.first, let bytes = Self.parse(address) else { return nil }
        let bits = bytes.count * 8
        let prefix = parts.count == 2 ? Int(parts[1]) : bits
        guard let prefix, (0...bits).contains(prefix) else { return nil }
        self.bytes = bytes
        self.prefix = prefix
    }

    /// A comma-separated list; a fault names the entry.
    public static func list(_ text: String) throws -> [IPRange] {
        try text.split(separator: ",").map {
            guard let range = IPRange(String($0)) else {
                throw ConfigurationError("TELAAH_TRUSTED_PROXIES: \"\($0)\" bukan alamat IP atau rentang CIDR")
            }
            return range
        }
    }

    public func contains(_ address: String) -> Bool {
        guard let other = Self.parse(address), other.count == bytes.count else { return false }
        var left = prefix
        for (a, b) in zip(bytes, other) {
            if left <= 0 { return true }
            let mask: UInt8 = left >= 8 ? 0xFF : ~(0xFF >> UInt8(left))
            if a & mask != b & mask { return false }
            left -= 8
        }
        return true
    }

    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
