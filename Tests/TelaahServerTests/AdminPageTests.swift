import Foundation
import SQLKit
import TelaahCore
import TelaahDemo
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

@Suite("The letterhead's logo", .serialized)
struct LogoTests {
    @Test("a PNG replaces the logo, with its version; anything else is refused; the LHE carries it")
    func logo() async throws {
        try await withDemoApp { app, seeded in
            var admin = try await Client.signedIn(app, "admin")
            let (_, government) = try await admin.json(.GET, "/api/v1/admin/government")
            #expect(government["logo"] == .bool(true))  // the demo's emblem
            let version = try #require(government["version"]?.decimalValue.flatMap { Int($0.plain(places: 0)) })
            let stored = try await admin.send(.GET, "/api/v1/admin/government/logo")
            #expect(stored.status == .ok)
            #expect(stored.headers.contentType == .png)

            let notPNG = try await admin.send(
                .PUT, "/api/v1/admin/government/logo?version=\(version)", body: "GIF89a", contentType: "image/png")
            #expect(notPNG.status == .unprocessableEntity)
            #expect(notPNG.body.string.contains("Logo harus berkas PNG"))

            let removed = try await admin.send(.DELETE, "/api/v1/admin/government/logo?version=\(version)")
            #expect(removed.status == .ok)
            let stale = try await admin.send(.DELETE, "/api/v1/admin/government/logo?version=\(version)")
            #expect(stale.status == .conflict)
            #expect(try await admin.send(.GET, "/api/v1/admin/government/logo").status == .notFound)
            let page = try await admin.send(.GET, "/admin").body.string
            #expect(page.contains("Belum ada logo"))

            // Without a logo the draft LHE has no image; with the logo back, it has. A signed LHE
            // stays as it was signed.
            let signed = DemoPaths(seeded).unit("Badan Pendapatan Daerah") + "/documents/lhe.docx"
            let signedBefore = try await admin.send(.GET, signed)
            #expect(signedBefore.body.string.contains("word/media/"))
            let lhe = DemoPaths(seeded).unit("Badan Pengelola Keuangan dan Aset Daerah") + "/documents/lhe.docx"
            let plain = try await admin.send(.GET, lhe)
            #expect(plain.status == .ok)
            #expect(!plain.body.string.contains("word/media/"))
            let png = try Data(contentsOf: Demo.resource("logo-demo.png"))
            let put = try await admin.send(
                .PUT, "/api/v1/admin/government/logo?version=\(version + 1)", bytes: png, contentType: "image/png")
            #expect(put.status == .ok, "\(put.body.string)")
            let withLogo = try await admin.send(.GET, lhe)
            #expect(withLogo.body.string.contains("word/media/"))
            #expect(
                Array(try await admin.send(.GET, signed).body.readableBytesView)
                    == Array(signedBefore.body.readableBytesView))
        }
    }
}

@Suite("Sessions", .serialized)
struct SessionTests {
    @Test("a deactivated or re-roled account loses its access at its very next request")
    func revocation() async throws {
        try await withDemoApp { app, seeded in
            var anggota = try await Client.signedIn(app, "anggota.tim")
            let page = DemoPaths(seeded).page("Dinas Kesehatan")
            #expect(try await anggota.send(.GET, page).status == .ok)
            var admin = try await Client.signedIn(app, "admin")
            let id = seeded.users["anggota.tim"]!
            let demoted = try await admin.send(
                .PUT, "/api/v1/admin/users/\(id)",
                json: ["display_name": "Anggota Tim 1", "role": "pimpinan", "version": 1])
            #expect(demoted.status == .ok)
            // Another role ends the account's sessions: the old cookie opens nothing.
            #expect(try await anggota.send(.GET, page).status != .ok)
            #expect(try await anggota.send(.GET, "/api/v1/me").status == .unauthorized)
            // Signed in again as pimpinan, the PD is refused; deactivated, nothing is left.
            anggota = try await Client.signedIn(app, "anggota.tim")
            #expect(try await anggota.send(.GET, page).status == .forbidden)
            let off = try await admin.send(
                .PUT, "/api/v1/admin/users/\(id)",
                json: ["display_name": "Anggota Tim 1", "role": "auditor", "active": false, "version": 2])
            #expect(off.status == .ok)
            let after = try await anggota.send(.GET, "/api/v1/me")
            #expect(after.status == .unauthorized)
        }
    }

    @Test("a session ends on the server after its lifetime, even with the cookie kept")
    func expiry() async throws {
        try await withDemoApp { app, _ in
            var client = try await Client.signedIn(app, "ketua.tim")
            #expect(try await client.send(.GET, "/api/v1/me").status == .ok)
            let sql = app.db as! any SQLDatabase
            try await sql.update("_fluent_sessions")
                .set("expires_at", to: SQLBind(Date().timeIntervalSince1970 - 1)).run()
            // Changed behind the server's back: on SQLite seen within the session cache's lifetime
            // (5 s); here at once.
            app.sessionCache?.forgetAll()
            #expect(try await client.send(.GET, "/api/v1/me").status == .unauthorized)
            // Signing in again works, and the ended session row is gone.
            var again = try await Client.signedIn(app, "ketua.tim")
            #expect(try await again.send(.GET, "/api/v1/me").status == .ok)
            let ended = try await sql.select().column("key").from("_fluent_sessions")
                .where("expires_at", .lessThan, SQLBind(Date().timeIntervalSince1970)).all()
            #expect(ended.isEmpty)
        }
    }
}
