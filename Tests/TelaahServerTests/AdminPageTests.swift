import Foundation
import TelaahCore
import Testing
import VaporTesting

@testable import TelaahServer

/// The Admin Inspektorat's pages: what a person sees, and that what the forms send through the
/// API shows up on the page afterwards.
@Suite("Admin pages", .serialized)
struct AdminPageTests {
    static func count(_ needle: String, in html: String) -> Int { html.components(separatedBy: needle).count - 1 }

    @Test("settings, periods, PD, users: the forms are filled with what is stored")
    func pages() async throws {
        try await withDemoApp { app, seeded in
            var admin = try await Client.signedIn(app, "admin")
            let settings = try await admin.send(.GET, "/admin").body.string
            #expect(settings.contains("name=\"inspektur_nip\" value=\"19750214 199903 1 006\""))
            #expect(settings.contains("value=\"700/{seq}/LHE-AKIP/INSPEKTORAT/{year}\""))
            #expect(settings.contains("51 Perangkat Daerah"))
            #expect(settings.contains("aria-current=\"page\">Pengaturan"))

            let periods = try await admin.send(.GET, "/admin/periode").body.string
            #expect(periods.contains("Evaluasi AKIP 2024"))
            #expect(periods.contains("evaluasi 2024, kinerja 2023"))
            #expect(periods.contains("dibekukan"))
            #expect(periods.contains("value=\"2025\""))
            #expect(periods.contains("/admin/periode/\(seeded.periodID)/tim"))

            let units = try await admin.send(.GET, "/admin/pd").body.string
            #expect(Self.count("data-api=\"/api/v1/admin/units/", in: units) == 51)
            #expect(units.contains("<option value=\"Unit Pendukung\">"))

            let users = try await admin.send(.GET, "/admin/pengguna").body.string
            #expect(users.contains("<strong>operator.dinkes</strong>"))
            let dinkes = seeded.units["Dinas Kesehatan"]!.uuidString
            #expect(users.contains("<option value=\"\(dinkes)\" selected>Dinas Kesehatan</option>"))
            #expect(users.contains("<option value=\"operator\">Operator PD</option>"))
        }
    }

    @Test("a new team, a member and an assignment, made as the forms do, show on the team page")
    func teams() async throws {
        try await withDemoApp { app, seeded in
            var admin = try await Client.signedIn(app, "admin")
            let page = "/admin/periode/\(seeded.periodID)/tim"
            var html = try await admin.send(.GET, page).body.string
            #expect(html.contains("Tim 1"))
            #expect(html.contains("Ketua Tim 1 · Ketua Tim"))
            #expect(Self.count("data-api-change=", in: html) == 51)
            #expect(html.contains("0 Perangkat Daerah belum ditugaskan"))

            let (created, team) = try await admin.json(
                .POST, "/api/v1/admin/periods/\(seeded.periodID)/teams", json: ["name": "Tim 3"])
            #expect(created == .created)
            let teamID = try #require(team["id"]?.stringValue)
            let member = try await admin.send(
                .POST, "/api/v1/admin/teams/\(teamID)/members",
                json: ["user_id": seeded.users["anggota.tim"]!.uuidString, "role": "ketua_tim"])
            #expect(member.status == .created)
            let assign = try await admin.send(
                .PUT, "/api/v1/admin/periods/\(seeded.periodID)/assignments/\(seeded.units["Dinas Sosial"]!)",
                json: ["team_id": teamID])
            #expect(assign.status == .noContent)

            html = try await admin.send(.GET, page).body.string
            #expect(html.contains("Tim 3 <small class=\"muted\">· 1 Perangkat Daerah</small>"))
            #expect(html.contains("Anggota Tim 1 · Ketua Tim"))
            #expect(html.contains("<option value=\"\(teamID.uppercased())\" selected>Tim 3</option>"))

            // Removing the assignment leaves the PD unassigned, and the page says so.
            let unassign = try await admin.send(
                .PUT, "/api/v1/admin/periods/\(seeded.periodID)/assignments/\(seeded.units["Dinas Sosial"]!)",
                json: ["team_id": NSNull()])
            #expect(unassign.status == .noContent)
            html = try await admin.send(.GET, page).body.string
            #expect(html.contains("1 Perangkat Daerah belum ditugaskan"))
        }
    }

    @Test("no one but the Admin Inspektorat opens them")
    func others() async throws {
        try await withDemoApp { app, seeded in
            for role in ["inspektur", "ketua.tim", "operator.dinkes", "pimpinan"] {
                var client = try await Client.signedIn(app, role)
                for path in ["/admin", "/admin/pd", "/admin/pengguna", "/admin/periode/\(seeded.periodID)/tim"] {
                    #expect(try await client.send(.GET, path).status == .forbidden, "\(role) \(path)")
                }
            }
        }
    }
}
