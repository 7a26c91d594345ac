import Foundation
import TelaahCore
import TelaahDemo
import TelaahDocuments
import Testing
import VaporTesting

@testable import TelaahServer

/// Whose turn it is: every account's waiting list, the period page's stage, team, owner and due
/// date, and the admin's setting of the tiers skipped and the due dates.
@Suite("Whose turn", .serialized)
struct WaitingTests {
    /// The waiting list's part of the period page.
    static func waiting(_ page: String) -> String {
        guard let start = page.range(of: "id=\"waiting\""),
            let end = page.range(of: "</section>", range: start.upperBound..<page.endIndex)
        else { return "" }
        return String(page[start.upperBound..<end.lowerBound])
    }

    @Test("each account's home lists the PD waiting for it, with since when and the due date")
    func homeLists() async throws {
        try await withDemoApp { app, seeded in
            let period = "/periode/\(seeded.periodID)"
            func list(_ username: String) async throws -> String {
                var client = try await Client.signedIn(app, username)
                let home = try await client.send(.GET, "/")
                #expect(home.headers.first(name: .location) == period)
                return Self.waiting(try await client.send(.GET, period).body.string)
            }
            let teknis = try await list("pengendali.teknis")
            #expect(teknis.contains("Dinas Tanaman Pangan dan Hortikultura"))
            #expect(teknis.contains("Dinas Perkebunan dan Peternakan"))  // the panel is his too
            #expect(!teknis.contains("Kecamatan Betung"))  // Tim 2's
            #expect(!teknis.contains("Badan Pendapatan Daerah"))
            let inspektur = try await list("inspektur")
            #expect(inspektur.contains("Badan Pengelola Keuangan dan Aset Daerah"))
            #expect(!inspektur.contains("Dinas Perpustakaan"))  // final: reopening is no one's turn
            let setda = try await list("operator.setda")
            #expect(setda.contains("Sekretariat Daerah"))
            #expect(setda.contains("lewat"))  // the demo's self-assessment due date has passed
            let anggota = try await list("anggota.tim")
            #expect(anggota.contains("Dinas Kesehatan"))
            #expect(!anggota.contains("Dinas Tanaman Pangan"))
            let ketua = try await list("ketua.tim")
            #expect(ketua.contains("Dinas Perikanan"))  // the PD answered: the Ketua Tim's turn
            // The Bupati makes no move of the cycle: his page leads with the result instead.
            #expect(try await list("pimpinan").isEmpty)
            #expect(try await list("operator.dinkes").contains("Tidak ada Perangkat Daerah yang menunggu"))

            // The moment a PD moves, it leaves one list and enters the next, with since when.
            var inspekturClient = try await Client.signedIn(app, "inspektur")
            let signed = try await inspekturClient.send(
                .POST, DemoPaths(seeded).unit("Badan Pengelola Keuangan dan Aset Daerah") + "/cycle",
                json: ["action": "sign", "from": "signing"])
            #expect(signed.status == .ok)
            #expect(!(try await list("inspektur")).contains("Badan Pengelola Keuangan"))
        }
    }

    @Test("the period page: stage, team, whose turn and due date of every PD, filtered by stage")
    func periodTable() async throws {
        try await withDemoApp { app, seeded in
            var admin = try await Client.signedIn(app, "admin")
            let page = try await admin.send(.GET, "/periode/\(seeded.periodID)?tahap=technical_review").body.string
            let table = String(page[page.range(of: "id=\"units\"")!.lowerBound...])
            #expect(table.contains("Dinas Tanaman Pangan dan Hortikultura"))
            #expect(table.contains("Kecamatan Betung"))
            #expect(!table.contains("Sekretariat Daerah"))
            #expect(table.contains("Pengendali Teknis"))
            #expect(table.contains("Tim 2"))
            #expect(page.contains("Reviu pengendali teknis (2)"))
            let all = try await admin.send(.GET, "/periode/\(seeded.periodID)").body.string
            #expect(all.contains("belum ditugaskan") == false)
            #expect(all.contains("Semua tahap (51)"))
        }
    }

    @Test("the admin sets the tiers skipped and the due dates; a skipped tier is not entered")
    func settings() async throws {
        try await withDemoApp { app, seeded in
            let url = "/api/v1/admin/periods/\(seeded.periodID)/cycle"
            var admin = try await Client.signedIn(app, "admin")
            let (status, current) = try await admin.json(.GET, url)
            #expect(status == .ok)
            #expect(current["skip_panel"] == .bool(false))
            #expect(current["due_self_assessment"]?.stringValue != nil)
            let version = try #require(current["version"]?.decimalValue.flatMap { Int($0.plain(places: 0)) })
            var body: [String: any Sendable] = [
                "skip_technical_review": false, "skip_panel": true, "skip_quality_review": false,
                "due_signing": "2024-02-30", "version": version,
            ]
            let bad = try await admin.send(.PUT, url, json: body)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("TTTT-BB-HH"))
            body["due_signing"] = "2024-12-20"
            let saved = try await admin.send(.PUT, url, json: body)
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(try await admin.send(.PUT, url, json: body).status == .conflict)  // the version moved on
            let (_, after) = try await admin.json(.GET, url)
            #expect(after["skip_panel"] == .bool(true))
            #expect(after["due_signing"] == .string("2024-12-20"))
            #expect(after["due_evaluation"] == .null)  // not sent: unset
            var ketua = try await Client.signedIn(app, "ketua.tim")
            #expect(try await ketua.send(.GET, url).status == .forbidden)

            // The Pengendali Teknis approves: the panel is skipped, the Pengendali Mutu reviews next.
            var teknis = try await Client.signedIn(app, "pengendali.teknis")
            let moved = try await teknis.send(
                .POST, DemoPaths(seeded).unit("Dinas Tanaman Pangan dan Hortikultura") + "/cycle",
                json: ["action": "approve", "from": "technical_review"])
            #expect(try JSONValue.parse(moved.body.string)["stage"] == .string("quality_review"))
            let page = try await admin.send(.GET, "/admin/periode").body.string
            #expect(page.contains("Tahapan dan batas waktu: Evaluasi AKIP 2024"))
            #expect(page.contains("value=\"2024-12-20\""))
        }
    }
}
