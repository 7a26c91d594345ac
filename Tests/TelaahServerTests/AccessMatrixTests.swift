import Foundation
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// Every route × every role: no role reads or writes what it must not. "Allowed" means the
/// server did not refuse on access grounds; a refusal is 401 (not signed in; a page redirects
/// to the sign-in page instead), 403 (signed in, not allowed) or 404 (outside the account's
/// government).
@Suite("Route × role matrix", .serialized)
struct AccessMatrixTests {
    static let roles = [
        "anonim", "admin", "inspektur", "pengendali.mutu", "pengendali.teknis", "ketua.tim", "anggota.tim",
        "anggota.tim2", "operator.dinkes", "operator.setda", "pimpinan",
    ]
    static let signedIn = Set(roles.dropFirst())
    static let team1Readers: Set<String> = [
        "admin", "inspektur", "pengendali.mutu", "pengendali.teknis", "ketua.tim", "anggota.tim",
    ]
    static let team1Writers: Set<String> = ["ketua.tim", "anggota.tim"]

    struct Route {
        var method: HTTPMethod
        var path: String
        var json: [String: any Sendable]?
        var body: String?
        var allowed: Set<String>
    }

    func routes(_ p: DemoPaths, _ seeded: Demo.Seeded) -> [Route] {
        let period = "/api/v1/periods/\(p.period)"
        let dinkes = p.unit("Dinas Kesehatan")
        let setda = p.unit("Sekretariat Daerah")
        let bapenda = p.unit("Badan Pendapatan Daerah")
        let kecamatan = p.unit("Kecamatan Betung")
        return [
            Route(method: .GET, path: "/api/v1/me", allowed: Self.signedIn),
            Route(method: .GET, path: "/api/v1/periods", allowed: Self.signedIn),
            Route(method: .GET, path: period, allowed: Self.signedIn),
            Route(method: .GET, path: "\(period)/framework", allowed: Self.signedIn),
            // Dinas Kesehatan: Tim 1, its operator.
            Route(method: .GET, path: dinkes, allowed: Self.team1Readers.union(["operator.dinkes"])),
            Route(
                method: .PUT, path: "\(dinkes)/answers/1.a.2", json: ["code": "Y", "version": 0],
                allowed: Self.team1Writers),
            // Its self-assessment was sent: locked, also for its operator.
            Route(
                method: .PUT, path: "\(dinkes)/answers/1.a.3", json: ["actor": "unit", "code": "Y", "version": 1],
                allowed: []),
            Route(
                method: .PUT, path: "\(dinkes)/grades/1.a", json: ["grade": "B", "justification": "uji", "version": 0],
                allowed: Self.team1Writers),
            Route(method: .GET, path: "\(dinkes)/history", allowed: Self.team1Readers),
            // "Salin semua jawaban PD": who writes the evaluation, and reads the PD's answers.
            Route(
                method: .POST, path: "\(dinkes)/answers-from-unit", json: ["subcomponent": "4.c"],
                allowed: Self.team1Writers),
            // Sekretariat Daerah: Tim 1, the other operator.
            Route(method: .GET, path: setda, allowed: Self.team1Readers.union(["operator.setda"])),
            Route(
                method: .PUT, path: "\(setda)/answers/1.a.1", json: ["actor": "unit", "code": "T", "version": 1],
                allowed: ["operator.setda"]),
            // Badan Pendapatan Daerah: Tim 2, final and released.
            Route(method: .GET, path: bapenda, allowed: ["admin", "inspektur", "anggota.tim2"]),
            Route(
                method: .PUT, path: "\(bapenda)/grades/1.a",
                json: ["grade": "B", "justification": "uji", "version": 1],
                allowed: []),
            // Kecamatan Betung: Tim 2, in technical review: its team no longer writes.
            Route(method: .GET, path: kecamatan, allowed: ["admin", "inspektur", "anggota.tim2"]),
            Route(
                method: .PUT, path: "\(kecamatan)/answers/1.a.1", json: ["code": "Y", "version": 0],
                allowed: []),
            // The cycle. Each move below is refused by the core for a missing reason (422) or an
            // unmet condition (409) to whoever may make it, and on access grounds to everyone else;
            // nothing moves.
            Route(method: .GET, path: "\(dinkes)/cycle", allowed: Self.team1Readers.union(["operator.dinkes"])),
            Route(
                method: .POST, path: "\(dinkes)/cycle", json: ["action": "return_to_unit", "from": "evaluation"],
                allowed: ["ketua.tim"]),
            Route(
                method: .POST, path: "\(setda)/cycle",
                json: ["action": "submit_self_assessment", "from": "self_assessment"],
                allowed: ["operator.setda"]),
            Route(
                method: .POST, path: "\(p.unit("Dinas Tanaman Pangan dan Hortikultura"))/cycle",
                json: ["action": "return_to_team", "from": "technical_review"], allowed: ["pengendali.teknis"]),
            Route(
                method: .POST, path: "\(p.unit("Dinas Transmigrasi dan Tenaga Kerja"))/cycle",
                json: ["action": "return_to_team", "from": "quality_review"], allowed: ["pengendali.mutu"]),
            Route(
                method: .POST, path: "\(p.unit("Badan Pengelola Keuangan dan Aset Daerah"))/cycle",
                json: ["action": "return_to_team", "from": "signing"], allowed: ["inspektur"]),
            Route(
                method: .POST, path: "\(p.unit("Dinas Perpustakaan dan Kearsipan"))/cycle",
                json: ["action": "reopen", "from": "final"],
                allowed: ["inspektur"]),
            // The pra-evaluasi: read by who reads the self-assessment, written by the PD's operator
            // before sending it (Setda: a version conflict 409 to the operator).
            Route(
                method: .GET, path: "\(setda)/pre-evaluation", allowed: Self.team1Readers.union(["operator.setda"])),
            Route(
                method: .PUT, path: "\(setda)/pre-evaluation", json: ["a": "x", "version": 99],
                allowed: ["operator.setda"]),
            Route(
                method: .GET, path: p.page("Sekretariat Daerah") + "/pra-evaluasi",
                allowed: Self.team1Readers.union(["operator.setda"])),
            // The rancangan LHE: read by who reads the evaluation, written by the Ketua Tim while
            // evaluating (Dinas Kesehatan: an empty kondisi is refused with 422 to him).
            Route(method: .GET, path: "\(dinkes)/conditions", allowed: Self.team1Readers),
            Route(
                method: .PUT, path: "\(dinkes)/conditions/1", json: ["text": "", "version": 0], allowed: ["ketua.tim"]),
            Route(method: .GET, path: p.page("Dinas Kesehatan") + "/rancangan-lhe", allowed: Self.team1Readers),
            // Review comments: read by who reads the evaluation; written by the PD's teams while
            // the draft is under review (an empty text is refused with 422 to them); resolved by
            // the team (an unknown thread: 404 to them).
            Route(
                method: .GET, path: "\(p.unit("Dinas Tanaman Pangan dan Hortikultura"))/comments",
                allowed: Self.team1Readers),
            Route(
                method: .POST, path: "\(p.unit("Dinas Tanaman Pangan dan Hortikultura"))/comments",
                json: ["subcomponent": "1.a", "text": ""],
                allowed: ["inspektur", "pengendali.mutu", "pengendali.teknis", "ketua.tim", "anggota.tim"]),
            Route(
                method: .GET, path: p.page("Dinas Tanaman Pangan dan Hortikultura") + "/reviu",
                allowed: Self.team1Readers),
            Route(
                method: .PUT,
                path: "\(p.unit("Dinas Tanaman Pangan dan Hortikultura"))/comments/\(seeded.reviewThread!)/resolve",
                json: [:], allowed: Self.team1Writers),
            // The tanggapan: read by who reads the evaluation; answered by the PD's operator at the
            // confirmation only (Bappeda has none among these accounts); replied by the team once
            // the PD has answered (an empty reply is refused with 422 to the team).
            Route(method: .GET, path: "\(p.unit("Dinas Perikanan"))/responses", allowed: Self.team1Readers),
            Route(
                method: .PUT,
                path: "\(p.unit("Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan"))/responses/2.b",
                json: ["agree": true, "version": 0], allowed: []),
            Route(
                method: .POST,
                path:
                    "\(p.unit("Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan"))/responses-agree-all",
                json: [:], allowed: []),
            Route(
                method: .PUT, path: "\(p.unit("Dinas Perikanan"))/responses/1.b/reply",
                json: ["reply": "", "version": 0],
                allowed: Self.team1Writers),
            // Evidence: read as the values it belongs to; added by the PD during its
            // self-assessment and by the team while evaluating (a link without a title is refused
            // with 422 to them), by nobody on a final PD.
            Route(method: .GET, path: "\(setda)/evidence", allowed: Self.team1Readers.union(["operator.setda"])),
            Route(
                method: .POST, path: "\(setda)/evidence/links",
                json: ["target": "1.a.1", "title": "", "url": "https://example.org/renstra.pdf"],
                allowed: ["operator.setda"]),
            Route(method: .GET, path: "\(dinkes)/evidence", allowed: Self.team1Readers.union(["operator.dinkes"])),
            Route(
                method: .GET, path: "\(dinkes)/documents/bukti-dukung.zip",
                allowed: Self.team1Readers.union(["operator.dinkes"])),
            Route(
                method: .POST, path: "\(dinkes)/evidence/links",
                json: ["target": "1.a", "title": "", "url": "https://example.org/a.pdf"], allowed: Self.team1Writers),
            Route(
                method: .POST, path: "\(dinkes)/evidence?target=1.a&name=a.pdf", body: "", allowed: Self.team1Writers),
            Route(
                method: .GET, path: "\(dinkes)/evidence/\(seeded.evidence!)",
                allowed: Self.team1Readers.union(["operator.dinkes"])),
            // The PD's evidence, once sent, is removed by nobody: not its operator, not the team.
            Route(method: .DELETE, path: "\(dinkes)/evidence/\(seeded.evidence!)", allowed: []),
            Route(
                method: .POST, path: "\(bapenda)/evidence/links",
                json: ["target": "1.a", "title": "", "url": "https://example.org/a.pdf"], allowed: []),
            // Documents. The LHE is confidential: Bapenda's (final) for the Inspektorat's people on
            // it and the Bupati; a period's documents for the Admin and the Inspektur only.
            Route(
                method: .GET, path: "\(bapenda)/documents/lhe.docx",
                allowed: ["admin", "inspektur", "anggota.tim2", "pimpinan"]),
            Route(method: .GET, path: "\(dinkes)/documents/lhe.docx", allowed: Self.team1Readers),
            Route(
                method: .GET, path: "\(bapenda)/documents/tindak-lanjut.docx",
                allowed: ["admin", "inspektur", "anggota.tim2", "pimpinan"]),
            Route(
                method: .GET, path: "\(bapenda)/documents/rencana-aksi.docx",
                allowed: ["admin", "inspektur", "anggota.tim2", "pimpinan"]),
            Route(method: .GET, path: "\(dinkes)/documents/rencana-aksi.docx", allowed: Self.team1Readers),
            // Follow-up of Bapenda's signed LHE: read as the signed letter is; its PD writes (no
            // operator of Bapenda here: no one); the Admin, the Inspektur and its Ketua Tim verify.
            Route(
                method: .GET, path: "\(bapenda)/follow-up", allowed: ["admin", "inspektur", "anggota.tim2", "pimpinan"]),
            Route(
                method: .GET, path: "/periode/\(p.period)/pd/\(p.units["Badan Pendapatan Daerah"]!)/tindak-lanjut",
                allowed: ["admin", "inspektur", "anggota.tim2", "pimpinan"]),
            Route(method: .GET, path: "\(dinkes)/follow-up", allowed: []),
            // The period's follow-up list and matrix: everyone signed in, each reading only the PD
            // whose signed LHE it reads (FollowUpTests).
            Route(method: .GET, path: "/periode/\(p.period)/tindak-lanjut", allowed: Self.signedIn),
            Route(method: .GET, path: "\(period)/documents/tindak-lanjut.xlsx", allowed: Self.signedIn),
            Route(
                method: .POST, path: "\(bapenda)/follow-up/actions",
                json: [
                    "recommendation_id": seeded.recommendation!.uuidString, "action": "a", "person_name": "b",
                    "person_position": "c", "due": "2025-03-31",
                ], allowed: []),
            Route(method: .DELETE, path: "\(bapenda)/follow-up/actions/\(UUID())", allowed: []),
            Route(method: .POST, path: "\(bapenda)/follow-up/plan", json: ["move": "submit"], allowed: []),
            Route(
                method: .POST, path: "\(bapenda)/follow-up/plan", json: ["move": "accept"],
                allowed: ["admin", "inspektur", "anggota.tim2"]),
            Route(method: .PUT, path: "\(bapenda)/follow-up/head", json: ["head_name": "x"], allowed: []),
            // The Bupati's letter: prepared by the Inspektorat, signed by the pimpinan only.
            Route(
                method: .PUT, path: "\(bapenda)/follow-up/letter",
                json: ["number": "1", "date": "2024-11-21", "signer_kind": "head", "signer_name": "X"],
                allowed: ["admin", "inspektur", "anggota.tim2"]),
            Route(method: .POST, path: "\(bapenda)/follow-up/letter/sign", allowed: ["pimpinan"]),
            Route(
                method: .POST, path: "\(bapenda)/follow-up/actions/\(UUID())/reports", json: ["text": "x"], allowed: []),
            Route(
                method: .PUT, path: "\(bapenda)/follow-up/recommendations/\(seeded.recommendation!)",
                json: ["verdict": "belum_sesuai", "reason": "uji", "version": 1],
                allowed: ["admin", "inspektur", "anggota.tim2"]),
            Route(method: .GET, path: "\(dinkes)/documents/lke.xlsx", allowed: Self.team1Readers),
            Route(method: .GET, path: "\(period)/documents/kompilasi.docx", allowed: ["admin", "inspektur"]),
            Route(method: .GET, path: "\(period)/documents/kompilasi.xlsx", allowed: ["admin", "inspektur"]),
            Route(method: .GET, path: "\(period)/documents/lke.xlsx", allowed: ["admin", "inspektur"]),
            Route(method: .GET, path: "\(period)/documents/lhe.zip", allowed: ["admin", "inspektur"]),
            // The Laporan Kompilasi's general recommendations: the Inspektur's to write.
            Route(
                method: .PUT, path: "\(period)/general-recommendations",
                json: ["text": "Rekomendasi umum.", "version": 99],
                allowed: ["inspektur"]),
            // Administration.
            Route(method: .GET, path: "/api/v1/admin/government", allowed: ["admin"]),
            Route(
                method: .PUT, path: "/api/v1/admin/government", json: ["name": "Kabupaten Banyuasin", "version": 1],
                allowed: ["admin"]),
            Route(method: .GET, path: "/api/v1/admin/government/logo", allowed: ["admin"]),
            Route(
                method: .PUT, path: "/api/v1/admin/government/logo?version=2", body: "bukan PNG", allowed: ["admin"]),
            Route(method: .DELETE, path: "/api/v1/admin/government/logo?version=99", allowed: ["admin"]),
            Route(method: .GET, path: "/api/v1/admin/templates", allowed: ["admin"]),
            Route(
                method: .PUT, path: "/api/v1/admin/templates/lhe", json: ["yaml": "", "version": 0], allowed: ["admin"]),
            Route(method: .GET, path: "/api/v1/admin/clusters", allowed: ["admin"]),
            Route(method: .POST, path: "/api/v1/admin/clusters", json: ["name": "Unit Baru"], allowed: ["admin"]),
            Route(method: .GET, path: "/api/v1/admin/units", allowed: ["admin"]),
            Route(method: .POST, path: "/api/v1/admin/units", json: ["name": "Dinas Uji Matriks"], allowed: ["admin"]),
            Route(
                method: .PUT, path: "/api/v1/admin/units/\(p.units["Dinas Sosial"]!)",
                json: ["name": "Dinas Sosial", "version": 1], allowed: ["admin"]),
            Route(
                method: .POST, path: "/api/v1/admin/units/import",
                body: "perangkat_daerah,cluster\nDinas Impor Matriks,Unit Utama\n",
                allowed: ["admin"]),
            Route(method: .GET, path: "/api/v1/admin/users", allowed: ["admin"]),
            Route(
                method: .POST, path: "/api/v1/admin/users",
                json: [
                    "username": "baru.matriks", "display_name": "Baru", "password": "kata-sandi-panjang",
                    "role": "auditor",
                ],
                allowed: ["admin"]),
            Route(method: .GET, path: "/api/v1/admin/frameworks", allowed: ["admin"]),
            Route(method: .POST, path: "/api/v1/admin/frameworks", body: "format: 1\n", allowed: ["admin"]),
            Route(method: .GET, path: "/api/v1/admin/periods/\(p.period)/teams", allowed: ["admin"]),
            Route(
                method: .POST, path: "/api/v1/admin/periods/\(p.period)/teams", json: ["name": "Tim Matriks"],
                allowed: ["admin"]),
            Route(
                method: .PUT, path: "/api/v1/admin/periods/\(p.period)/assignments/\(p.units["Dinas Sosial"]!)",
                json: [:],
                allowed: ["admin"]),
            Route(
                method: .PUT, path: "/api/v1/admin/periods/\(p.period)", json: ["status": "open", "version": 99],
                allowed: ["admin"]),
            Route(method: .GET, path: "/api/v1/admin/periods/\(p.period)/cycle", allowed: ["admin"]),
            Route(
                method: .PUT, path: "/api/v1/admin/teams/\(seeded.teams["Tim 1"]!)",
                json: ["name": "Tim 1", "version": 99], allowed: ["admin"]),
            Route(
                method: .PUT, path: "/api/v1/admin/periods/\(p.period)/cycle",
                json: [
                    "skip_technical_review": false, "skip_panel": false, "skip_quality_review": false,
                    "due_signing": "2024-12-20", "version": 99,
                ],
                allowed: ["admin"]),
            // Pages.
            Route(method: .GET, path: "/periode", allowed: Self.signedIn),
            Route(method: .GET, path: "/kerangka/\(seeded.frameworkVersionID!)/teks.js", allowed: Self.signedIn),
            Route(method: .GET, path: "/periode/\(p.period)", allowed: Self.signedIn),
            Route(
                method: .GET, path: "/periode/\(p.period)/panel",
                allowed: ["admin", "inspektur", "pengendali.mutu", "pengendali.teknis"]),
            Route(method: .GET, path: p.page("Dinas Kesehatan"), allowed: Self.team1Readers.union(["operator.dinkes"])),
            Route(method: .GET, path: p.page("Dinas Kesehatan") + "/riwayat", allowed: Self.team1Readers),
            Route(method: .GET, path: "/admin", allowed: ["admin"]),
            Route(method: .GET, path: "/admin/periode", allowed: ["admin"]),
            Route(method: .GET, path: "/admin/periode/\(p.period)/tim", allowed: ["admin"]),
            Route(method: .GET, path: "/admin/pd", allowed: ["admin"]),
            Route(method: .GET, path: "/admin/naskah", allowed: ["admin"]),
            Route(method: .GET, path: "/admin/pengguna", allowed: ["admin"]),
            // Writes of the administration whose refusal must not depend on a valid body.
            Route(
                method: .PUT, path: "/api/v1/admin/users/\(seeded.users["anggota.tim2"]!)",
                json: ["display_name": "Anggota Dua", "role": "auditor", "version": 1], allowed: ["admin"]),
            Route(
                method: .POST, path: "/api/v1/admin/periods",
                json: [
                    "name": "Evaluasi 2031", "evaluation_year": 2031,
                    "framework_version_id": seeded.frameworkVersionID!.uuidString,
                ],
                allowed: ["admin"]),
            Route(
                method: .POST, path: "/api/v1/admin/teams/\(seeded.teams["Tim 2"]!)/members",
                json: ["user_id": seeded.users["ketua.tim"]!.uuidString, "role": "pengendali_teknis"],
                allowed: ["admin"]),
            Route(
                method: .DELETE,
                path: "/api/v1/admin/teams/\(seeded.teams["Tim 2"]!)/members/\(seeded.users["ketua.tim"]!)",
                allowed: ["admin"]),
            Route(method: .GET, path: "\(dinkes)/documents/lhe.pdf", allowed: Self.team1Readers),
        ]
    }

    /// Routes anyone may call: sign-in, sign-out, health, metrics, the API description.
    static let publicRoutes: Set<String> = [
        "GET /healthz", "GET /metrics", "GET /openapi.json", "GET /masuk", "POST /masuk", "POST /keluar", "GET /",
        "POST /api/v1/session", "DELETE /api/v1/session",
    ]

    @Test("the matrix walks every route the application registers")
    func everyRouteIsInTheMatrix() async throws {
        try await withDemoApp { app, seeded in
            let walked = routes(DemoPaths(seeded), seeded).map {
                ($0.method.rawValue, $0.path.split(separator: "?")[0].split(separator: "/"))
            }
            var missing: [String] = []
            for route in app.routes.all {
                let pattern = route.path.map(\.description)
                let name = "\(route.method.rawValue) /\(pattern.joined(separator: "/"))"
                if Self.publicRoutes.contains(name) { continue }
                let covered = walked.contains { method, segments in
                    method == route.method.rawValue && segments.count == pattern.count
                        && zip(segments, pattern).allSatisfy { $1.hasPrefix(":") || $0 == $1 }
                }
                if !covered { missing.append(name) }
            }
            #expect(missing.isEmpty, "routes not in the access matrix: \(missing.joined(separator: ", "))")
        }
    }

    @Test("no role reads or writes what it must not")
    func matrix() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var failures: [String] = []
            for role in Self.roles {
                var client = role == "anonim" ? Client(app: app) : try await Client.signedIn(app, role)
                if role == "anonim" {
                    // An anonymous visitor with a session and a valid token still gets nothing.
                    _ = try await client.send(.GET, "/masuk")
                }
                for route in routes(p, seeded) {
                    let response = try await client.send(route.method, route.path, json: route.json, body: route.body)
                    let toSignIn =
                        response.status == .seeOther
                        && response.headers.first(name: .location)?.hasPrefix("/masuk") == true
                    let refused = [.unauthorized, .forbidden, .notFound].contains(response.status) || toSignIn
                    let allowed = route.allowed.contains(role)
                    if allowed == refused || (allowed && response.status == .internalServerError) {
                        failures.append(
                            "\(role) \(route.method) \(route.path): \(response.status.code) \(response.body.string.prefix(120))"
                        )
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("an operator sees only their own PD, and evaluator values only once released")
    func operatorScope() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var op = try await Client.signedIn(app, "operator.dinkes")
            let (status, overview) = try await op.json(.GET, "/api/v1/periods/\(p.period)")
            #expect(status == .ok)
            #expect(overview["units"]?.elements?.compactMap { $0["name"]?.stringValue } == ["Dinas Kesehatan"])
            #expect(overview["summary"] == .null)
            let (_, lke) = try await op.json(.GET, p.unit("Dinas Kesehatan"))
            #expect(lke["values"]?.members?.map(\.0) == ["unit"])  // no "evaluator" before release
            #expect(lke["permissions"]?.elements?.contains(.string("read_evaluation")) == false)
        }
    }

    @Test("no query crosses governments: another regency's admin finds nothing")
    func governments() async throws {
        try await withDemoApp { app, seeded in
            let other = Government(code: "lain", name: "Kabupaten Lain")
            try await other.create(on: app.db)
            let hash = try await app.password.async.hash(testPassword)
            try await User(
                governmentID: other.requireID(), username: "admin.lain", displayName: "Admin Lain", passwordHash: hash,
                role: .admin
            ).create(on: app.db)
            let p = DemoPaths(seeded)
            var admin = try await Client.signedIn(app, "admin.lain", government: "lain")
            #expect(try await admin.send(.GET, "/api/v1/periods/\(p.period)").status == .notFound)
            #expect(try await admin.send(.GET, p.unit("Dinas Kesehatan")).status == .notFound)
            let (_, periods) = try await admin.json(.GET, "/api/v1/periods")
            #expect(periods["periods"]?.elements?.isEmpty == true)
            let (_, units) = try await admin.json(.GET, "/api/v1/admin/units")
            #expect(units["units"]?.elements?.isEmpty == true)
            let response = try await admin.send(
                .PUT, "/api/v1/admin/units/\(p.units["Dinas Sosial"]!)", json: ["name": "Diambil", "version": 1])
            #expect(response.status == .notFound)
        }
    }
}
