import Foundation
import SQLKit
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting
import ZIPFoundation

@testable import TelaahServer

/// Bukti dukung: uploads streamed into the evidence store, hashed and deduplicated, versioned by
/// name, checked by content and size, read under the values' access rules, removed (or hidden),
/// and verified by `telaah audit verify`. On both engines, with the files in the database and in
/// a folder.
@Suite("Evidence", .serialized)
struct EvidenceTests {
    static let setda = "Sekretariat Daerah"
    static let dinkes = "Dinas Kesehatan"
    /// A small PDF (what matters is its first bytes).
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    func upload(
        _ client: inout Client, _ unit: String, target: String, name: String, _ bytes: Data
    ) async throws -> (HTTPStatus, JSONValue) {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        let response = try await client.send(
            .POST, "\(unit)/evidence?target=\(target)&name=\(encoded)", bytes: bytes, contentType: "application/pdf")
        return (response.status, (try? JSONValue.parse(response.body.string)) ?? .null)
    }

    @Test("the PD uploads; the same bytes are stored once, a second upload of the name is version 2")
    func uploadDedupVersion() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            let unit = p.unit(Self.setda)
            var op = try await Client.signedIn(app, "operator.setda")
            let (status, first) = try await upload(&op, unit, target: "1.a.1", name: "Renstra 2024.pdf", Self.pdf)
            #expect(status == .created, "\(first)")
            #expect(first["version"] == .number("1"))
            #expect(first["sha256"]?.stringValue == SHA256Hex.of(Self.pdf))
            #expect(first["size_text"] == .string("\(Self.pdf.count) B"))
            let (again, second) = try await upload(&op, unit, target: "1.a.1", name: "Renstra 2024.pdf", Self.pdf)
            #expect(again == .created)
            #expect(second["version"] == .number("2"))
            let (_, list) = try await op.json(.GET, "\(unit)/evidence")
            let items = list["items"]?.elements ?? []
            #expect(items.count == 2)
            #expect(items.filter { $0["current"] == .bool(true) }.count == 1)
            #expect(list["adds_as"] == .string("unit"))
            #expect(list["limit_text"] == .string("paling besar 50 MB per berkas, 2 GB per PD"))
            // One copy of the bytes, wherever they are kept.
            if app.telaahConfig.evidenceDirectory == nil {
                let blobs = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM evidence_blobs")
                    .first()?.decode(column: "n", as: Int.self)
                #expect(blobs == 2)  // and the demo's own PDF
            }

            // Read back whole, and a range; served inline in a sandbox, never sniffed.
            let url = try #require(first["url"]?.stringValue)
            let whole = try await op.send(.GET, url)
            #expect(whole.status == .ok)
            #expect(Data(buffer: whole.body) == Self.pdf)
            #expect(whole.headers.first(name: .contentType) == "application/pdf")
            #expect(whole.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(whole.headers.first(name: "Content-Security-Policy")?.hasPrefix("sandbox") == true)
            #expect(whole.headers.first(name: .contentDisposition)?.hasPrefix("inline;") == true)
            let part = try await op.send(.GET, url, headers: [("Range", "bytes=0-3")])
            #expect(part.status == .partialContent)
            #expect(part.body.string == "%PDF")
            #expect(part.headers.first(name: .contentRange) == "bytes 0-3/\(Self.pdf.count)")
            let tail = try await op.send(.GET, url, headers: [("Range", "bytes=-6")])
            #expect(tail.body.string == "%%EOF\n")
            let beyond = try await op.send(.GET, url, headers: [("Range", "bytes=9999-")])
            #expect(beyond.status == .rangeNotSatisfiable)

            // The team reads it (it reads the self-assessment); another PD, the Bupati do not.
            var ketua = try await Client.signedIn(app, "ketua.tim")
            #expect(try await ketua.send(.GET, url).status == .ok)
            #expect(try await ketua.json(.GET, "\(unit)/evidence").1["items"]?.elements?.count == 2)
            // …but adds none while the PD is still answering.
            #expect(try await upload(&ketua, unit, target: "1.a", name: "a.pdf", Self.pdf).0 == .forbidden)
            var other = try await Client.signedIn(app, "operator.dinkes")
            #expect(try await other.send(.GET, url).status == .forbidden)
            #expect(try await other.send(.GET, "\(unit)/evidence").status == .forbidden)
            #expect(try await upload(&other, unit, target: "1.a.1", name: "a.pdf", Self.pdf).0 == .forbidden)
            var pimpinan = try await Client.signedIn(app, "pimpinan")
            #expect(try await pimpinan.send(.GET, url).status == .forbidden)

            // A link, and the audit trail in words.
            let (linked, link) = try await op.json(
                .POST, "\(unit)/evidence/links",
                json: ["target": "1.a", "title": "SAKIP daerah", "url": "https://sakip.banyuasinkab.go.id/setda"])
            #expect(linked == .created)
            #expect(link["kind"] == .string("link"))
            let audit = try await (app.db as! any SQLDatabase).raw(
                "SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'evidence_add'"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(audit == 5)  // and the demo's two

            // Removed during the self-assessment: gone.
            let id = try #require(second["id"]?.stringValue)
            #expect(try await op.send(.DELETE, "\(unit)/evidence/\(id)").status == .noContent)
            let after = try await op.json(.GET, "\(unit)/evidence").1["items"]?.elements ?? []
            #expect(after.count == 2)
            #expect(after.contains { $0["name"] == .string("Renstra 2024.pdf") && $0["current"] == .bool(true) })
        }
    }

    @Test("refusals: too large, wrong type, a name that lies, empty, unknown target, bad link, final PD")
    func refusals() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            let unit = p.unit(Self.setda)
            var op = try await Client.signedIn(app, "operator.setda")
            let text = Data("Ini bukan PDF, hanya teks biasa.".utf8)
            let (wrong, why) = try await upload(&op, unit, target: "1.a.1", name: "laporan.pdf", text)
            #expect(wrong == .unsupportedMediaType)
            #expect(why["reason"]?.stringValue?.contains("tidak diterima") == true)
            let (lie, lieWhy) = try await upload(&op, unit, target: "1.a.1", name: "foto.pdf", Self.png)
            #expect(lie == .unsupportedMediaType)
            #expect(lieWhy["reason"]?.stringValue?.contains("PNG") == true)
            #expect(try await upload(&op, unit, target: "1.a.1", name: "foto.png", Self.png).0 == .created)
            #expect(try await upload(&op, unit, target: "1.a.1", name: "kosong.pdf", Data()).0 == .unprocessableEntity)
            #expect(try await upload(&op, unit, target: "9.z.9", name: "a.pdf", Self.pdf).0 == .unprocessableEntity)
            #expect(try await upload(&op, unit, target: "1.a.1", name: "../a.pdf", Self.pdf).0 == .unprocessableEntity)
            #expect(
                try await op.send(
                    .POST, "\(unit)/evidence/links",
                    json: ["target": "1.a", "title": "x", "url": "javascript:alert(1)"]
                ).status == .unprocessableEntity)

            // Limits from the government's settings: 1 MB a file, 3 MB a PD.
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE governments SET evidence_file_limit_mb = 1, evidence_unit_limit_mb = 3"
            ).run()
            var big = Self.pdf
            big.append(Data(count: (1 << 20) + 1))
            let (tooLarge, largeWhy) = try await upload(&op, unit, target: "1.a.2", name: "besar.pdf", big)
            #expect(tooLarge == .payloadTooLarge)
            #expect(largeWhy["reason"] == .string("Berkas melebihi batas 1 MB per berkas."))
            var almost = Self.pdf
            almost.append(Data(count: 1_000_000))
            for i in 0..<3 {
                let (s, _) = try await upload(
                    &op, unit, target: "1.a.2", name: "bagian-\(i).pdf", almost + Data([UInt8(i)]))
                #expect(s == .created)
            }
            let (full, fullWhy) = try await upload(&op, unit, target: "1.a.2", name: "bagian-4.pdf", almost)
            #expect(full == .payloadTooLarge)
            #expect(fullWhy["reason"]?.stringValue?.contains("per Perangkat Daerah") == true)
            // Nothing of a refused upload stays.
            if app.telaahConfig.evidenceDirectory == nil {
                let blobs = try await (app.db as! any SQLDatabase).raw(
                    "SELECT COUNT(DISTINCT upload_id) AS n FROM evidence_chunks"
                ).first()?.decode(column: "n", as: Int.self)
                #expect(blobs == 5)  // the demo's PDF, the PNG and three parts
            }

            // A final PD takes no evidence.
            var tim2 = try await Client.signedIn(app, "anggota.tim2")
            #expect(
                try await upload(&tim2, p.unit("Badan Pendapatan Daerah"), target: "1.a", name: "a.pdf", Self.pdf).0
                    == .forbidden)
        }
    }

    @Test("the team's evidence after the PD's submission is hidden on removal, not deleted")
    func hiddenAfterSubmission() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            let unit = p.unit(Self.dinkes)
            var anggota = try await Client.signedIn(app, "anggota.tim")
            let (status, item) = try await upload(&anggota, unit, target: "2.a", name: "Wawancara.pdf", Self.pdf)
            #expect(status == .created)
            let id = try #require(item["id"]?.stringValue)
            // The PD does not read the team's evidence before the result is released to it.
            var op = try await Client.signedIn(app, "operator.dinkes")
            let own = try await op.json(.GET, "\(unit)/evidence").1["items"]?.elements ?? []
            #expect(own.count == 2 && own.allSatisfy { $0["actor"] == .string("unit") })
            #expect(try await op.send(.GET, "\(unit)/evidence/\(id)").status == .forbidden)
            #expect(try await anggota.send(.DELETE, "\(unit)/evidence/\(id)").status == .noContent)
            let (_, list) = try await anggota.json(.GET, "\(unit)/evidence")
            let hidden = list["items"]?.elements?.first { $0["id"]?.stringValue == id }
            #expect(hidden?["removed_by"] == .string("Anggota Tim 1"))
            #expect(hidden?["may_remove"] == .bool(false))
            #expect(try await anggota.send(.GET, "\(unit)/evidence/\(id)").status == .gone)
        }
    }

    @Test("one ZIP of a PD's evidence, streamed, as each reader reads it; the LKE lists every piece with its hash")
    func zipAndWorkbook() async throws {
        try await withDemoApp { app, seeded in
            let unit = DemoPaths(seeded).unit(Self.dinkes)
            var anggota = try await Client.signedIn(app, "anggota.tim")
            #expect(try await upload(&anggota, unit, target: "2.a", name: "Wawancara.pdf", Self.pdf).0 == .created)
            #expect(try await upload(&anggota, unit, target: "1.a.1", name: "Foto papan.png", Self.png).0 == .created)

            func entries(_ client: inout Client) async throws -> [String: Data] {
                let response = try await client.send(.GET, "\(unit)/documents/bukti-dukung.zip")
                #expect(response.status == .ok)
                #expect(response.headers.first(name: .contentType) == "application/zip")
                #expect(response.headers.first(name: .contentLength) == "\(response.body.readableBytes)")
                let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
                var out: [String: Data] = [:]
                for entry in archive {
                    var bytes = Data()
                    // Extracting checks each entry's CRC-32.
                    _ = try archive.extract(entry) { bytes.append($0) }
                    out[entry.path] = bytes
                }
                return out
            }
            var ketua = try await Client.signedIn(app, "ketua.tim")
            let team = try await entries(&ketua)
            #expect(
                team.keys.sorted() == [
                    "Daftar-Bukti-Dukung.xlsx", "PD/1.a.1/Renstra Dinas Kesehatan 2024-2026.pdf",
                    "Tim/1.a.1/Foto papan.png",
                    "Tim/2.a/Wawancara.pdf",
                ])
            #expect(team["Tim/2.a/Wawancara.pdf"] == Self.pdf)
            #expect(team["Tim/1.a.1/Foto papan.png"] == Self.png)
            let list = try Self.text(ofXLSX: try #require(team["Daftar-Bukti-Dukung.xlsx"]))
            #expect(list.contains(SHA256Hex.of(Self.pdf)) && list.contains("https://"))
            // The PD does not read the team's evidence before the result is released to it.
            var op = try await Client.signedIn(app, "operator.dinkes")
            #expect(
                try await entries(&op).keys.sorted() == [
                    "Daftar-Bukti-Dukung.xlsx", "PD/1.a.1/Renstra Dinas Kesehatan 2024-2026.pdf",
                ])
            var other = try await Client.signedIn(app, "operator.setda")
            #expect(try await other.send(.GET, "\(unit)/documents/bukti-dukung.zip").status == .forbidden)

            // The LKE workbook's "Daftar Evidence": what was entered, with its hash, not the framework's hints.
            let lke = try await ketua.send(.GET, "\(unit)/documents/lke.xlsx")
            let sheets = try Self.text(ofXLSX: Data(buffer: lke.body))
            #expect(sheets.contains("Wawancara.pdf · Tim"))
            #expect(sheets.contains("SHA-256 \(SHA256Hex.of(Self.pdf))"))
            #expect(sheets.contains("Foto papan.png · Tim"))
        }
    }

    @Test("the Admin sets the limits on the settings page's API; the next upload meets them")
    func limitsInSettings() async throws {
        try await withDemoApp { app, seeded in
            var admin = try await Client.signedIn(app, "admin")
            let (_, g) = try await admin.json(.GET, "/api/v1/admin/government")
            let version = try #require(g["version"]?.decimalValue.flatMap { Int($0.plain(places: 0)) })
            func put(_ fileMB: Int?, _ unitMB: Int?, version: Int) async throws -> (HTTPStatus, JSONValue) {
                var body: [String: any Sendable] = ["name": g["name"]?.stringValue ?? "", "version": version]
                if let fileMB { body["evidence_file_limit_mb"] = fileMB }
                if let unitMB { body["evidence_unit_limit_mb"] = unitMB }
                return try await admin.json(.PUT, "/api/v1/admin/government", json: body)
            }
            let (refused, reason) = try await put(10, 4001, version: version)
            #expect(refused == .unprocessableEntity)
            #expect(reason["reason"]?.stringValue == "Batas per PD harus 1 sampai 4000 MB.")
            let (saved, body) = try await put(1, 3, version: version)
            #expect(saved == .ok, "\(body)")
            #expect(body["evidence_file_limit_mb"] == .number("1") && body["evidence_unit_limit_mb"] == .number("3"))
            #expect(
                try await admin.send(.GET, "/admin").body.string.contains("name=\"evidence_unit_limit_mb\" value=\"3\"")
            )

            let unit = DemoPaths(seeded).unit(Self.setda)
            var op = try await Client.signedIn(app, "operator.setda")
            let (_, list) = try await op.json(.GET, "\(unit)/evidence")
            #expect(list["limit_text"] == .string("paling besar 1 MB per berkas, 3 MB per PD"))
            let big = Self.pdf + Data(count: 1 << 20)
            let (tooLarge, _) = try await upload(&op, unit, target: "1.a.1", name: "besar.pdf", big)
            #expect(tooLarge == .payloadTooLarge)
            #expect(try await upload(&op, unit, target: "1.a.1", name: "kecil.pdf", Self.pdf).0 == .created)
        }
    }

    /// Every XML part of an XLSX as one text, to look for what a reader would see.
    static func text(ofXLSX data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        var text = ""
        for entry in archive where entry.path.hasSuffix(".xml") {
            _ = try archive.extract(entry) { text += String(decoding: $0, as: UTF8.self) }
        }
        return text
    }

    @Test("files in a folder: stored once under their hash; a changed file no longer matches it")
    func folderAndVerify() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-bukti-\(UUID().text)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inFolder: (inout ServerConfiguration) -> Void = { $0.evidenceDirectory = folder }
        try await withDemoApp(adjust: inFolder) { app, seeded in
            let unit = DemoPaths(seeded).unit(Self.setda)
            var op = try await Client.signedIn(app, "operator.setda")
            #expect(try await upload(&op, unit, target: "1.a.1", name: "a.pdf", Self.pdf).0 == .created)
            #expect(try await upload(&op, unit, target: "1.b.1", name: "b.pdf", Self.pdf).0 == .created)
            let sha = SHA256Hex.of(Self.pdf)
            let path = "\(folder)/\(sha.prefix(2))/\(sha)"
            #expect(FileManager.default.contents(atPath: path) == Self.pdf)
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/tmp").isEmpty)
            #expect(try await app.evidenceFiles.hash(of: sha) == sha)
            // Someone changes the stored file behind Telaah's back.
            try Data("%PDF-1.4 diubah".utf8).write(to: URL(fileURLWithPath: path))
            #expect(try await app.evidenceFiles.hash(of: sha) != sha)
            let stored = try await app.store.evidenceFiles()
            #expect(stored.count == 2)  // and the demo's
        }
    }
}

extension EvidenceTests {
    @Test("telaah audit verify names an evidence file changed on disk", .enabled(if: TestDatabase.postgresURL == nil))
    func auditVerifyFindsTampering() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-verify-\(UUID().text)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var config = try ServerConfiguration.sqlite(dataDirectory: folder)
        config.bcryptCost = 4
        let app = try await TelaahApp.make(config, environment: .testing)
        app.logger.logLevel = .warning
        do {
            _ = try await Demo.seed(app, password: testPassword, story: testStory)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        let (intact, _, before) = try await ServerRunner.verifyAudit(config, anchorFiles: [])
        guard case .intact = intact else {
            Issue.record("chain: \(intact)")
            return
        }
        #expect(before.checked == 1 && before.problems.isEmpty)
        let stored = try #require(
            FileManager.default.subpathsOfDirectory(atPath: "\(folder)/bukti").first { $0.count > 60 })
        try Data("%PDF-1.4 diubah".utf8).write(to: URL(fileURLWithPath: "\(folder)/bukti/\(stored)"))
        let (_, _, after) = try await ServerRunner.verifyAudit(config, anchorFiles: [])
        #expect(after.problems.count == 1)
        #expect(after.problems.first?.contains("Renstra Dinas Kesehatan 2024-2026.pdf") == true)
    }
}

/// The lower-case hex SHA-256 of some bytes, as Telaah records it.
enum SHA256Hex {
    static func of(_ data: Data) -> String {
        let hasher = HashBox()
        hasher.update(ByteBuffer(data: data))
        return hasher.hex()
    }
}
