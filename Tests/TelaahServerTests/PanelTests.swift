import Foundation
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// The panel's calibration view and its decisions.
@Suite("The panel", .serialized)
struct PanelTests {
    static let kebun = "Dinas Perkebunan dan Peternakan"

    @Test("the panel sees every graded PD with its grades, deviations and standing; others may not")
    func view() async throws {
        try await withDemoApp { app, seeded in
            let url = "/periode/\(seeded.periodID)/panel"
            for (user, status) in [
                ("pengendali.mutu", HTTPStatus.ok), ("pengendali.teknis", .ok), ("inspektur", .ok), ("admin", .ok),
                ("ketua.tim", .forbidden), ("anggota.tim", .forbidden), ("operator.dinkes", .forbidden),
                ("pimpinan", .forbidden),
            ] {
                var client = try await Client.signedIn(app, user)
                #expect(try await client.send(.GET, url).status == status, "\(user)")
            }
            var mutu = try await Client.signedIn(app, "pengendali.mutu")
            let page = try await mutu.send(.GET, url).body.string
            #expect(page.contains(Self.kebun))
            #expect(page.contains("Badan Pendapatan Daerah") == false)  // Tim 2's: not his
            #expect(page.contains("Perangkat Daerah;"))
            let onlyPanel = try await mutu.send(.GET, url + "?tahap=panel").body.string
            let table = String(onlyPanel[onlyPanel.range(of: "id=\"panel\"")!.lowerBound...])
            #expect(table.contains(Self.kebun))
            #expect(!table.contains("Dinas Tanaman Pangan"))
            #expect(table.contains("data-revise"))  // his tier now: grades change in place
            let (_, _) = try await mutu.json(.GET, "/api/v1/me")
            var admin = try await Client.signedIn(app, "admin")
            let all = try await admin.send(.GET, url).body.string
            #expect(all.contains("Badan Pendapatan Daerah"))
            #expect(!all.contains("data-revise"))  // the Admin reads
            #expect(try await admin.send(.GET, "/periode/\(seeded.periodID)").body.string.contains("Panel kalibrasi"))
        }
    }

    @Test("a panel decision: a grade changed with its reason, marked as the panel's; then calibrated")
    func decide() async throws {
        try await withDemoApp { app, seeded in
            let unit = DemoPaths(seeded).unit(Self.kebun)
            var mutu = try await Client.signedIn(app, "pengendali.mutu")
            var ketua = try await Client.signedIn(app, "ketua.tim")
            let (_, lke) = try await mutu.json(.GET, unit)
            let grade = lke["values"]?["evaluator"]?["grades"]?["1.a"]
            let version = try #require(grade?["version"]?.decimalValue.flatMap { Int($0.plain(places: 0)) })
            let note = grade?["note"]

            let bare = try await mutu.send(.PUT, "\(unit)/grades/1.a", json: ["grade": "A", "version": version])
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.body.string.contains("memerlukan alasan"))
            #expect(
                try await ketua.send(
                    .PUT, "\(unit)/grades/1.a", json: ["grade": "A", "justification": "x", "version": version]
                ).status == .forbidden)
            let saved = try await mutu.send(
                .PUT, "\(unit)/grades/1.a",
                json: ["grade": "BB", "justification": "Disamakan dengan PD sekelas di panel", "version": version])
            #expect(saved.status == .ok, "\(saved.body.string)")
            let (_, after) = try await mutu.json(.GET, unit)
            #expect(after["values"]?["evaluator"]?["grades"]?["1.a"]?["grade"] == .string("BB"))
            #expect(after["values"]?["evaluator"]?["grades"]?["1.a"]?["note"] == note)  // the team's texts stay

            let page = try await mutu.send(.GET, "/periode/\(seeded.periodID)/panel?tahap=panel").body.string
            #expect(page.contains("diputuskan pada tahap Panel"))
            let history = try await mutu.send(.GET, DemoPaths(seeded).page(Self.kebun) + "/riwayat").body.string
            #expect(history.contains("(keputusan tahap Panel)"))
            #expect(history.contains("Disamakan dengan PD sekelas di panel"))

            let moved = try await mutu.send(.POST, "\(unit)/cycle", json: ["action": "approve", "from": "panel"])
            #expect(try JSONValue.parse(moved.body.string)["stage"] == .string("quality_review"))
            // The panel's turn is over: the Pengendali Teknis no longer changes grades; the
            // Pengendali Mutu does, at his own tier now.
            var teknis = try await Client.signedIn(app, "pengendali.teknis")
            let late = try await teknis.send(
                .PUT, "\(unit)/grades/1.b", json: ["grade": "A", "justification": "x", "version": 1])
            #expect(late.status == .forbidden)
        }
    }
}
