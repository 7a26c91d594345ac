import Foundation
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// The team sees the PD's own answer beside its own, a difference marked, and may copy it.
@Suite("The PD's answers beside the team's", .serialized)
struct BesideTests {
    @Test("each criterion shows the PD's answer; a different answer of the team is marked")
    func beside() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            let unit = p.unit("Dinas Kesehatan")
            var ketua = try await Client.signedIn(app, "ketua.tim")
            let (_, lke) = try await ketua.json(.GET, unit)
            let own = lke["values"]?["unit"]?["answers"]?.members ?? []
            let theirs = Dictionary(
                (lke["values"]?["evaluator"]?["answers"]?.members ?? []).map { ($0.0, $0.1) },
                uniquingKeysWith: { a, _ in a })
            // A Y/T criterion the PD answered: the team answers the other way.
            let (id, answer) = try #require(own.first { ["Y", "T"].contains($0.1["code"]?.stringValue ?? "") })
            let other = answer["code"]?.stringValue == "Y" ? "T" : "Y"
            let version = theirs[id]?["version"]?.decimalValue.flatMap { Int($0.plain(places: 0)) } ?? 0
            let saved = try await ketua.send(.PUT, "\(unit)/answers/\(id)", json: ["code": other, "version": version])
            #expect(saved.status == .ok, "\(saved.body.string)")

            let page = try await ketua.send(.GET, p.page("Dinas Kesehatan")).body.string
            let item = try #require(page.range(of: "data-criterion=\"\(id)\""))
            let start = page[..<item.lowerBound].range(of: "<li", options: .backwards)!.lowerBound
            let li = String(page[start..<page[item.upperBound...].range(of: "</li>")!.upperBound])
            #expect(li.contains("criterion differs"))
            #expect(li.contains("Jawaban PD: <strong>\(answer["code"]!.stringValue!)</strong>"))
            #expect(li.contains("Salin jawaban PD"))
            // The PD sees only its own answers on its page.
            var op = try await Client.signedIn(app, "operator.dinkes")
            #expect(!(try await op.send(.GET, p.page("Dinas Kesehatan")).body.string.contains("Jawaban PD:")))
        }
    }
}
