import Crypto
import Fluent
import Foundation
import SQLKit
import TelaahCore
import TelaahDemo
import TelaahDocuments
import Testing
import VaporTesting

@testable import TelaahServer

/// The LHE as signed: made once at signing, numbered from the government's register, and the
/// same bytes at every download after, whatever changes around it.
@Suite("The signed LHE", .serialized)
struct SealedLHETests {
    static let bpkad = "Badan Pengelola Keuangan dan Aset Daerah"

    @Test("a KONSEP before signing; at signing the next register number; the same bytes ever after")
    func sealed() async throws {
        try await withDemoApp { app, seeded in
            let unit = DemoPaths(seeded).unit(Self.bpkad)
            var inspektur = try await Client.signedIn(app, "inspektur")
            let register = try await (app.db as! any SQLDatabase).raw(
                "SELECT COALESCE(MAX(sequence), 0) AS n FROM lhe_documents"
            ).first()
            let last = try #require(try register?.decode(column: "n", as: Int.self))
            #expect(last == 2)  // the demo's two final PD

            let draft = try await inspektur.send(.GET, "\(unit)/documents/lhe.docx")
            #expect(draft.status == .ok)
            #expect(draft.headers.first(name: .contentDisposition)?.contains("LHE-KONSEP-") == true)
            let draftParts = try OfficePackage(zipped: Data(draft.body.readableBytesView))
            #expect(draftParts.part("word/header1.xml")?.text.contains("KONSEP") == true)
            let draftText = try #require(draftParts.part("word/document.xml")?.text)
            #expect(draftText.contains("(belum ditandatangani)"))
            #expect(draftText.contains("700/…/LHE-AKIP"))

            let signed = try await inspektur.send(.POST, "\(unit)/cycle", json: ["action": "sign", "from": "signing"])
            #expect(signed.status == .ok, "\(signed.body.string)")
            let first = try await inspektur.send(.GET, "\(unit)/documents/lhe.docx")
            #expect(first.headers.first(name: .contentDisposition)?.contains("\"LHE-Badan-Pengelola-") == true)
            let bytes = Data(first.body.readableBytesView)
            let parts = try OfficePackage(zipped: bytes)
            #expect(parts.part("word/header1.xml") == nil)
            let text = try #require(parts.part("word/document.xml")?.text)
            #expect(text.contains("700/\(last + 1)/LHE-AKIP/INSPEKTORAT/2024"))
            #expect(!text.contains("belum ditandatangani"))
            let footer = parts.parts.filter { $0.path.hasPrefix("word/footer") }.map(\.text).joined()
            #expect(footer.contains("Ditandatangani secara elektronik oleh"))
            #expect(footer.contains("revisi 1"))

            // The Inspektur's name changes afterwards: the signed letter does not.
            let inspekturUser = try #require(
                try await User.query(on: app.db).filter(\.$username == "inspektur").first())
            inspekturUser.displayName = "Nama Baru"
            try await inspekturUser.save(on: app.db)
            var pd = try await Client.signedIn(app, "admin")
            let again = try await pd.send(.GET, "\(unit)/documents/lhe.docx?tanggal=2030-01-01")
            #expect(Data(again.body.readableBytesView) == bytes)

            // The period's ZIP holds the same bytes, and the audit chain their hash.
            let zip = try await pd.send(.GET, "/api/v1/periods/\(seeded.periodID)/documents/lhe.zip")
            let inZip = try OfficePackage(zipped: Data(zip.body.readableBytesView)).parts
                .first { $0.path.hasSuffix("Badan-Pengelola-Keuangan-dan-Aset-Daerah.docx") }
            #expect(inZip?.data == bytes)
            let (_, history) = try await inspektur.json(.GET, "\(unit)/history")
            let seal = (history["entries"]?.elements ?? []).first { $0["action"] == .string("seal") }
            #expect(seal?["after"]?.stringValue?.contains(SHA256.hash(data: bytes).hexString) == true)

            // Reopened: a KONSEP of revision 2, revision 1 still as signed; no revision 2 yet.
            let reopened = try await inspektur.send(
                .POST, "\(unit)/cycle", json: ["action": "reopen", "from": "final", "reason": "Salah ketik nilai 3.a"])
            #expect(reopened.status == .ok)
            let konsep = try await inspektur.send(.GET, "\(unit)/documents/lhe.docx")
            #expect(konsep.headers.first(name: .contentDisposition)?.contains("LHE-KONSEP-") == true)
            let page = try await inspektur.send(.GET, DemoPaths(seeded).page(Self.bpkad)).body.string
            #expect(page.contains("LHE (Word, konsep)"))
            #expect(page.contains("LHE revisi 1 ditandatangani, nomor 700/\(last + 1)/LHE-AKIP/INSPEKTORAT/2024"))
            #expect(page.contains("lhe.docx?revisi=1"))
            let kept = try await inspektur.send(.GET, "\(unit)/documents/lhe.docx?revisi=1")
            #expect(Data(kept.body.readableBytesView) == bytes)
            #expect(try await inspektur.send(.GET, "\(unit)/documents/lhe.docx?revisi=2").status == .notFound)
            // The Bupati keeps reading revision 1 as signed, and finds it on the period page; the
            // draft of revision 2 is not his.
            var pimpinan = try await Client.signedIn(app, "pimpinan")
            let his = try await pimpinan.send(.GET, "\(unit)/documents/lhe.docx?revisi=1")
            #expect(his.status == .ok)
            #expect(Data(his.body.readableBytesView) == bytes)
            #expect(try await pimpinan.send(.GET, "\(unit)/documents/lhe.docx").status == .forbidden)
            #expect(try await pimpinan.send(.GET, DemoPaths(seeded).page(Self.bpkad)).status == .forbidden)
            let period = try await pimpinan.send(.GET, "/periode/\(seeded.periodID)").body.string
            #expect(period.contains("documents/lhe.docx?revisi=1\" class=\"signed-lhe\""))
            // Another PD's operator never reads it.
            var op = try await Client.signedIn(app, "operator.dinkes")
            #expect(try await op.send(.GET, "\(unit)/documents/lhe.docx?revisi=1").status == .forbidden)
        }
    }

    @Test("the PDF is made once after signing and kept", .enabled(if: PDFConverter.executable() != nil))
    func pdfKept() async throws {
        try await withDemoApp { app, seeded in
            let unit = DemoPaths(seeded).unit(Self.bpkad)
            var inspektur = try await Client.signedIn(app, "inspektur")
            #expect(
                try await inspektur.send(.POST, "\(unit)/cycle", json: ["action": "sign", "from": "signing"]).status
                    == .ok)
            await app.backgroundJobs.idle()
            let first = try await inspektur.send(.GET, "\(unit)/documents/lhe.pdf")
            #expect(first.status == .ok)
            #expect(Array(first.body.readableBytesView.prefix(4)) == Array("%PDF".utf8))
            let second = try await inspektur.send(.GET, "\(unit)/documents/lhe.pdf")
            #expect(Array(second.body.readableBytesView) == Array(first.body.readableBytesView))
        }
    }
}
