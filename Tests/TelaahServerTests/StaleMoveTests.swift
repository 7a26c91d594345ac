import Foundation
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// A stage move names the stage it was asked from: a page out of date, or two reviewers at once,
/// never make one tier's approval count as the next tier's.
@Suite("Stage moves from a stale page", .serialized)
struct StaleMoveTests {
    static let kebun = "Dinas Perkebunan dan Peternakan"

    @Test("the Mutu's page still shows the panel after the Teknis approved it: his approval is 409, the PD stays")
    func sequence() async throws {
        try await withDemoApp { app, seeded in
            let cycle = DemoPaths(seeded).unit(Self.kebun) + "/cycle"
            var teknis = try await Client.signedIn(app, "pengendali.teknis")
            var mutu = try await Client.signedIn(app, "pengendali.mutu")
            // Both pages read the panel.
            #expect(try await mutu.json(.GET, cycle).1["stage"] == .string("panel"))
            let first = try await teknis.json(.POST, cycle, json: ["action": "approve", "from": "panel"])
            #expect(first.0 == .ok)
            #expect(first.1["stage"] == .string("quality_review"))
            let stale = try await mutu.json(.POST, cycle, json: ["action": "approve", "from": "panel"])
            #expect(stale.0 == .conflict)
            let reason = stale.1["reason"]?.stringValue ?? ""
            #expect(reason.contains("dari Panel menjadi Reviu pengendali mutu"), "\(reason)")
            #expect(reason.contains("Dipindahkan oleh"), "\(reason)")
            #expect(reason.contains("WIB"), "\(reason)")
            let (_, now) = try await mutu.json(.GET, cycle)
            #expect(now["stage"] == .string("quality_review"))
            #expect(now["events"]?.elements?.last?["action"] == .string("approve"))
            #expect(now["events"]?.elements?.filter { $0["action"] == .string("approve") }.count == 1)
            // A move without the stage it was asked from is not a move.
            #expect(try await mutu.send(.POST, cycle, json: ["action": "approve"]).status == .badRequest)
            // From the page as it is now, the Mutu approves his own tier.
            let own = try await mutu.json(.POST, cycle, json: ["action": "approve", "from": "quality_review"])
            #expect(own.0 == .ok)
            #expect(own.1["stage"] == .string("confirmation"))
        }
    }

    /// Two moves that two roles may make at the panel at the same moment: one is made, the other
    /// is 409, and exactly one event is recorded.
    @Test(
        "concurrent moves at the panel: one 200, one 409",
        arguments: [
            ("pengendali.teknis", "approve", "pengendali.mutu", "approve"),
            ("pengendali.teknis", "approve", "pengendali.mutu", "return_to_team"),
            ("pengendali.mutu", "return_to_team", "pengendali.teknis", "return_to_team"),
        ])
    func concurrent(_ a: String, _ actionA: String, _ b: String, _ actionB: String) async throws {
        try await withDemoApp { app, seeded in
            let cycle = DemoPaths(seeded).unit(Self.kebun) + "/cycle"
            let first = try await Client.signedIn(app, a)
            let second = try await Client.signedIn(app, b)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (client, action) in [(first, actionA), (second, actionB)] {
                    group.addTask {
                        var c = client
                        return try await c.send(
                            .POST, cycle, json: ["action": action, "from": "panel", "reason": "Kalibrasi ulang"]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted { $0.code < $1.code } == [.ok, .conflict], "\(statuses)")
            var reader = try await Client.signedIn(app, "inspektur")
            let events = try await reader.json(.GET, cycle).1["events"]?.elements ?? []
            #expect(events.filter { $0["from"] == .string("panel") }.count == 1)
        }
    }
}
