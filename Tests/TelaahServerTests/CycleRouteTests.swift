import Foundation
import TelaahCore
import TelaahDemo
import TelaahDocuments
import Testing
import VaporTesting

@testable import TelaahServer

/// One PD through the whole cycle over the API, each move by its role, the others refused.
@Suite("The evaluation cycle over the API", .serialized)
struct CycleRouteTests {
    @Test("Sekretariat Daerah from self-assessment to a signed LHE and a reopened revision 2")
    func wholeCycle() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            let unit = p.unit("Sekretariat Daerah")
            let cycle = "\(unit)/cycle"
            var op = try await Client.signedIn(app, "operator.setda")
            var ketua = try await Client.signedIn(app, "ketua.tim")
            var anggota = try await Client.signedIn(app, "anggota.tim")
            var teknis = try await Client.signedIn(app, "pengendali.teknis")
            var mutu = try await Client.signedIn(app, "pengendali.mutu")
            var inspektur = try await Client.signedIn(app, "inspektur")
            var pimpinan = try await Client.signedIn(app, "pimpinan")

            func move(_ client: inout Client, _ action: String, reason: String? = nil) async throws -> (
                HTTPStatus, JSONValue
            ) {
                // From the stage the PD is at: the stale-page refusal has its own test.
                let at = try await client.json(.GET, cycle).1["stage"]?.stringValue ?? ""
                var body: [String: any Sendable] = ["action": action, "from": at]
                if let reason { body["reason"] = reason }
                let response = try await client.send(.POST, cycle, json: body)
                return (response.status, try JSONValue.parse(response.body.string))
            }
            func stage(_ client: inout Client) async throws -> String? {
                try await client.json(.GET, cycle).1["stage"]?.stringValue
            }

            // Self-assessment: the operator may not send it half done, nor may the team.
            var (status, state) = try await move(&op, "submit_self_assessment")
            #expect(status == .conflict)
            #expect(state["reason"]?.stringValue?.contains("belum lengkap") == true)
            #expect(try await move(&ketua, "submit_self_assessment").0 == .forbidden)
            // The team may not evaluate yet.
            #expect(
                try await ketua.send(.PUT, "\(unit)/grades/1.a", json: ["grade": "B", "version": 0]).status
                    == .forbidden)
            let version = try #require(try await FrameworkVersion.find(seeded.frameworkVersionID, on: app.db))
            let framework = try await app.frameworks.scorer(for: version).framework
            let (_, lke) = try await op.json(.GET, unit)
            let answered = Set(lke["values"]?["unit"]?["answers"]?.members?.map(\.0) ?? [])
            for sub in framework.allSubcomponents {
                for k in sub.criteria where !answered.contains(k.id) {
                    let code = try #require(framework.answerType(k.answerType)?.options.first?.code)
                    let saved = try await op.send(
                        .PUT, "\(unit)/answers/\(k.id)", json: ["actor": "unit", "code": code, "version": 0])
                    #expect(saved.status == .ok, "\(k.id): \(saved.body.string)")
                }
            }
            (status, state) = try await move(&op, "submit_self_assessment")
            #expect(status == .ok, "\(state)")
            #expect(state["stage"] == .string("evaluation"))
            // Locked: the operator's answers no longer change.
            let locked = try await op.send(
                .PUT, "\(unit)/answers/1.a.1", json: ["actor": "unit", "code": "Y", "version": 1])
            #expect(locked.status == .forbidden)
            #expect(locked.body.string.contains("sudah dikirim"))

            // The team evaluates; only the Ketua Tim submits, and only a complete evaluation.
            #expect(try await move(&ketua, "submit_draft").0 == .conflict)
            for sub in framework.allSubcomponents {
                let graded = try await anggota.send(
                    .PUT, "\(unit)/grades/\(sub.id)",
                    json: ["grade": "B", "justification": "uji", "note": "Catatan \(sub.id)", "version": 0])
                #expect(graded.status == .ok, "\(sub.id): \(graded.body.string)")
            }
            #expect(try await move(&anggota, "submit_draft").0 == .forbidden)
            // Not without the rancangan LHE: the Ketua Tim writes each component's kondisi.
            let (noDraft, why) = try await move(&ketua, "submit_draft")
            #expect(noDraft == .conflict)
            #expect(why["reason"]?.stringValue?.contains("kondisi setiap komponen") == true)
            #expect(
                try await anggota.send(.PUT, "\(unit)/conditions/1", json: ["text": "x", "version": 0]).status
                    == .forbidden)
            for c in framework.components {
                let saved = try await ketua.send(
                    .PUT, "\(unit)/conditions/\(c.id)", json: ["text": "Kondisi \(c.title).", "version": 0])
                #expect(saved.status == .ok, "\(c.id): \(saved.body.string)")
            }
            // Nor while a graded sub-component lacks evidence (seed 001 §IV.B.2).
            let (noEvidence, whyEvidence) = try await move(&ketua, "submit_draft")
            #expect(noEvidence == .conflict)
            #expect(whyEvidence["reason"]?.stringValue?.contains("bukti dukung") == true)
            for sub in framework.allSubcomponents {
                let linked = try await anggota.send(
                    .POST, "\(unit)/evidence/links",
                    json: [
                        "target": sub.id, "title": "Kertas kerja \(sub.id)", "url": "https://arsip.example/\(sub.id)",
                    ])
                #expect(linked.status == .created, "\(linked.body.string)")
            }
            // Nor, below A, with no recommendation: the letter would tell the PD nothing to do; the
            // refusal names a sub-component below its maximum.
            let (unrecommended, whyNot) = try await move(&ketua, "submit_draft")
            #expect(unrecommended == .conflict)
            #expect(
                whyNot["reason"]?.stringValue?.contains("Nilai di bawah A") == true
                    && whyNot["reason"]?.stringValue?.contains("1.a ") == true, "\(whyNot)")
            let recommended = try await anggota.send(
                .PUT, "\(unit)/grades/1.a",
                json: [
                    "grade": "B", "justification": "uji", "note": "Catatan 1.a",
                    "recommendation": "Agar Renstra direviu setiap tahun.", "version": 1,
                ])
            #expect(recommended.status == .ok, "\(recommended.body.string)")
            #expect(try await move(&ketua, "submit_draft").1["stage"] == .string("technical_review"))
            #expect(
                try await ketua.send(.PUT, "\(unit)/conditions/1", json: ["text": "y", "version": 1]).status
                    == .forbidden)
            #expect(
                try await ketua.send(.PUT, "\(unit)/grades/1.a", json: ["grade": "BB", "version": 1]).status
                    == .forbidden)

            // A return needs its reason, and is read back.
            #expect(try await move(&teknis, "return_to_team").0 == .unprocessableEntity)
            #expect(try await move(&mutu, "return_to_team", reason: "x").0 == .forbidden)
            #expect(try await move(&teknis, "return_to_team", reason: "Kondisi 2.b belum didukung bukti").0 == .ok)
            #expect(try await stage(&ketua) == "evaluation")
            #expect(try await move(&ketua, "submit_draft").0 == .ok)
            #expect(try await move(&teknis, "approve").1["stage"] == .string("panel"))
            #expect(try await move(&mutu, "approve").1["stage"] == .string("quality_review"))
            // The PD sees nothing of the evaluators' values before the confirmation.
            #expect(try await op.json(.GET, unit).1["values"]?["evaluator"] == nil)
            #expect(try await move(&mutu, "approve").1["stage"] == .string("confirmation"))
            let (_, seen) = try await op.json(.GET, unit)
            #expect(seen["values"]?["evaluator"] != nil)
            #expect(try await op.send(.GET, "\(unit)/documents/lhe.docx").status == .forbidden)

            // Each note is a finding: the PD agrees with every one.
            for sub in framework.allSubcomponents {
                let agreed = try await op.send(
                    .PUT, "\(unit)/responses/\(sub.id)", json: ["agree": true, "version": 0])
                #expect(agreed.status == .ok, "\(agreed.body.string)")
            }
            #expect(try await move(&op, "respond").1["stage"] == .string("responded"))
            #expect(try await move(&ketua, "submit_for_signing").1["stage"] == .string("signing"))
            #expect(try await move(&ketua, "sign").0 == .forbidden)
            #expect(try await pimpinan.send(.GET, "\(unit)/documents/lhe.docx").status == .forbidden)
            #expect(try await move(&inspektur, "sign").1["stage"] == .string("final"))
            let letter = try await op.send(.GET, "\(unit)/documents/lhe.docx")
            #expect(letter.status == .ok)
            let text = try OfficePackage(zipped: Data(letter.body.readableBytesView)).part("word/document.xml")?.text
            #expect(text?.contains("Perencanaan Kinerja: Kondisi Perencanaan Kinerja.") == true)
            #expect(try await pimpinan.send(.GET, "\(unit)/documents/lhe.docx").status == .ok)

            // Reopened with a reason: revision 2, back with the team.
            #expect(try await move(&inspektur, "reopen").0 == .unprocessableEntity)
            (status, state) = try await move(&inspektur, "reopen", reason: "Salah ketik nilai 3.a")
            #expect(status == .ok)
            #expect(state["stage"] == .string("evaluation"))
            #expect(state["revision"] == .number("2"))
            let events = state["events"]?.elements ?? []
            #expect(events.count == 11)
            #expect(
                events.compactMap { $0["reason"]?.stringValue } == [
                    "Kondisi 2.b belum didukung bukti", "Salah ketik nilai 3.a",
                ])
            #expect(events.first?["action_title"] == .string("Kirim ke Inspektorat"))
            // The PD keeps the letter it received, not the new draft.
            #expect(try await op.send(.GET, "\(unit)/documents/lhe.docx?revisi=1").status == .ok)
            #expect(try await op.send(.GET, "\(unit)/documents/lhe.docx").status == .forbidden)
            // So does the Bupati (issue 23: a reopen took it from him).
            #expect(try await pimpinan.send(.GET, "\(unit)/documents/lhe.docx?revisi=1").status == .ok)
            #expect(try await pimpinan.send(.GET, "\(unit)/documents/lhe.docx").status == .forbidden)
            #expect(
                try await op.send(.GET, p.page("Sekretariat Daerah")).body.string.contains(
                    "LHE revisi 1 ditandatangani"))
            #expect(events.first?["at_text"]?.stringValue?.hasSuffix("WIB") == true)

            // Every move is in the audit chain too.
            let (_, history) = try await inspektur.json(.GET, "\(unit)/history")
            #expect((history["entries"]?.elements ?? []).filter { $0["action"] == .string("cycle") }.count == 11)
        }
    }

    @Test("what each account may do now: the actions the page offers")
    func actionsOffered() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var teknis = try await Client.signedIn(app, "pengendali.teknis")
            let (_, state) = try await teknis.json(.GET, "\(p.unit("Dinas Tanaman Pangan dan Hortikultura"))/cycle")
            #expect(state["stage_title"] == .string("Reviu pengendali teknis"))
            #expect(
                state["actions"]?.elements?.compactMap { $0["action"]?.stringValue } == ["approve", "return_to_team"])
            var admin = try await Client.signedIn(app, "admin")
            let (_, dprd) = try await admin.json(.GET, "\(p.unit("Sekretariat Dewan Perwakilan Rakyat Daerah"))/cycle")
            #expect(dprd["stage"] == .string("preparation"))
            #expect(dprd["actions"]?.elements?.compactMap { $0["action"]?.stringValue } == ["start_self_assessment"])
        }
    }
}
