import Foundation
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// One click instead of seventy-eight: the team takes the PD's answers, the PD agrees with every
/// finding; neither replaces what was already written.
@Suite("Salin semua, setujui semua", .serialized)
struct BatchTests {
    @Test("Salin semua jawaban PD: per sub-component, then the whole LKE; never over the team's own answer")
    func copyAll() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            let unit = p.unit("Dinas Kesehatan")
            var anggota = try await Client.signedIn(app, "anggota.tim")
            func values() async throws -> (unit: [String: String], team: [String: (code: String?, version: Int)]) {
                let (_, lke) = try await anggota.json(.GET, unit)
                let own = (lke["values"]?["unit"]?["answers"]?.members ?? []).compactMap { k, v in
                    (v["code"]?.stringValue ?? v["not_applicable"]?.stringValue).map { (k, $0) }
                }
                let team = (lke["values"]?["evaluator"]?["answers"]?.members ?? []).map { k, v in
                    (k, (v["code"]?.stringValue, v["version"]?.decimalValue.flatMap { Int($0.plain(places: 0)) } ?? 0))
                }
                return (
                    Dictionary(own, uniquingKeysWith: { a, _ in a }), Dictionary(team, uniquingKeysWith: { a, _ in a })
                )
            }
            let before = try await values()
            // The team answers one criterion of 1.a itself, against the PD.
            let (mine, pd) = try #require(
                before.unit.sorted { $0.key < $1.key }.first {
                    $0.key.hasPrefix("1.a.") && ["Y", "T"].contains($0.value) && before.team[$0.key]?.code == nil
                })
            let other = pd == "Y" ? "T" : "Y"
            #expect(
                try await anggota.send(
                    .PUT, "\(unit)/answers/\(mine)", json: ["code": other, "version": before.team[mine]?.version ?? 0]
                ).status == .ok)
            let page = try await anggota.send(.GET, p.page("Dinas Kesehatan")).body.string
            #expect(page.contains("Salin semua jawaban PD di 1.a"))
            #expect(page.contains("class=\"copy-all\""))

            let (status, sub) = try await anggota.json(
                .POST, "\(unit)/answers-from-unit", json: ["subcomponent": "1.a"])
            #expect(status == .ok, "\(sub)")
            let copied = Set(sub["copied"]?.elements?.compactMap(\.stringValue) ?? [])
            #expect(!copied.isEmpty && copied.allSatisfy { $0.hasPrefix("1.a.") } && !copied.contains(mine))
            var after = try await values()
            #expect(after.team[mine]?.code == other)  // the team's own answer stays
            #expect(sub["result"]?["subcomponents"]?["1.a"] != nil)

            // The whole LKE: every criterion the PD answered and the team had not.
            let (_, whole) = try await anggota.json(.POST, "\(unit)/answers-from-unit", json: [:])
            let rest = whole["copied"]?.elements?.compactMap(\.stringValue) ?? []
            #expect(rest.allSatisfy { !$0.hasPrefix("1.a.") })
            after = try await values()
            for k in before.unit.keys { #expect(after.team[k] != nil, "\(k) not taken") }
            let (_, again) = try await anggota.json(.POST, "\(unit)/answers-from-unit", json: [:])
            #expect(again["copied"]?.elements?.isEmpty == true)  // nothing left to take
            #expect(
                !(try await anggota.send(.GET, p.page("Dinas Kesehatan")).body.string.contains("class=\"copy-all\"")))
            // Each copied answer is in the history, as a save.
            let (_, history) = try await anggota.json(.GET, "\(unit)/history")
            #expect((history["entries"]?.elements?.count ?? 0) >= copied.count + rest.count)
            // The PD's operator may not; nor a sub-component the framework lacks.
            var op = try await Client.signedIn(app, "operator.dinkes")
            #expect(try await op.send(.POST, "\(unit)/answers-from-unit", json: [:]).status == .forbidden)
            #expect(
                try await anggota.send(.POST, "\(unit)/answers-from-unit", json: ["subcomponent": "9.z"]).status
                    == .notFound)
        }
    }

    @Test("Setujui semua temuan: every finding not yet answered, the PD's own tanggapan kept")
    func agreeAll() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            let unit = p.unit(ResponseTests.bappeda)
            var op = try await ResponseTests.bappedaOperator(app, seeded)
            let findings = (try await op.json(.GET, "\(unit)/responses").1["findings"]?.elements ?? []).compactMap {
                $0["subcomponent"]?.stringValue
            }
            #expect(findings.count >= 2)
            // The PD disagrees with the first in its own words.
            let first = findings[0]
            #expect(
                try await op.send(
                    .PUT, "\(unit)/responses/\(first)",
                    json: ["agree": false, "text": "Bukti ada di SAKIP.", "version": 0]
                ).status == .ok)
            let page = try await op.send(.GET, p.page(ResponseTests.bappeda)).body.string
            #expect(page.contains("Setujui semua temuan (\(findings.count - 1) belum ditanggapi)"))
            // Not the team's to do.
            var ketua = try await Client.signedIn(app, "ketua.tim")
            #expect(try await ketua.send(.POST, "\(unit)/responses-agree-all", json: [:]).status == .forbidden)
            let (status, state) = try await op.json(.POST, "\(unit)/responses-agree-all", json: [:])
            #expect(status == .ok, "\(state)")
            #expect(state["complete"] == .bool(true))
            for f in state["findings"]?.elements ?? [] {
                if f["subcomponent"]?.stringValue == first {
                    #expect(f["agree"] == .bool(false) && f["text"] == .string("Bukti ada di SAKIP."))
                } else {
                    #expect(f["agree"] == .bool(true))
                }
            }
            #expect(
                try await op.send(.POST, "\(unit)/cycle", json: ["action": "respond", "from": "confirmation"]).status
                    == .ok)
        }
    }
}
