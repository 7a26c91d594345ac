import Fluent
import SQLKit

/// The audit chain keyed: every entry's hash becomes an HMAC-SHA-256 under the deployment's key
/// (`AuditSeal`), kept outside the database, and the head records the key's fingerprint. Entries
/// written before are checked against their plain SHA-256 chain first (a broken chain stops the
/// migration), then sealed anew in order; no one outside held their hashes yet.
struct M0014KeyedAudit: AsyncMigration {
    let seal: AuditSeal

    var name: String { "M0014KeyedAudit" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_head").field("key_id", .string).update()
        try await Self.reseal(on: db, seal: seal)
    }

    /// Checks the plain chain, then seals every entry and the head with `seal`, in one transaction.
    static func reseal(on db: any Database, seal: AuditSeal) async throws {
        try await db.transaction { db in
            let sql = db as! any SQLDatabase
            let rows = try await sql.select().column("*").from("audit_entries").orderBy("seq")
                .all(decoding: AuditLog.Row.self)
            var previousPlain = AuditLog.genesisHash
            var previousKeyed = AuditLog.genesisHash
            for (i, row) in rows.enumerated() {
                var entry = row.entry
                guard entry.seq == Int64(i + 1), entry.prevHash == previousPlain,
                    entry.recomputedHash(nil) == entry.hash
                else {
                    throw ConfigurationError(
                        "M0014: rantai audit rusak pada entri \(i + 1) sebelum dikunci; periksa dengan cadangan")
                }
                previousPlain = entry.hash
                entry.prevHash = previousKeyed
                entry.hash = entry.recomputedHash(seal)
                previousKeyed = entry.hash
                try await sql.update("audit_entries").set("prev_hash", to: SQLBind(entry.prevHash))
                    .set("hash", to: SQLBind(entry.hash)).where("seq", .equal, SQLBind(entry.seq)).run()
            }
            try await sql.update("audit_head").set("hash", to: SQLBind(previousKeyed))
                .set("key_id", to: SQLBind(seal.id)).where("id", .equal, SQLBind(1)).run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_head").deleteField("key_id").update()
    }
}
