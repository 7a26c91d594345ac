import Fluent
import Foundation
import TelaahCore
import TelaahDemo
import TelaahDocuments
import Testing
import VaporTesting

@testable import TelaahServer

/// What the Inspektorat makes its documents say: its own wording (M0035) and its PD heads'
/// titles (M0034).
@Suite("The Inspektorat's own wording", .serialized)
struct DocumentWordingTests {
    static func text(_ response: TestingHTTPResponse) throws -> String {
        try #require(try OfficePackage(zipped: Data(response.body.readableBytesView)).part("word/document.xml")?.text)
    }

    static func int(_ value: JSONValue?) -> Int? {
        if case .number(let n) = value { Int(n) } else { nil }
    }

    @Test("its own Laporan Kompilasi sentence is printed; a wording that would break the report is refused")
    func ownWording() async throws {
        try await withDemoApp { app, seeded in
            var admin = try await Client.signedIn(app, "admin")
            let (_, list) = try await admin.json(.GET, "/api/v1/admin/templates")
            let kompilasi = try #require(
                list["templates"]?.elements?.first { $0["name"]?.stringValue == "laporan-kompilasi" })
            #expect(kompilasi["custom"] == .bool(false))
            let yaml = try #require(kompilasi["yaml"]?.stringValue)
            let own = yaml.replacingOccurrences(
                of: "Dalam rangka transparansi, dokumen-dokumen SAKIP tersebut sebagian besar telah dipublikasikan",
                with: "Seluruh dokumen SAKIP 51 Perangkat Daerah telah dipublikasikan")
            #expect(own != yaml)

            // A key removed, or a placeholder Telaah does not fill: refused with the reason.
            let broken = own.replacingOccurrences(of: "  tabel4_pengantar:", with: "  tabel4_pengantar_lama:")
            var r = try await admin.send(
                .PUT, "/api/v1/admin/templates/laporan-kompilasi", json: ["yaml": broken, "version": 0])
            #expect(r.status == .unprocessableEntity)
            #expect(r.body.string.contains("bab2.tabel4_pengantar"))
            r = try await admin.send(
                .PUT, "/api/v1/admin/templates/laporan-kompilasi",
                json: ["yaml": own + "catatan: \"{{nama_kepala_dinas}}\"\n", "version": 0])
            #expect(r.status == .unprocessableEntity)
            #expect(r.body.string.contains("nama_kepala_dinas"))
            r = try await admin.send(.PUT, "/api/v1/admin/templates/surat-lain", json: ["yaml": own, "version": 0])
            #expect(r.status == .notFound)

            r = try await admin.send(
                .PUT, "/api/v1/admin/templates/laporan-kompilasi", json: ["yaml": own, "version": 0])
            #expect(r.status == .ok, "\(r.body.string)")
            let report = "/api/v1/periods/\(seeded.periodID)/documents/kompilasi.docx"
            var doc = try Self.text(try await admin.send(.GET, report))
            #expect(doc.contains("Seluruh dokumen SAKIP 51 Perangkat Daerah telah dipublikasikan"))
            // The same version again is a stale write; an empty wording goes back to the built-in.
            r = try await admin.send(
                .PUT, "/api/v1/admin/templates/laporan-kompilasi", json: ["yaml": own, "version": 0])
            #expect(r.status == .conflict)
            r = try await admin.send(
                .PUT, "/api/v1/admin/templates/laporan-kompilasi", json: ["yaml": "", "version": 1])
            #expect(r.status == .ok)
            doc = try Self.text(try await admin.send(.GET, report))
            #expect(doc.contains("sebagian besar telah dipublikasikan"))
            // The report as issued: its number and date from the period page's form.
            doc = try Self.text(
                try await admin.send(.GET, report + "?nomor=700%2F332%2FLHE-AKIP%2FINSPEKTORAT%2F2024&tanggal="))
            #expect(doc.contains("Nomor : 700/332/LHE-AKIP/INSPEKTORAT/2024"))
            let page = try await admin.send(.GET, "/admin/naskah").body.string
            #expect(page.contains("Laporan Kompilasi · naskah bawaan"))
        }
    }

    @Test("an LHE is addressed to the head as the PD list names them: Camat by default, or as set")
    func headTitle() async throws {
        try await withDemoApp { app, seeded in
            var admin = try await Client.signedIn(app, "admin")
            let (_, units) = try await admin.json(.GET, "/api/v1/admin/units")
            let list = units["units"]?.elements ?? []
            let betung = try #require(list.first { $0["name"]?.stringValue == "Kecamatan Betung" })
            #expect(betung["head_title"]?.stringValue == "Camat Betung")
            let bapenda = try #require(list.first { $0["name"]?.stringValue == "Badan Pendapatan Daerah" })
            let id = try #require(bapenda["id"]?.stringValue)
            let r = try await admin.send(
                .PUT, "/api/v1/admin/units/\(id)",
                json: [
                    "name": "Badan Pendapatan Daerah", "cluster": bapenda["cluster"]?.stringValue ?? "",
                    "head_title": "Plt. Kepala Badan Pendapatan Daerah",
                    "version": Self.int(bapenda["version"]) ?? 1,
                ])
            #expect(r.status == .ok, "\(r.body.string)")
            // The letter as it is made now (a signed one is kept as it was signed).
            let government = try #require(try await Government.query(on: app.db).first()?.id)
            let docs = try await PeriodDocuments.load(
                periodID: seeded.periodID, governmentID: government, db: app.db, frameworks: app.frameworks)
            let unit = try #require(docs.units.first { $0.name == "Badan Pendapatan Daerah" })
            let lhe = try docs.lhe(unit, date: DocumentDate(iso: "2024-10-16")!).paragraphTexts
            #expect(lhe.contains("Yth. Sdr. Plt. Kepala Badan Pendapatan Daerah"))
        }
    }
}
