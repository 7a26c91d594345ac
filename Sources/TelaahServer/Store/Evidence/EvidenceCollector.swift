import Foundation
import NIOCore
import SQLKit
import Vapor

/// What one pass of the evidence collector found and did.
package struct EvidenceCollection: Codable, Sendable, Equatable {
    /// Uploads cut off (temporary files, or chunks no blob names) untouched for longer than any
    /// upload takes, and their bytes: swept.
    package var abandonedUploads = 0
    package var abandonedBytes: Int64 = 0
    /// Stored files no record names.
    package var orphans = 0
    /// Of those, the ones first found unreferenced within the backup window: kept until it passes.
    package var waiting = 0
    /// Reclaimed (or, on a dry run, to be reclaimed): unreferenced for longer than the window.
    package var reclaimed = 0
    package var reclaimedBytes: Int64 = 0
    package var dryRun = false
}

/// Reclaims the evidence store's bytes that no record needs, on both stores, in two steps so that
/// neither a record nor a backup loses a file: a stored file no record names is first marked with
/// the time it was found so (`evidence_orphans`), and dropped only by a pass after `grace` (the
/// backup window: a backup lists what is stored after dumping the records, so it holds every file
/// its dump names); a record that names the bytes again lifts the mark in its own transaction.
/// Temporary bytes of cut-off uploads go once untouched for `idle`. `telaah evidence gc` runs it;
/// the server runs it at start and every hour.
package enum EvidenceCollector {
    package static let defaultGrace: TimeInterval = 24 * 3600
    package static let defaultIdle: TimeInterval = 3600

    static func collect(
        _ app: Application, grace: TimeInterval = defaultGrace, idle: TimeInterval = defaultIdle, dryRun: Bool,
        now: Date = Date()
    ) async throws -> EvidenceCollection {
        let files = app.evidenceFiles
        let store = app.store
        var result = EvidenceCollection(dryRun: dryRun)
        (result.abandonedUploads, result.abandonedBytes) = try await files.sweep(
            untouchedSince: now.addingTimeInterval(-idle), dryRun: dryRun)

        let referenced = Set(try await store.evidenceFiles().map(\.sha256))
        let orphans = Set(try await files.stored()).subtracting(referenced)
        let marks = Dictionary(
            try await store.rows("SELECT sha256, seen_at FROM evidence_orphans").map {
                (try $0.required($0.string, "sha256"), try $0.required($0.string, "seen_at"))
            }, uniquingKeysWith: { a, _ in a })
        result.orphans = orphans.count
        let cutoff = UTCTimestamp.string(now.addingTimeInterval(-grace))
        let due = orphans.filter { marks[$0].map { $0 <= cutoff } ?? (grace <= 0) }
        result.waiting = orphans.count - due.count
        if dryRun {
            result.reclaimed = due.count
            for sha in due { result.reclaimedBytes += try await files.size(of: sha) ?? 0 }
            return result
        }
        // Marks of files named again, or gone, are lifted; new orphans are marked from now.
        let stale = Set(marks.keys).subtracting(orphans)
        let fresh = orphans.subtracting(marks.keys)
        let seen = UTCTimestamp.string(now)
        if !stale.isEmpty || !fresh.isEmpty {
            try await store.writeSQL { tx in
                for sha in stale {
                    try await tx.sql.raw("DELETE FROM evidence_orphans WHERE sha256 = \(bind: sha)").run()
                }
                for sha in fresh {
                    try await tx.sql.raw(
                        "INSERT INTO evidence_orphans (sha256, seen_at) VALUES (\(bind: sha), \(bind: seen))"
                    ).run()
                }
            }
        }
        let system = AuditActor.system(app.auditSeal)
        for sha in due.sorted() {
            let freed = try await store.writeSQL { tx -> Int64? in
                // Named again since the inventory: kept, and its mark lifted.
                let named = try await ReadRow.all(
                    "SELECT id FROM evidence WHERE sha256 = \(bind: sha) LIMIT 1", on: tx.sql)
                try await tx.sql.raw("DELETE FROM evidence_orphans WHERE sha256 = \(bind: sha)").run()
                guard named.isEmpty else { return nil }
                let bytes = try await files.reclaim(sha, in: tx)
                try await tx.audit(
                    system, "evidence_reclaim", "evidence_file", sha, before: ["size": String(bytes)],
                    after: String?.none)
                return bytes
            }
            if let freed {
                result.reclaimed += 1
                result.reclaimedBytes += freed
            }
        }
        return result
    }
}
