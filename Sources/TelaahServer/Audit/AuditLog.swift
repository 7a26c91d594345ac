import Fluent
import SQLKit
import Vapor

/// One entry of the audit log.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var seq: Int64
    public var governmentID: UUID?
    /// ISO 8601 with milliseconds, UTC.
    public var at: String
    public var userID: UUID?
    public var username: String?
    /// `create`, `update`, `delete`, `login`, …
    public var action: String
    /// `answer`, `grade`, `unit`, `user`, …
    public var objectType: String
    public var objectID: String
    public var before: String?
    public var after: String?
    public var prevHash: String
    public var hash: String

    /// The HMAC-SHA-256 (keyed by `seal`) of the entry's fields and the previous hash, as
    /// lowercase hex. Fields are joined with the unit separator (U+001F), which none of them can
    /// contain unescaped. Before M0014 the chain used plain SHA-256 (`keyed: false`).
    static func computeHash(
        seq: Int64, governmentID: UUID?, at: String, userID: UUID?, username: String?, action: String,
        objectType: String, objectID: String, before: String?, after: String?, prevHash: String,
        seal: AuditSeal?
    ) -> String {
        let fields = [
            String(seq), governmentID?.uuidString ?? "", at, userID?.uuidString ?? "", username ?? "", action,
            objectType, objectID, before ?? "\u{0}", after ?? "\u{0}", prevHash,
        ]
        let text = fields.joined(separator: "\u{1F}")
        guard let seal else { return SHA256.hash(data: Data(text.utf8)).hexString }
        return seal.mac(text)
    }

    func recomputedHash(_ seal: AuditSeal?) -> String {
        Self.computeHash(
            seq: seq, governmentID: governmentID, at: at, userID: userID, username: username, action: action,
            objectType: objectType, objectID: objectID, before: before, after: after, prevHash: prevHash,
            seal: seal)
    }
}

/// Who made a change, for the audit log, with the key their entries are sealed with.
public struct AuditActor: Sendable {
    public var governmentID: UUID?
    public var userID: UUID?
    public var username: String?
    public var seal: AuditSeal

    public init(governmentID: UUID?, userID: UUID?, username: String?, seal: AuditSeal) {
        self.governmentID = governmentID
        self.userID = userID
        self.username = username
        self.seal = seal
    }

    /// Changes made by Telaah itself (setup, the demo, migrations).
    public static func system(_ seal: AuditSeal, governmentID: UUID? = nil) -> AuditActor {
        AuditActor(governmentID: governmentID, userID: nil, username: "sistem", seal: seal)
    }
}

/// The append-only audit log, chained by a key (`AuditSeal`). Every change appends an entry (who,
/// when, what, before, after) in the same transaction as the change; each entry carries the keyed
/// hash of the previous one, so `telaah audit verify` finds any entry altered, removed or cut off.
public enum AuditLog {
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Appends an entry on its own chain state: for a transaction with a single change (setup,
    /// the demo, sign-in). Call inside the transaction that makes the change.
    public static func append(
        on db: any Database, actor: AuditActor, action: String, objectType: String, objectID: String,
        before: (some Encodable & Sendable)?, after: (some Encodable & Sendable)?
    ) async throws {
        let sql = db as! any SQLDatabase
        let chain = AuditChain()
        try await chain.append(
            on: sql, actor: actor, action: action, objectType: objectType, objectID: objectID, before: before,
            after: after)
        try await chain.finish(on: sql)
    }

    /// Appends an entry without before/after values (sign-in, sign-out).
    public static func note(
        on db: any Database, actor: AuditActor, action: String, objectType: String, objectID: String
    ) async throws {
        try await append(
            on: db, actor: actor, action: action, objectType: objectType, objectID: objectID,
            before: String?.none, after: String?.none)
    }

    struct Head: Decodable, Equatable {
        var seq: Int64
        var hash: String
    }

    /// The chain's head as stored: the last entry's number and hash.
    static func head(on db: any Database) async throws -> Head? {
        try await (db as! any SQLDatabase).raw("SELECT seq, hash FROM audit_head WHERE id = 1").first(
            decoding: Head.self)
    }

    /// Refuses a key other than the one the chain is sealed with (M0014 records its fingerprint):
    /// entries sealed with two keys would read as altered.
    static func checkKey(_ seal: AuditSeal, on db: any Database) async throws {
        let row = try await (db as! any SQLDatabase).raw("SELECT key_id FROM audit_head WHERE id = 1")
            .first(decoding: KeyRow.self)
        guard let stored = row?.key_id, stored != seal.id else { return }
        throw ConfigurationError(
            "kunci audit (sidik \(seal.id)) bukan kunci rantai audit basis data ini (sidik \(stored)): "
                + "pakai berkas kunci yang sama (TELAAH_AUDIT_KEY_FILE) di setiap proses")
    }

    struct KeyRow: Decodable { var key_id: String? }

    /// What `verify` found.
    public enum Verification: Sendable, Equatable {
        case intact(entries: Int, anchors: Int)
        /// The first entry that does not fit the chain, and why.
        case broken(seq: Int64, reason: String)
    }

    /// Walks the chain from the first entry and names the first entry altered, removed or
    /// sealed without the key; then checks every head recorded outside the database
    /// (`anchors`): a chain cut back and its head moved back is found there.
    public static func verify(on db: any Database, seal: AuditSeal, anchors: [AuditAnchor.Line] = [], batch: Int = 5000)
        async throws -> Verification
    {
        let sql = db as! any SQLDatabase
        if let stored = try await sql.raw("SELECT key_id FROM audit_head WHERE id = 1").first(decoding: KeyRow.self)?
            .key_id, stored != seal.id
        {
            return .broken(
                seq: 0, reason: "kunci yang diberikan (sidik \(seal.id)) bukan kunci rantai ini (sidik \(stored))")
        }
        let anchored = Dictionary(anchors.map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        var previous = genesisHash
        var expectedSeq: Int64 = 1
        var count = 0
        while true {
            let rows = try await sql.select().column("*").from("audit_entries")
                .where("seq", .greaterThanOrEqual, SQLBind(expectedSeq))
                .orderBy("seq").limit(batch)
                .all(decoding: Row.self)
            for row in rows {
                let entry = row.entry
                if entry.seq != expectedSeq {
                    return .broken(seq: expectedSeq, reason: "entri \(expectedSeq) hilang (berikutnya \(entry.seq))")
                }
                if entry.prevHash != previous {
                    return .broken(
                        seq: entry.seq,
                        reason: "hash entri sebelumnya tidak cocok: entri \(entry.seq - 1) diubah atau dihapus")
                }
                if entry.recomputedHash(seal) != entry.hash {
                    return .broken(seq: entry.seq, reason: "isi entri \(entry.seq) diubah (atau disegel tanpa kunci)")
                }
                if let anchor = anchored[entry.seq], anchor.hash != entry.hash {
                    return .broken(
                        seq: entry.seq,
                        reason:
                            "entri \(entry.seq) berbeda dari kepala yang tercatat di \(anchor.source): rantai ditulis ulang"
                    )
                }
                previous = entry.hash
                expectedSeq += 1
                count += 1
            }
            if rows.count < batch { break }
        }
        let head = try await Self.head(on: db)
        if let head, head.seq != expectedSeq - 1 || head.hash != previous {
            return .broken(seq: expectedSeq, reason: "entri terakhir (\(head.seq)) hilang")
        }
        if let beyond = anchors.filter({ $0.seq >= expectedSeq }).max(by: { $0.seq < $1.seq }) {
            return .broken(
                seq: expectedSeq,
                reason:
                    "rantai berakhir pada entri \(expectedSeq - 1), tetapi \(beyond.source) mencatat entri \(beyond.seq): "
                    + "ekor rantai dipotong")
        }
        return .intact(entries: count, anchors: anchors.count)
    }

    /// The entries about one object, oldest first.
    public static func history(on db: any Database, objectType: String, objectIDs: [String]) async throws
        -> [AuditEntry]
    {
        guard !objectIDs.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        return try await sql.select().column("*").from("audit_entries")
            .where("object_type", .equal, SQLBind(objectType))
            .where("object_id", .in, SQLBind.group(objectIDs))
            .orderBy("seq")
            .all(decoding: Row.self)
            .map(\.entry)
    }

    struct Row: Decodable {
        var seq: Int64
        var government_id: UUID?
        var at: String
        var user_id: UUID?
        var username: String?
        var action: String
        var object_type: String
        var object_id: String
        var before_json: String?
        var after_json: String?
        var prev_hash: String
        var hash: String

        var entry: AuditEntry {
            AuditEntry(
                seq: seq, governmentID: government_id, at: at, userID: user_id, username: username, action: action,
                objectType: object_type, objectID: object_id, before: before_json, after: after_json,
                prevHash: prev_hash, hash: hash)
        }
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

}

/// The end of the audit chain within one write transaction, which may hold several changes (the
/// SQLite writer's group commit): the head is read and locked at the first entry, kept here as
/// entries are appended, and written once by `finish`. The transaction owns it explicitly.
final class AuditChain: @unchecked Sendable {  // used by one transaction, one step after the other
    private var head: AuditLog.Head?
    private var appended = false

    /// Reads and locks the head now, before the transaction locks anything else: transactions of
    /// several processes then take their locks in one order and never deadlock.
    func lockHead(on sql: any SQLDatabase) async throws {
        if head == nil { head = try await Self.readHead(on: sql) }
    }

    private static func readHead(on sql: any SQLDatabase) async throws -> AuditLog.Head {
        // Locked on PostgreSQL so appends from several processes form one chain; SQLite has one writer.
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard
            let row = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1\(unsafeRaw: lock)")
                .first(decoding: AuditLog.Head.self)
        else { throw Abort(.internalServerError, reason: "audit_head hilang") }
        return row
    }

    /// Appends an entry after the last one of this transaction.
    func append(
        on sql: any SQLDatabase, actor: AuditActor, action: String, objectType: String, objectID: String,
        before: (some Encodable & Sendable)?, after: (some Encodable & Sendable)?
    ) async throws {
        let current: AuditLog.Head
        if let head { current = head } else { current = try await Self.readHead(on: sql) }
        let seq = current.seq + 1
        let at = UTCTimestamp.string(Date())
        let beforeJSON = try before.map(AuditLog.encode)
        let afterJSON = try after.map(AuditLog.encode)
        let hash = AuditEntry.computeHash(
            seq: seq, governmentID: actor.governmentID, at: at, userID: actor.userID, username: actor.username,
            action: action, objectType: objectType, objectID: objectID, before: beforeJSON, after: afterJSON,
            prevHash: current.hash, seal: actor.seal)
        let row: [any Encodable & Sendable] = [
            seq, actor.governmentID, at, actor.userID, actor.username, action, objectType, objectID, beforeJSON,
            afterJSON, current.hash, hash,
        ]
        // On PostgreSQL the entries wait for `finish`, which writes them in one statement: a group
        // commit's writes then cost one round trip each, not two. SQLite keeps one statement.
        if sql.dialect.name == "postgresql" {
            pending.append(row)
        } else {
            try await Self.insert([row], on: sql)
        }
        head = AuditLog.Head(seq: seq, hash: hash)
        appended = true
    }

    private var pending: [[any Encodable & Sendable]] = []

    private static func insert(_ rows: [[any Encodable & Sendable]], on sql: any SQLDatabase) async throws {
        var insert = sql.insert(into: "audit_entries").columns(
            "seq", "government_id", "at", "user_id", "username", "action", "object_type", "object_id", "before_json",
            "after_json", "prev_hash", "hash")
        for row in rows { insert = insert.values(row.map { SQLBind($0) }) }
        try await insert.run()
    }

    /// Writes the head once, if entries were appended. Call before the transaction commits.
    func finish(on sql: any SQLDatabase) async throws {
        guard appended, let head else { return }
        if !pending.isEmpty {
            try await Self.insert(pending, on: sql)
            pending = []
        }
        try await sql.update("audit_head").set("seq", to: SQLBind(head.seq)).set("hash", to: SQLBind(head.hash))
            .where("id", .equal, SQLBind(1)).run()
    }
}
