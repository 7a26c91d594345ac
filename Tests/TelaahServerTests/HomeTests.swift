import Foundation
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// What each role's first screen leads with (issue 28): the Bupati the regency's result and the
/// follow-up by PD, the Inspektur whose turn it is per stage; no register code anywhere.
@Suite("Home pages that summarise")
struct HomeTests {
    /// The text a person reads: tags, scripts and attribute values dropped.
    static func visible(_ html: String) -> String {
        html.replacing(#/<script[^>]*>.*?</script>/#.dotMatchesNewlines(), with: "")
            .replacing(#/<[^>]+>/#, with: " ")
    }

    @Test("the Bupati: the mean against last year, predikat counts, PD needing attention, follow-up one line per PD")
    func bupati() async throws {
        try await withApp { app in
            let seeded = try await Demo.seed(app, password: testPassword, history: true, story: testStory)
            let home = "/periode/\(seeded.periodID)"
            var pimpinan = try await Client.signedIn(app, "pimpinan")
            let page = try await pimpinan.send(.GET, home).body.string
            let text = Self.visible(page)
            let result = try #require(page.range(of: #"id="regency-result""#))
            let overdueAt = try #require(page.range(of: #"id="overdue""#))
            let table = try #require(page.range(of: #"id="units""#))
            #expect(result.lowerBound < overdueAt.lowerBound && overdueAt.lowerBound < table.lowerBound)
            #expect(!page.contains(#"id="waiting""#), "no move of the cycle is his")
            #expect(text.contains("Rata-rata nilai"))
            #expect(
                text.range(of: #"(naik|turun) \d+,\d\d dari \d+,\d\d pada 2023"#, options: .regularExpression) != nil)
            #expect(page.contains(#"data-predikat="BB""#) && text.contains("Perlu perhatian"))

            // The counts are the database's: every late action, every PD with one, each PD once.
            let all = try await app.store.overdueActions(
                governmentID: try #require(seeded.governmentID(app)), today: .today(), units: nil, limit: 1000)
            #expect(all.actions > 0 && all.units > 1)
            #expect(text.contains("\(all.actions) rencana aksi lewat batas waktu pada \(all.units) Perangkat Daerah"))
            let rows = page[overdueAt.upperBound...].prefix { _ in true }
            let section = String(rows[..<(rows.range(of: "</section>")?.lowerBound ?? rows.endIndex)])
            #expect(section.components(separatedBy: "<tr>").count - 2 == min(all.units, 10))
            #expect(text.range(of: #"\d{4}-\d\.[a-z]-\d"#, options: .regularExpression) == nil)
        }
    }

    @Test("the Inspektur: the period per stage with whose turn and the due date; the same counts as the table")
    func inspektur() async throws {
        try await withDemoApp { app, seeded in
            var inspektur = try await Client.signedIn(app, "inspektur")
            let page = try await inspektur.send(.GET, "/periode/\(seeded.periodID)").body.string
            let start = try #require(page.range(of: #"id="stages""#))
            let section = String(page[start.upperBound...].prefix { _ in true })
            let stages = String(section[..<(section.range(of: "</section>")?.lowerBound ?? section.endIndex)])
            #expect(stages.contains("Evaluasi oleh tim") && stages.contains("Tim evaluasi"))
            // Each stage's count is the number of the table's rows at that stage.
            for match in stages.matches(of: #/<a href="\?tahap=([a-z_]+)">[^<]+</a></td><td class="num">(\d+)</#) {
                let rows = page.components(separatedBy: #"data-stage="\#(match.output.1)""#).count - 1
                #expect(rows == Int(match.output.2), "\(match.output.1)")
            }
            #expect(Self.visible(page).range(of: #"\d{4}-\d\.[a-z]-\d"#, options: .regularExpression) == nil)
        }
    }
}

extension Demo.Seeded {
    func governmentID(_ app: Application) async throws -> UUID? {
        try await app.store.rows("SELECT id FROM governments").first?.uuid("id")
    }
}
