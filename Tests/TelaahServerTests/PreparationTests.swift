import Foundation
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// The preparation: a team's surat tugas, without which no self-assessment opens, and the PD's
/// pra-evaluasi profile.
@Suite("Surat tugas and pra-evaluasi", .serialized)
struct PreparationTests {
    static let dprd = "Sekretariat Dewan Perwakilan Rakyat Daerah"

    @Test("a team's surat tugas: its number and date; no self-assessment opens without it")
    func suratTugas() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var admin = try await Client.signedIn(app, "admin")
            let (_, created) = try await admin.json(
                .POST, "/api/v1/admin/periods/\(p.period)/teams", json: ["name": "Tim 3"])
            let team = try #require(created["id"]?.stringValue)
            let assigned = try await admin.send(
                .PUT, "/api/v1/admin/periods/\(p.period)/assignments/\(seeded.units[Self.dprd]!)",
                json: ["team_id": team])
            #expect(assigned.status == .noContent)
            let early = try await admin.send(
                .POST, "\(p.unit(Self.dprd))/cycle", json: ["action": "start_self_assessment", "from": "preparation"])
            #expect(early.status == .conflict)
            #expect(early.body.string.contains("surat tugasnya"))

            let url = "/api/v1/admin/teams/\(team)"
            let bad = try await admin.send(
                .PUT, url,
                json: ["name": "Tim 3", "letter_number": "700/1/ST", "letter_date": "1-7-2024", "version": 1])
            #expect(bad.status == .unprocessableEntity)
            let saved = try await admin.send(
                .PUT, url,
                json: [
                    "name": "Tim 3", "letter_number": "700.1.2/033/ST/INSP/2024", "letter_date": "2024-07-02",
                    "version": 1,
                ])
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(
                try await admin.send(.PUT, url, json: ["name": "Tim 3", "letter_number": "x", "version": 1]).status
                    == .conflict)
            let (_, teams) = try await admin.json(.GET, "/api/v1/admin/periods/\(p.period)/teams")
            let tim3 = teams["teams"]?.elements?.first { $0["id"]?.stringValue == team }
            #expect(tim3?["letter_number"] == .string("700.1.2/033/ST/INSP/2024"))
            #expect(tim3?["letter_date"] == .string("2024-07-02"))
            let page = try await admin.send(.GET, "/periode/\(p.period)").body.string
            #expect(page.contains("Tim 3 (ST 700.1.2/033/ST/INSP/2024)"))
            let start = try await admin.send(
                .POST, "\(p.unit(Self.dprd))/cycle", json: ["action": "start_self_assessment", "from": "preparation"])
            #expect(start.status == .ok, "\(start.body.string)")
        }
    }

    @Test("the PD's operator fills its pra-evaluasi profile before sending; the team reads it")
    func preEvaluation() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            let url = "\(p.unit("Sekretariat Daerah"))/pre-evaluation"
            var op = try await Client.signedIn(app, "operator.setda")
            let (status, empty) = try await op.json(.GET, url)
            #expect(status == .ok)
            #expect(empty["items"]?.elements?.count == 12)
            #expect(empty["items"]?.elements?.first?["title"] == .string("Peraturan perundangan yang mendasari"))
            #expect(empty["editable"] == .bool(true))
            #expect(empty["filled"] == .number("0"))
            let (saved, body) = try await op.json(
                .PUT, url,
                json: [
                    "a": "Peraturan Bupati Banyuasin Nomor 128 Tahun 2022", "b": "Melayani Bupati dan DPRD",
                    "c": " ", "version": 0,
                ])
            #expect(saved == .ok)
            #expect(body["filled"] == .number("2"))
            #expect(body["updated_by"] == .string("Operator Sekretariat Daerah"))
            #expect(try await op.send(.PUT, url, json: ["a": "x", "version": 0]).status == .conflict)

            var ketua = try await Client.signedIn(app, "ketua.tim")
            let (_, read) = try await ketua.json(.GET, url)
            #expect(read["editable"] == .bool(false))
            #expect(
                read["items"]?.elements?.first?["text"] == .string("Peraturan Bupati Banyuasin Nomor 128 Tahun 2022"))
            #expect(try await ketua.send(.PUT, url, json: ["a": "x", "version": 1]).status == .forbidden)
            let page = try await ketua.send(.GET, p.page("Sekretariat Daerah") + "/pra-evaluasi").body.string
            #expect(page.contains("2 dari 12 butir terisi"))
            #expect(page.contains("Melayani Bupati dan DPRD"))
            var pimpinan = try await Client.signedIn(app, "pimpinan")
            #expect(try await pimpinan.send(.GET, url).status == .forbidden)
            // Once the self-assessment is sent, the profile locks with it.
            var dinkes = try await Client.signedIn(app, "operator.dinkes")
            let locked = try await dinkes.send(
                .PUT, "\(p.unit("Dinas Kesehatan"))/pre-evaluation", json: ["a": "x", "version": 0])
            #expect(locked.status == .forbidden)
            #expect(locked.body.string.contains("sebelum penilaian mandiri dikirim"))
        }
    }
}
