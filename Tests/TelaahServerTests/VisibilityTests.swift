import Foundation
import SQLKit
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// What each account's lists name, beyond the routes of the access matrix: the follow-up list and
/// its matrix, and the pimpinan's period page, over the demo with its year before.
@Suite("What the lists name", .serialized)
struct VisibilityTests {
    /// The names of the PD a team is assigned in a period.
    static func units(of team: String, period: UUID, _ app: Application) async throws -> Set<String> {
        Set(
            try await app.store.rows(
                """
                SELECT u.name FROM assignments s JOIN teams t ON t.id = s.team_id JOIN units u ON u.id = s.unit_id
                WHERE t.name = \(bind: team) AND s.period_id = \(bind: period)
                """
            ).map { try $0.required($0.string, "name") })
    }

    @Test("a team's auditor finds in the follow-up list and matrix only its team's PD, in both years")
    func followUpOfTheTeam() async throws {
        try await withApp { app in
            let seeded = try await Demo.seed(app, password: testPassword, history: true, story: testStory)
            let periods = try await app.store.rows("SELECT id FROM periods").map { try $0.required($0.uuid, "id") }
            #expect(periods.count == 2)
            var ketua2 = try await Client.signedIn(app, "anggota.tim2")
            for period in periods {
                let own = try await Self.units(of: "Tim 2", period: period, app)
                let others = try await Self.units(of: "Tim 1", period: period, app)
                #expect(!own.isEmpty && !others.isEmpty && own.isDisjoint(with: others))
                let page = try await ketua2.send(.GET, "/periode/\(period)/tindak-lanjut").body.string
                let matrix = try await ketua2.send(.GET, "/api/v1/periods/\(period)/documents/tindak-lanjut.xlsx")
                #expect(matrix.status == .ok)
                let sheets = try EvidenceTests.text(ofXLSX: Data(buffer: matrix.body))
                for name in others {
                    let cell = ">\(ErrorPage.escape(name))<"
                    #expect(!page.contains(cell), "\(name) on Tim 2's follow-up list of \(period)")
                    #expect(!sheets.contains(cell), "\(name) in Tim 2's matrix of \(period)")
                }
                // "Diajukan ke Inspektorat" is the state of a rencana aksi, not the PD Inspektorat.
                #expect(!sheets.contains(">Inspektorat<"))
            }
            _ = seeded
        }
    }

    @Test("the pimpinan's period page names final PD only, and links each past-due action to a LHE he reads")
    func pimpinanPeriodPage() async throws {
        try await withApp { app in
            let seeded = try await Demo.seed(app, password: testPassword, history: true, story: testStory)
            var pimpinan = try await Client.signedIn(app, "pimpinan")
            let page = try await pimpinan.send(.GET, "/periode/\(seeded.periodID)").body.string
            // Two regencies in two tabs are told apart: the header and the title name the government.
            #expect(page.contains("<span class=\"government\">Kabupaten Banyuasin</span>"))
            #expect(page.contains("<title>Evaluasi AKIP 2024 · Kabupaten Banyuasin · Telaah</title>"))
            let table = String(page[page.range(of: "id=\"units\"")!.lowerBound...])
            let finals = Set(
                try await app.store.rows(
                    """
                    SELECT u.name FROM assessments a JOIN units u ON u.id = a.unit_id
                    WHERE a.period_id = \(bind: seeded.periodID) AND a.stage = 'final'
                    """
                ).map { try $0.required($0.string, "name") })
            #expect(!finals.isEmpty)
            for name in seeded.units.keys where !finals.contains(name) {
                #expect(!table.contains(">\(ErrorPage.escape(name))<"), "\(name) is not final")
            }
            // Every link on the page answers him: the past-due actions belong to LHE signed in an
            // earlier period, whose follow-up is his to read.
            let links = Set(
                page.matches(of: /href="(\/periode\/[^"]+\/pd\/[^"]+)"/).map { String($0.output.1) })
            #expect(!links.isEmpty)
            for link in links {
                #expect(try await pimpinan.send(.GET, link).status == .ok, "\(link)")
            }
        }
    }

    @Test("the home page reminds whose turn it is of the due date: the late self-assessment, to its operator only")
    func reminders() async throws {
        // The demo told from the real today: a reminder counts the days from the server's clock.
        try await withDemoApp(story: Demo.Story()) { app, seeded in
            var op = try await Client.signedIn(app, "operator.setda")
            let page = try await op.send(.GET, "/periode/\(seeded.periodID)").body.string
            #expect(page.contains("Pengingat batas waktu"))
            #expect(page.contains("Penilaian mandiri dikirim: Sekretariat Daerah (tahap Penilaian mandiri)"))
            #expect(page.contains("(lewat 3 hari)"))
            var other = try await Client.signedIn(app, "operator.dinkes")
            #expect(
                !(try await other.send(.GET, "/periode/\(seeded.periodID)").body.string.contains(
                    "Sekretariat Daerah (tahap")))
        }
    }
}
