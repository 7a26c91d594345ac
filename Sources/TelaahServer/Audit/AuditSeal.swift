import Vapor

/// The secret that keys the audit chain (HMAC-SHA-256). It lives outside the database (a file
/// readable by its owner only, or given by the operator), so whoever can write the database but
/// not read this key cannot rewrite an entry and recompute the chain unnoticed.
public struct AuditSeal: Sendable {
    let key: SymmetricKey
    /// A fingerprint of the key (not the key), kept in the database so that a process started
    /// with another key refuses to write into the chain.
    public let id: String

    public init(secret: Data) {
        key = SymmetricKey(data: secret)
        var material = Data("telaah-audit-key-id:".utf8)
        material.append(secret)
        id = String(SHA256.hash(data: material).hexString.prefix(16))
    }

    /// A fresh key (in-memory databases and tests).
    public static func random() -> AuditSeal { AuditSeal(secret: Data([UInt8].random(count: 32))) }

    /// The key in `path` (64 hexadecimal digits), created with mode 0600 when missing and `create`.
    public static func loadOrCreate(path: String, create: Bool = true) throws -> AuditSeal {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard hex.count == 64, let bytes = Data(hexadecimal: hex) else {
                throw ConfigurationError("\(path): kunci audit harus 64 digit heksadesimal")
            }
            return AuditSeal(secret: bytes)
        }
        guard create else { throw ConfigurationError("\(path): berkas kunci audit tidak ada") }
        let secret = Data([UInt8].random(count: 32))
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            // Another process created it meanwhile: use that one.
            if errno == EEXIST { return try loadOrCreate(path: path, create: false) }
            throw ConfigurationError("\(path): kunci audit tidak dapat dibuat (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        let line = Array((secret.hexString + "\n").utf8)
        guard write(fd, line, line.count) == line.count, fsync(fd) == 0 else {
            throw ConfigurationError("\(path): kunci audit tidak dapat ditulis")
        }
        return AuditSeal(secret: secret)
    }

    /// The keyed hash of `text`, lowercase hex.
    func mac(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)).hexString
    }
}

extension Data {
    /// Bytes from hexadecimal text; nil when it is not.
    init?(hexadecimal text: String) {
        var bytes: [UInt8] = []
        var high: UInt8?
        for c in text.utf8 {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        guard high == nil else { return nil }
        self.init(bytes)
    }
}
