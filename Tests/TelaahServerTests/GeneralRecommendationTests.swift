import Foundation
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// The Laporan Kompilasi's general recommendations (E, F, …), written on the period page.
@Suite("General recommendations on the period page")
struct GeneralRecommendationTests {
    @Test("the Inspektur's text shows in the form after a save, the Admin reads it as a list, a stale save is refused")
    func savedTextShowsOnThePage() async throws {
        try await withDemoApp { app, seeded in
            let api = "/api/v1/periods/\(seeded.periodID)/general-recommendations"
            let page = "/periode/\(seeded.periodID)"
            var inspektur = try await Client.signedIn(app, "inspektur")
            let before = try await inspektur.send(.GET, page).body.string
            let version = try #require(
                before.firstMatch(of: #/name="version" value="(\d+)"/#).map { Int($0.output.1)! })
            let text = "Inspektorat agar mendampingi penyusunan Cascading Kinerja.\nBappeda agar menyelaraskan IKU."
            let (saved, body) = try await inspektur.json(.PUT, api, json: ["text": text, "version": version])
            #expect(saved == .ok)
            #expect(body["text"]?.stringValue == text)
            let after = try await inspektur.send(.GET, page).body.string
            #expect(after.contains("Bappeda agar menyelaraskan IKU.</textarea>"), "the form holds what is stored")
            #expect(after.contains(#"name="version" value="\#(version + 1)""#))

            let (stale, _) = try await inspektur.json(.PUT, api, json: ["text": "Lain.", "version": version])
            #expect(stale == .conflict, "a save from a page out of date overwrites nothing")

            var admin = try await Client.signedIn(app, "admin")
            let read = try await admin.send(.GET, page).body.string
            #expect(read.contains("<li>Bappeda agar menyelaraskan IKU.</li>"))
            #expect(!read.contains(#"id="general-form""#), "the Admin reads them without a form")
        }
    }
}
