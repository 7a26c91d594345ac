import Fluent
import Foundation
import SQLKit
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting
import ZIPFoundation

@testable import TelaahServer

/// Tindak lanjut of a signed LHE: its recommendations as records, the PD's rencana aksi, the
/// Inspektorat's return and acceptance, realisasi with evidence, verification and the rate.
@Suite("Follow-up", .serialized)
struct FollowUpTests {
    static let bapenda = "Badan Pendapatan Daerah"

    /// Bapenda's operator, added by the Admin (the demo has none), signed in.
    static func bapendaOperator(_ app: Application, _ admin: inout Client, _ seeded: Demo.Seeded) async throws -> Client
    {
        let (created, _) = try await admin.json(
            .POST, "/api/v1/admin/users",
            json: [
                "username": "operator.bapenda", "display_name": "Operator Bapenda", "password": testPassword,
                "role": "operator", "unit_id": seeded.units[bapenda]!.uuidString,
            ])
        #expect(created == .created)
        return try await Client.signedIn(app, "operator.bapenda")
    }

    /// The text of a DOCX's body.
    static func documentXML(_ body: ByteBuffer) throws -> String {
        let archive = try Archive(data: Data(buffer: body), accessMode: .read)
        var xml = ""
        for entry in archive where entry.path == "word/document.xml" {
            _ = try archive.extract(entry) { xml += String(decoding: $0, as: UTF8.self) }
        }
        return xml
    }

    @Test("a signed LHE's recommendations become the register; a later revision keeps the ones it repeats")
    func register() async throws {
        try await withDemoApp { app, seeded in
            let unit = DemoPaths(seeded).unit(Self.bapenda)
            var admin = try await Client.signedIn(app, "admin")
            let (status, body) = try await admin.json(.GET, "\(unit)/follow-up")
            #expect(status == .ok)
            let recs = body["recommendations"]?.elements ?? []
            // Bapenda's grades below BB (1.c, 2.b, 2.c, 4.b, 4.c) each carry one recommendation.
            #expect(
                recs.compactMap { $0["code"]?.stringValue } == [
                    "2024-1.c-1", "2024-2.b-1", "2024-2.c-1", "2024-4.b-1", "2024-4.c-1",
                ])
            #expect(recs.allSatisfy { $0["status"] == .string("belum_ditindaklanjuti") })
            #expect(body["tally"]?["rate_text"] == .string("0,00%"))
            #expect(body["state"] == .string("draft"))
            #expect(body["may_verify"] == .bool(true) && body["may_plan"] == .bool(false))

            // Re-sealing with one recommendation rewritten: the others keep their codes.
            let db = app.db as! any SQLDatabase
            let assessment = try #require(
                try await db.raw(
                    "SELECT a.id FROM assessments a WHERE a.unit_id = \(bind: seeded.units[Self.bapenda]!)"
                ).first()?.decode(column: "id", as: UUID.self))
            let inspektur = try #require(try await User.query(on: app.db).filter(\.$username == "inspektur").first())
            let signer = SignedIn(
                id: try inspektur.requireID(), governmentID: inspektur.$government.id, role: .inspektur, unitID: nil,
                username: "inspektur", displayName: inspektur.displayName, seal: app.auditSeal)
            try await app.store.write { tx in
                try await Store.syncRecommendations(
                    assessmentID: assessment, lheID: UUID(), revision: 2, year: 2024,
                    texts: [
                        ("1.c", recs[0]["text"]?.stringValue ?? ""),
                        ("2.b", "Menyusun SOP pengumpulan data kinerja."),
                        ("2.c", recs[2]["text"]?.stringValue ?? ""), ("4.b", recs[3]["text"]?.stringValue ?? ""),
                        ("4.c", recs[4]["text"]?.stringValue ?? ""),
                    ], by: signer, in: tx)
            }
            let after = try await admin.json(.GET, "\(unit)/follow-up").1["recommendations"]?.elements ?? []
            #expect(
                after.compactMap { $0["code"]?.stringValue } == [
                    "2024-1.c-1", "2024-2.c-1", "2024-4.b-1", "2024-4.c-1", "2024-2.b-2",
                ])
        }
    }

    @Test(
        "the PD plans, is returned, plans again; the Inspektorat accepts; realisasi with evidence; verification and the rate"
    )
    func wholeFollowUp() async throws {
        try await withDemoApp { app, seeded in
            let unit = DemoPaths(seeded).unit(Self.bapenda)
            var admin = try await Client.signedIn(app, "admin")
            var op = try await Self.bapendaOperator(app, &admin, seeded)
            var ketua = try await Client.signedIn(app, "anggota.tim2")  // Ketua Tim 2
            var other = try await Client.signedIn(app, "operator.dinkes")
            var pimpinan = try await Client.signedIn(app, "pimpinan")

            let (_, start) = try await op.json(.GET, "\(unit)/follow-up")
            #expect(start["may_plan"] == .bool(true) && start["may_verify"] == .bool(false))
            let recs = start["recommendations"]?.elements ?? []
            let ids = recs.compactMap { $0["id"]?.stringValue }
            #expect(ids.count == 5)

            func plan(_ client: inout Client, _ rec: String, _ action: String, due: String = "2025-03-31") async throws
                -> (HTTPStatus, JSONValue)
            {
                try await client.json(
                    .POST, "\(unit)/follow-up/actions",
                    json: [
                        "recommendation_id": rec, "action": action, "person_name": "Rina Marlina, S.E.",
                        "person_position": "Kepala Subbagian Perencanaan", "person_phone": "0812 7000 1234", "due": due,
                    ])
            }
            // Refusals: a bad date, another PD's operator, the team writing the PD's plan.
            #expect(try await plan(&op, ids[0], "Menyusun SOP", due: "2025-02-30").0 == .unprocessableEntity)
            #expect(try await plan(&other, ids[0], "x").0 == .forbidden)
            #expect(try await plan(&ketua, ids[0], "x").0 == .forbidden)
            #expect(try await other.send(.GET, "\(unit)/follow-up").status == .forbidden)
            // Not submitted while a recommendation has no action.
            #expect(try await plan(&op, ids[0], "Menyusun SOP pemantauan triwulanan").0 == .created)
            let early = try await op.send(.POST, "\(unit)/follow-up/plan", json: ["move": "submit"])
            #expect(early.status == .conflict)
            #expect(early.body.string.contains("(1 dari 5)"))
            for id in ids.dropFirst() { #expect(try await plan(&op, id, "Melengkapi dokumen").0 == .created) }
            let (headSaved, _) = try await op.json(
                .PUT, "\(unit)/follow-up/head",
                json: [
                    "head_name": "Drs. H. Ahmad Syarif, M.Si.", "head_rank": "Pembina Utama Muda (IV/c)",
                    "head_nip": "19670403 199403 1 015",
                ])
            #expect(headSaved == .ok)
            #expect(try await op.json(.POST, "\(unit)/follow-up/plan", json: ["move": "submit"]).0 == .ok)
            // Locked once sent.
            #expect(try await plan(&op, ids[0], "Tambahan").0 == .conflict)

            // Returned with a note (a note is required), then sent again.
            #expect(try await ketua.send(.POST, "\(unit)/follow-up/plan", json: ["move": "return"]).status == .conflict)
            let (returned, back) = try await ketua.json(
                .POST, "\(unit)/follow-up/plan", json: ["move": "return", "note": "Batas waktu 4.c terlalu jauh."])
            #expect(returned == .ok)
            #expect(back["state"] == .string("returned") && back["note"] == .string("Batas waktu 4.c terlalu jauh."))
            let (_, mine) = try await op.json(.GET, "\(unit)/follow-up")
            #expect(mine["note"] == .string("Batas waktu 4.c terlalu jauh.") && mine["may_plan"] == .bool(true))
            #expect(try await op.json(.POST, "\(unit)/follow-up/plan", json: ["move": "submit"]).0 == .ok)
            #expect(try await op.send(.POST, "\(unit)/follow-up/plan", json: ["move": "accept"]).status == .forbidden)
            #expect(try await ketua.json(.POST, "\(unit)/follow-up/plan", json: ["move": "accept"]).0 == .ok)

            // Realisasi with evidence on the recommendation.
            let (_, accepted) = try await op.json(.GET, "\(unit)/follow-up")
            #expect(accepted["may_report"] == .bool(true))
            let first = try #require(accepted["recommendations"]?.elements?.first)
            let action = try #require(first["actions"]?.elements?.first?["id"]?.stringValue)
            let code = try #require(first["code"]?.stringValue)
            let (reported, _) = try await op.json(
                .POST, "\(unit)/follow-up/actions/\(action)/reports",
                json: ["text": "SOP pemantauan ditetapkan dengan Keputusan Kepala Badan."])
            #expect(reported == .created)
            let pdf = Data("%PDF-1.4\nSK SOP\n%%EOF\n".utf8)
            let upload = try await op.send(
                .POST, "\(unit)/evidence?target=\(code)&name=SK-SOP.pdf", bytes: pdf, contentType: "application/pdf")
            #expect(upload.status == .created, "\(upload.body.string)")
            // Not on a criterion any more: the self-assessment is long closed.
            #expect(
                try await op.send(
                    .POST, "\(unit)/evidence?target=1.a.1&name=a.pdf", bytes: pdf, contentType: "application/pdf"
                ).status == .forbidden)
            #expect(try await op.json(.GET, "\(unit)/evidence").1["adds_follow_up"] == .bool(true))

            // Verification: reasons where needed; the rate leaves out what cannot be followed up.
            let recs2 = accepted["recommendations"]?.elements ?? []
            func verify(_ i: Int, _ verdict: String, _ reason: String?) async throws -> HTTPStatus {
                var body: [String: any Sendable] = ["verdict": verdict, "version": 1]
                if let reason { body["reason"] = reason }
                return try await ketua.send(
                    .PUT, "\(unit)/follow-up/recommendations/\(recs2[i]["id"]!.stringValue!)", json: body
                ).status
            }
            #expect(try await verify(0, "sesuai", nil) == .ok)
            #expect(try await verify(1, "tidak_dapat", nil) == .unprocessableEntity)
            #expect(try await verify(1, "tidak_dapat", "Kewenangan dialihkan ke provinsi.") == .ok)
            #expect(try await verify(2, "belum_sesuai", "Dokumen belum ditandatangani.") == .ok)
            #expect(try await verify(0, "sesuai", nil) == .conflict)  // version 1 is stale now
            #expect(
                try await op.send(
                    .PUT, "\(unit)/follow-up/recommendations/\(recs2[3]["id"]!.stringValue!)",
                    json: ["verdict": "sesuai", "version": 1]
                ).status == .forbidden)
            let (_, end) = try await pimpinan.json(.GET, "\(unit)/follow-up")
            #expect(end["tally"]?["compliant"] == .number("1") && end["tally"]?["impossible"] == .number("1"))
            #expect(end["tally"]?["rate_text"] == .string("20,00%"))  // 1 of all 5, as BPK counts it
            #expect(end["tally"]?["impossible_text"] == .string("20,00%"))
            let statuses = end["recommendations"]?.elements?.compactMap { $0["status"]?.stringValue } ?? []
            #expect(statuses == ["sesuai", "tidak_dapat", "dalam_proses", "dalam_proses", "dalam_proses"])
            // A closed recommendation takes no more realisasi.
            let closed = try await op.send(
                .POST, "\(unit)/follow-up/actions/\(action)/reports", json: ["text": "Tambahan"])
            #expect(closed.status == .conflict)

            // Every step is in the audit chain.
            let actions = try await (app.db as! any SQLDatabase).raw(
                "SELECT action FROM audit_entries WHERE action IN ('plan_action', 'plan_submit', 'plan_return', 'plan_accept', 'realisasi', 'verify', 'unit_head')"
            ).all().map { try $0.decode(column: "action", as: String.self) }
            #expect(
                Set(actions) == [
                    "plan_action", "plan_submit", "plan_return", "plan_accept", "realisasi", "verify", "unit_head",
                ])

            // The rencana aksi form is made from the data: the actions and the head who signs.
            let docx = try await op.send(.GET, "\(unit)/documents/rencana-aksi.docx")
            #expect(docx.status == .ok)
            let xml = try Self.documentXML(docx.body)
            #expect(xml.contains("Menyusun SOP pemantauan triwulanan (penanggung jawab: Rina Marlina, S.E."))
            #expect(xml.contains("batas waktu 31 Maret 2025"))
            #expect(xml.contains("19670403 199403 1 015"))

            // The period's list with its filters, the matrix, and the overdue actions on the home pages.
            // (The demo's other final PD, Dinas Perpustakaan dan Kearsipan, has its own register.)
            let list = "/periode/\(seeded.periodID)/tindak-lanjut"
            let all = try await admin.send(.GET, list).body.string
            let total = try #require(
                all.firstRange(of: " rekomendasi.</p>").map { all[..<$0.lowerBound] }?.split(separator: " ").last)
            #expect(all.contains("Badan Pendapatan Daerah") && all.contains("Dinas Perpustakaan dan Kearsipan"))
            #expect(all.contains("1 dari 5 rekomendasi sesuai, tingkat tindak lanjut 20,00%"))
            let bapendaList = list + "?pd=\(seeded.units[Self.bapenda]!)"
            #expect(try await admin.send(.GET, bapendaList).body.string.contains("5 dari \(total) rekomendasi."))
            #expect(
                try await admin.send(.GET, bapendaList + "&status=sesuai").body.string.contains(
                    "1 dari \(total) rekomendasi."))
            #expect(
                try await admin.send(.GET, bapendaList + "&lewat=1").body.string.contains(
                    "3 dari \(total) rekomendasi."))
            #expect(try await other.send(.GET, list).body.string.contains("Belum ada LHE bertanda tangan"))
            let matrix = try await pimpinan.send(
                .GET, "/api/v1/periods/\(seeded.periodID)/documents/tindak-lanjut.xlsx")
            #expect(matrix.status == .ok)
            let sheets = try EvidenceTests.text(ofXLSX: Data(buffer: matrix.body))
            #expect(sheets.contains("MATRIKS TINDAK LANJUT REKOMENDASI HASIL EVALUASI AKIP TAHUN 2024"))
            #expect(!sheets.contains("2024-4.c-1") && sheets.contains("Kewenangan dialihkan ke provinsi."))
            let home = "/periode/\(seeded.periodID)"
            let opHome = try await op.send(.GET, home).body.string
            // One line for the PD, however many of its actions are late; no register code.
            let late = "3 rencana aksi lewat batas waktu pada 1 Perangkat Daerah"
            #expect(opHome.contains(late) && !opHome.contains("2024-2.c-1"))
            #expect(try await ketua.send(.GET, home).body.string.contains(late))
            #expect(try await admin.send(.GET, home).body.string.contains(late))
            #expect(!(try await other.send(.GET, home).body.string.contains("lewat batas waktu pada")))
            // A verdict closes one: the next view counts two (the list is kept per follow-up state).
            let (closed2, _) = try await ketua.json(
                .PUT, "\(unit)/follow-up/recommendations/\(recs2[2]["id"]!.stringValue!)",
                json: ["verdict": "sesuai", "version": 2])
            #expect(closed2 == .ok)
            #expect(
                try await admin.send(.GET, home).body.string.contains(
                    "2 rencana aksi lewat batas waktu pada 1 Perangkat Daerah"))

            // The page: the PD reads it; another PD's operator does not.
            let page = try await op.send(
                .GET, "/periode/\(seeded.periodID)/pd/\(seeded.units[Self.bapenda]!)/tindak-lanjut")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains(">2024-1.c-1") && page.body.string.contains("Laporkan realisasi"))
            #expect(page.body.string.contains("Rekomendasi 1 · 1.c "))
        }
    }

    @Test(
        "over two periods: 2024's follow-up at 2025's criterion 4.c.1 with the answer its rate suggests, and in the 2025 LHE"
    )
    func nextYear() async throws {
        try await withDemoApp { app, seeded in
            let bapenda = seeded.units[Self.bapenda]!
            let unit = DemoPaths(seeded).unit(Self.bapenda)
            var admin = try await Client.signedIn(app, "admin")
            let (_, state) = try await admin.json(.GET, "\(unit)/follow-up")
            let first = try #require(state["recommendations"]?.elements?.first?["id"]?.stringValue)
            let (verified, _) = try await admin.json(
                .PUT, "\(unit)/follow-up/recommendations/\(first)", json: ["verdict": "sesuai", "version": 1])
            #expect(verified == .ok)
            let (created, period) = try await admin.json(
                .POST, "/api/v1/admin/periods",
                json: [
                    "name": "Evaluasi AKIP 2025", "evaluation_year": 2025,
                    "framework_version_id": seeded.frameworkVersionID!.uuidString,
                ])
            #expect(created == .created, "\(period)")
            let next = try #require(period["id"]?.stringValue.flatMap(UUID.init(uuidString:)))

            // The LKE page of 2025 shows 2024's register at 4.c.1: 1 of 5 followed up, 20 % → d.
            let page = try await admin.send(.GET, "/periode/\(next)/pd/\(bapenda)").body.string
            #expect(page.contains("Tindak lanjut rekomendasi LHE 2024"))
            #expect(page.contains("1 dari 5 rekomendasi sesuai, tingkat tindak lanjut 20,00%"))
            #expect(
                !page.contains("2024-1.c-1") && page.contains("1.c: ") && page.contains("data-criteria=\"4.c.1 4.c.2\"")
            )
            #expect(page.contains("Saran jawaban 4.c.2 menurut tingkat tindak lanjut: d"))
            // Not in 2024 itself, and not for a PD with no earlier LHE.
            #expect(
                !(try await admin.send(.GET, "/periode/\(seeded.periodID)/pd/\(bapenda)").body.string.contains(
                    "prior-follow-up")))
            let dinkes = seeded.units["Dinas Kesehatan"]!
            #expect(
                !(try await admin.send(.GET, "/periode/\(next)/pd/\(dinkes)").body.string.contains("prior-follow-up")))

            // The 2025 LHE reports it (item 3 of its uraian).
            let docs = try await PeriodDocuments.load(
                periodID: next, governmentID: try #require(try await Government.query(on: app.db).first()?.id),
                db: app.db,
                frameworks: app.frameworks)
            let prior = try #require(docs.unit(bapenda)?.priorFollowUp)
            #expect(
                prior.year == 2024 && prior.summary.hasPrefix("1 telah ditindaklanjuti sesuai rekomendasi")
                    && prior.summary.hasSuffix("tingkat tindak lanjut 20,00%"), "\(prior.summary)")
            // Each recommendation as its text and its status in words: no register code.
            #expect(prior.items.count == 5 && prior.items[0].status == "Sesuai")
            #expect(!prior.items.contains { $0.recommendation.text.contains("2024-") })
            #expect(docs.unit(dinkes)?.priorFollowUp == nil)
        }
    }

    @Test(
        "the Inspektorat prepares the Bupati's letter with an acting signer; the pimpinan signs it; the PD reads it as kept"
    )
    func letter() async throws {
        try await withDemoApp { app, seeded in
            let unit = DemoPaths(seeded).unit(Self.bapenda)
            var admin = try await Client.signedIn(app, "admin")
            var pimpinan = try await Client.signedIn(app, "pimpinan")
            var ketua = try await Client.signedIn(app, "anggota.tim2")  // Ketua Tim 2
            let letter: [String: any Sendable] = [
                "number": "700/080/KE/2024.R", "date": "2024-11-21", "signer_kind": "pt",
                "signer_name": "Sudono, S.T., M.T.", "signer_position": "Wakil Bupati",
            ]
            var noPosition = letter
            noPosition["signer_position"] = ""
            #expect(
                try await admin.send(.PUT, "\(unit)/follow-up/letter", json: noPosition).status == .unprocessableEntity)
            #expect(try await pimpinan.send(.PUT, "\(unit)/follow-up/letter", json: letter).status == .forbidden)
            // Nothing to sign before the Inspektorat prepares it.
            #expect(try await pimpinan.send(.POST, "\(unit)/follow-up/letter/sign").status == .conflict)
            let (prepared, body) = try await ketua.json(.PUT, "\(unit)/follow-up/letter", json: letter)
            #expect(prepared == .ok, "\(body)")
            #expect(body["letter"]?["signer_title"] == .string("Pt. BUPATI BANYUASIN / Wakil Bupati"))
            #expect(body["letter"]?["signed"] == .bool(false))
            #expect(try await admin.send(.POST, "\(unit)/follow-up/letter/sign").status == .forbidden)
            let (_, seen) = try await pimpinan.json(.GET, "\(unit)/follow-up")
            #expect(seen["may_sign_letter"] == .bool(true) && seen["may_prepare_letter"] == .bool(false))
            let (signed, after) = try await pimpinan.json(.POST, "\(unit)/follow-up/letter/sign")
            #expect(signed == .ok, "\(after)")
            #expect(
                after["letter"]?["signed"] == .bool(true)
                    && after["letter"]?["signed_by"] == .string("Bupati Banyuasin"))
            // Kept as signed: the same bytes every time, for the PD too; no change, no second signature.
            var op = try await Self.bapendaOperator(app, &admin, seeded)
            let first = try await op.send(.GET, "\(unit)/documents/tindak-lanjut.docx")
            #expect(first.status == .ok)
            let again = try await pimpinan.send(.GET, "\(unit)/documents/tindak-lanjut.docx")
            #expect(Array(first.body.readableBytesView) == Array(again.body.readableBytesView))
            let xml = try Self.documentXML(first.body)
            #expect(
                xml.contains("Pt. BUPATI BANYUASIN") && xml.contains("Wakil Bupati")
                    && xml.contains("SUDONO, S.T., M.T."))
            #expect(xml.contains("700/080/KE/2024.R") && xml.contains("21 November 2024"))
            #expect(try await admin.send(.PUT, "\(unit)/follow-up/letter", json: letter).status == .conflict)
            #expect(try await pimpinan.send(.POST, "\(unit)/follow-up/letter/sign").status == .conflict)
            let audit = try await (app.db as! any SQLDatabase).raw(
                "SELECT COUNT(*) AS n FROM audit_entries WHERE action IN ('letter_prepare', 'letter_sign')"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(audit == 2)
        }
    }
}
