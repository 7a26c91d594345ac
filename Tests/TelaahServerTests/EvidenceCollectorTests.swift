import Foundation
import SQLKit
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// The evidence collector on both stores: bytes no record names are reclaimed only after the
/// backup window, never while a record names them; cut-off uploads are swept.
@Suite("Reclaiming evidence bytes", .serialized)
struct EvidenceCollectorTests {
    enum Kind: String, CaseIterable, Sendable { case folder, database }

    /// The demo with its evidence in a folder of its own (removed afterwards) or in the database.
    static func withStore(_ kind: Kind, _ body: (Application, Demo.Seeded, String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-gc-\(UUID().text)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inFolder: (inout ServerConfiguration) -> Void = { if kind == .folder { $0.evidenceDirectory = folder } }
        try await withDemoApp(adjust: inFolder) { app, seeded in
            try await body(app, seeded, folder)
        }
    }

    static func pdf(_ text: String) -> Data { Data("%PDF-1.4\n% \(text)\n%%EOF\n".utf8) }

    static func upload(_ client: inout Client, _ unit: String, name: String, _ bytes: Data) async throws -> String {
        let response = try await client.send(
            .POST, "\(unit)/evidence?target=1.a.1&name=\(name)", bytes: bytes, contentType: "application/pdf")
        #expect(response.status == .created, "\(response.body.string)")
        return try #require(try JSONValue.parse(response.body.string)["id"]?.stringValue)
    }

    @Test(
        "a deleted record's file: marked, kept through the window, then reclaimed; the others kept",
        arguments: Kind.allCases)
    func reclaim(_ kind: Kind) async throws {
        try await Self.withStore(kind) { app, seeded, _ in
            let unit = DemoPaths(seeded).unit(EvidenceTests.setda)
            var op = try await Client.signedIn(app, "operator.setda")
            let kept = Self.pdf("tetap")
            let gone = Self.pdf("dihapus")
            _ = try await Self.upload(&op, unit, name: "Renstra.pdf", kept)
            let id = try await Self.upload(&op, unit, name: "Renja.pdf", gone)
            #expect(try await op.send(.DELETE, "\(unit)/evidence/\(id)").status == .noContent)
            let sha = SHA256Hex.of(gone)
            #expect(try await app.evidenceFiles.size(of: sha) != nil)  // the record is gone, its bytes not yet

            let now = Date()
            let look = try await EvidenceCollector.collect(app, dryRun: true, now: now)
            #expect(look.orphans == 1 && look.reclaimed == 0 && look.waiting == 1 && look.dryRun)
            let first = try await EvidenceCollector.collect(app, dryRun: false, now: now)
            #expect(first.orphans == 1 && first.reclaimed == 0 && first.waiting == 1)
            #expect(try await app.evidenceFiles.size(of: sha) != nil)
            // Within the window (a backup taken meanwhile still finds it), then past it.
            let within = try await EvidenceCollector.collect(app, dryRun: false, now: now.addingTimeInterval(3600))
            #expect(within.reclaimed == 0)
            let after = try await EvidenceCollector.collect(app, dryRun: false, now: now.addingTimeInterval(25 * 3600))
            #expect(after.reclaimed == 1 && after.reclaimedBytes == Int64(gone.count))
            #expect(try await app.evidenceFiles.size(of: sha) == nil)
            #expect(try await app.evidenceFiles.hash(of: SHA256Hex.of(kept)) == SHA256Hex.of(kept))
            // Every file a record names is still there (what `audit verify` checks), and the reclaim is audited.
            for file in try await app.store.evidenceFiles() {
                #expect(try await app.evidenceFiles.size(of: file.sha256) != nil, "\(file.name)")
            }
            let audited = try await app.store.rows(
                "SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'evidence_reclaim'"
            ).first?.int("n")
            #expect(audited == 1)
            let nothing = try await EvidenceCollector.collect(
                app, dryRun: false, now: now.addingTimeInterval(26 * 3600))
            #expect(nothing == EvidenceCollection())
        }
    }

    @Test(
        "the same bytes uploaded again lift the mark: never reclaimed while a record names them",
        arguments: Kind.allCases)
    func namedAgain(_ kind: Kind) async throws {
        try await Self.withStore(kind) { app, seeded, _ in
            let unit = DemoPaths(seeded).unit(EvidenceTests.setda)
            var op = try await Client.signedIn(app, "operator.setda")
            let bytes = Self.pdf("lagi")
            let id = try await Self.upload(&op, unit, name: "LKjIP.pdf", bytes)
            #expect(try await op.send(.DELETE, "\(unit)/evidence/\(id)").status == .noContent)
            let now = Date()
            #expect(try await EvidenceCollector.collect(app, dryRun: false, now: now).waiting == 1)
            _ = try await Self.upload(&op, unit, name: "LKjIP 2023.pdf", bytes)
            let marks = try await app.store.rows("SELECT sha256 FROM evidence_orphans")
            #expect(marks.isEmpty)
            let later = try await EvidenceCollector.collect(app, dryRun: false, now: now.addingTimeInterval(48 * 3600))
            #expect(later.orphans == 0 && later.reclaimed == 0)
            #expect(try await app.evidenceFiles.hash(of: SHA256Hex.of(bytes)) == SHA256Hex.of(bytes))
        }
    }

    @Test(
        "an upload cut off leaves bytes that are swept once untouched for an hour, not before", arguments: Kind.allCases
    )
    func abandoned(_ kind: Kind) async throws {
        try await Self.withStore(kind) { app, _, folder in
            // An upload begun and never finished (the connection or the process died).
            let upload = try await app.evidenceFiles.begin()
            try await upload.write(ByteBuffer(data: Data(repeating: 7, count: 3 << 20)))
            let now = Date()
            let fresh = try await EvidenceCollector.collect(app, dryRun: false, now: now)
            #expect(fresh.abandonedUploads == 0)  // still being written, as far as anyone knows
            let look = try await EvidenceCollector.collect(app, dryRun: true, now: now.addingTimeInterval(2 * 3600))
            #expect(look.abandonedUploads == 1)
            let swept = try await EvidenceCollector.collect(app, dryRun: false, now: now.addingTimeInterval(2 * 3600))
            #expect(swept.abandonedUploads == 1)
            #expect(swept.abandonedBytes == 3 << 20)
            if kind == .folder {
                #expect(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/tmp").isEmpty)
            } else {
                let unnamed = try await app.store.rows(
                    """
                    SELECT n FROM evidence_chunks c
                    WHERE NOT EXISTS (SELECT 1 FROM evidence_blobs b WHERE b.upload_id = c.upload_id)
                    """)
                #expect(unnamed.isEmpty)
            }
            #expect(
                try await EvidenceCollector.collect(app, dryRun: false, now: now.addingTimeInterval(3 * 3600))
                    .abandonedUploads == 0)
            await upload.abort()  // the handle the dead upload would have left to the process
        }
    }

    @Test("a name of dots alone is refused as a name")
    func dots() async throws {
        try await withDemoApp { app, seeded in
            let unit = DemoPaths(seeded).unit(EvidenceTests.setda)
            var op = try await Client.signedIn(app, "operator.setda")
            for name in [".", "..", "%2E%2E"] {
                let response = try await op.send(
                    .POST, "\(unit)/evidence?target=1.a.1&name=\(name)", bytes: Self.pdf("x"),
                    contentType: "application/pdf")
                #expect(response.status == .unprocessableEntity, "\(name)")
                #expect(response.body.string.contains("bukan nama berkas"), "\(name): \(response.body.string)")
            }
        }
    }
}
