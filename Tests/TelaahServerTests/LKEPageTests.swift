import Foundation
import SQLKit
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// The LKE page renders its criteria block once per state of the values; a save shows at once.
@Suite("LKE page", .serialized)
struct LKEPageTests {
    static func criterion(_ id: String, in html: String) -> Substring {
        guard let start = html.range(of: "data-criterion=\"\(id)\"") else { return "" }
        let rest = html[start.lowerBound...]
        return rest[..<(rest.range(of: "</li>")?.upperBound ?? rest.endIndex)]
    }

    @Test("a saved answer, a new grade: the next page view shows them, never a stale render")
    func savesShowAtOnce() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            let page = p.page("Dinas Pendidikan dan Kebudayaan")
            var html = try await ketua.send(.GET, page).body.string
            #expect(Self.criterion("1.a.1", in: html).contains("data-version=\"0\""))
            #expect(html.contains("<li class=\"criterion unanswered\" data-criterion=\"1.a.1\""))
            #expect(html.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</html>"))
            html = try await ketua.send(.GET, page).body.string  // the cached render
            #expect(Self.criterion("1.a.1", in: html).contains("data-version=\"0\""))

            let unit = p.unit("Dinas Pendidikan dan Kebudayaan")
            let saved = try await ketua.send(.PUT, "\(unit)/answers/1.a.1", json: ["code": "Y", "version": 0])
            #expect(saved.status == .ok)
            html = try await ketua.send(.GET, page).body.string
            let k = Self.criterion("1.a.1", in: html)
            #expect(k.contains("data-version=\"1\""))
            #expect(k.contains("data-value=\"Y\""))
            #expect(html.contains("<li class=\"criterion\" data-criterion=\"1.a.1\""))

            let graded = try await ketua.send(.PUT, "\(unit)/grades/1.b", json: ["grade": "B", "version": 0])
            #expect(graded.status == .ok)
            html = try await ketua.send(.GET, page).body.string
            #expect(html.contains("<select name=\"grade\" data-value=\"B\">"))

            // The same PD read by someone who may not write it: the same values, read-only.
            var mutu = try await Client.signedIn(app, "pengendali.mutu")
            let readOnly = try await mutu.send(.GET, page).body.string
            #expect(Self.criterion("1.a.1", in: readOnly).contains("disabled"))
            #expect(Self.criterion("1.a.1", in: readOnly).contains("data-value=\"Y\""))
            #expect(!readOnly.contains("save-grade"))
            // Each account's page carries its own session's CSRF token, never another's.
            #expect(readOnly.contains("<meta name=\"csrf-token\" content=\"\(try #require(mutu.csrf))\">"))
            #expect(!readOnly.contains(try #require(ketua.csrf)))
            html = try await ketua.send(.GET, page).body.string
            #expect(html.contains("<meta name=\"csrf-token\" content=\"\(try #require(ketua.csrf))\">"))
            #expect(html.contains("<select name=\"grade\" data-value=\"B\">"))
            // One block rendered per state of the values (and per read-only or editable page).
            #expect(await app.lkeBlocks.count == 4)
        }
    }

    @Test("with earlier periods, each sub-component shows whether it kept full fulfilment")
    func heldYears() async throws {
        try await withDemoApp { app, seeded in
            let unitID = seeded.units["Dinas Kesehatan"]!
            let government = try #require(try await Government.query(on: app.db).first()).requireID()
            // Two earlier periods: 1.a fully met in both, 1.b only in 2023.
            for (year, grades) in [(2023, ["1.a": "BB", "1.b": "A"]), (2022, ["1.a": "A", "1.b": "B"])] {
                let period = Period(
                    governmentID: government, name: "Evaluasi AKIP \(year)", evaluationYear: year,
                    performanceYear: year - 1, frameworkVersionID: seeded.frameworkVersionID!)
                try await period.create(on: app.db)
                let assessment = Assessment(
                    governmentID: government, periodID: try period.requireID(), unitID: unitID)
                try await assessment.create(on: app.db)
                for (sub, grade) in grades {
                    let row = SubcomponentGrade()
                    row.$assessment.id = try assessment.requireID()
                    row.actor = .evaluator
                    row.subcomponentID = sub
                    row.grade = grade
                    row.justification = "uji"
                    row.version = 1
                    try await row.create(on: app.db)
                }
            }
            var ketua = try await Client.signedIn(app, "ketua.tim")
            let page = DemoPaths(seeded).page("Dinas Kesehatan")
            var html = try await ketua.send(.GET, page).body.string
            #expect(html.contains("terpenuhi penuh dan dipertahankan 2 tahun (2022–2023)"))
            #expect(html.contains("terpenuhi penuh dan dipertahankan 1 tahun (2023)"))
            // An earlier grade corrected (as every write does, raising its assessment's values
            // version): the next view shows the history as it now is, not as it was kept.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw(
                """
                UPDATE subcomponent_grades SET grade = 'B', version = 2 WHERE subcomponent_id = '1.a'
                AND assessment_id IN (SELECT a.id FROM assessments a JOIN periods p ON p.id = a.period_id
                WHERE p.evaluation_year = 2022)
                """
            ).run()
            try await sql.raw(
                """
                UPDATE assessments SET values_version = values_version + 1 WHERE period_id IN
                (SELECT id FROM periods WHERE evaluation_year = 2022)
                """
            ).run()
            html = try await ketua.send(.GET, page).body.string
            #expect(!html.contains("dipertahankan 2 tahun"))
            #expect(html.components(separatedBy: "terpenuhi penuh dan dipertahankan 1 tahun (2023)").count == 3)
        }
    }

    @Test("no stale page: every view after a save shows it, across many PD and alternating values")
    func everyViewAfterASave() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            let (_, overview) = try await ketua.json(.GET, "/api/v1/periods/\(p.period)")
            // The team's PD whose evaluation has not begun: each answer starts at version 0.
            let team = (overview["units"]?.elements ?? []).filter {
                $0["permissions"]?.elements?.contains(.string("write_evaluation")) == true
                    && $0["criteria_answered"] == .number("0")
            }.compactMap { $0["id"]?.stringValue }
            #expect(team.count >= 12)
            var versions: [String: Int] = [:]
            for round in 0..<3 {
                for unit in team.prefix(12) {
                    let code = round % 2 == 0 ? "Y" : "T"
                    let api = "/api/v1/periods/\(p.period)/units/\(unit)"
                    // The page as it was, then a save, then the page again: it shows the save.
                    _ = try await ketua.send(.GET, "/periode/\(p.period)/pd/\(unit)")
                    let saved = try await ketua.send(
                        .PUT, "\(api)/answers/4.a.2", json: ["code": code, "version": versions[unit] ?? 0])
                    #expect(saved.status == .ok, "\(saved.body.string)")
                    versions[unit] = (versions[unit] ?? 0) + 1
                    let html = try await ketua.send(.GET, "/periode/\(p.period)/pd/\(unit)").body.string
                    let k = Self.criterion("4.a.2", in: html)
                    #expect(k.contains("data-version=\"\(versions[unit]!)\""), "\(unit) round \(round)")
                    #expect(k.contains("data-value=\"\(code)\""), "\(unit) round \(round)")
                }
                // The lists too: the period's overview scores each saved PD anew (one answer of 4.a).
                let (_, after) = try await ketua.json(.GET, "/api/v1/periods/\(p.period)")
                for unit in team.prefix(12) {
                    let row = after["units"]?.elements?.first { $0["id"]?.stringValue == unit }
                    #expect(row?["criteria_answered"] == .number("1"), "\(unit) round \(round)")
                }
            }
            // A grade saved then shows in the period page's progress at once.
            let unit = try #require(team.first)
            let graded = try await ketua.send(
                .PUT, "/api/v1/periods/\(p.period)/units/\(unit)/grades/1.a",
                json: ["grade": "B", "justification": "uji", "version": 0])
            #expect(graded.status == .ok, "\(graded.body.string)")
            let (_, overview2) = try await ketua.json(.GET, "/api/v1/periods/\(p.period)")
            let row = overview2["units"]?.elements?.first { $0["id"]?.stringValue == unit }
            #expect(row?["subcomponents_graded"] == .number("1"))
        }
    }
}
