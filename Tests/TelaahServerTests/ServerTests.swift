import Foundation
import SQLKit
import TelaahCore
import Testing
import VaporTesting

@testable import TelaahServer

@Suite("Signing in, CSRF, versions, audit")
struct ServerTests {
    @Test("a wrong password is refused with one message; five failures lock the name")
    func signInAndThrottle() async throws {
        try await withDemoApp { app, _ in
            var client = Client(app: app)
            for attempt in 1...5 {
                let r = try await client.send(
                    .POST, "/api/v1/session", json: ["username": "ketua.tim", "password": "salah-\(attempt)"])
                #expect(r.status == .unauthorized)
                #expect(r.body.string.contains("Nama pengguna atau kata sandi salah."))
            }
            let locked = try await client.send(
                .POST, "/api/v1/session", json: ["username": "ketua.tim", "password": testPassword])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers.first(name: "Retry-After") != nil)
            let unknown = try await client.send(
                .POST, "/api/v1/session", json: ["username": "tidak.ada", "password": "x"])
            #expect(unknown.status == .unauthorized || unknown.status == .tooManyRequests)
        }
    }

    @Test("the session cookie is HttpOnly and SameSite; a new id at every sign-in; sign-out ends it")
    func session() async throws {
        try await withDemoApp { app, _ in
            var client = Client(app: app)
            _ = try await client.send(.GET, "/masuk")
            let before = client.cookie
            let r = try await client.send(
                .POST, "/api/v1/session", json: ["username": "admin", "password": testPassword])
            #expect(r.status == .ok)
            let setCookie = r.headers[.setCookie].first { $0.hasPrefix("telaah_sesi=") } ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(client.cookie != nil && client.cookie != before)
            client.csrf = try JSONValue.parse(r.body.string)["csrf_token"]?.stringValue
            #expect(try await client.send(.GET, "/api/v1/me").status == .ok)
            #expect(try await client.send(.DELETE, "/api/v1/session").status == .noContent)
            #expect(try await client.send(.GET, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test("SQLite's session cache: a session read is used for its lifetime, never past its end or a change")
    func sessionCache() {
        let cache = SessionCache(lifetime: 5, capacity: 2)
        var data = SessionData()
        data["uid"] = UUID().uuidString
        func entry(expiresAt: Double, readAt: Double) -> SessionCache.Entry {
            .init(data: data, account: nil, expiresAt: expiresAt, readAt: readAt)
        }
        cache.keep("a", entry(expiresAt: 1_000, readAt: 100), readSince: cache.generation)
        #expect(cache["a", 104.9]?.data == data)
        #expect(cache["a", 105] == nil)  // read again after its lifetime
        cache.keep("b", entry(expiresAt: 200, readAt: 198), readSince: cache.generation)
        #expect(cache["b", 199] != nil)
        #expect(cache["b", 200] == nil)  // the session ended
        // A read that began before a sign-out or an account change is not kept: it may hold the
        // row as it was.
        let before = cache.generation
        cache.forget("b")
        cache.keep("b", entry(expiresAt: 1_000, readAt: 198), readSince: before)
        #expect(cache["b", 199] == nil)
        cache.keep("b", entry(expiresAt: 1_000, readAt: 198), readSince: cache.generation)
        cache.keep("c", entry(expiresAt: 1_000, readAt: 199), readSince: cache.generation)
        #expect(cache["a", 199] == nil)  // full: the entries past their lifetime went
        #expect(cache["b", 199] != nil && cache["c", 199] != nil)
        cache.forgetAll()
        #expect(cache["c", 199] == nil)
    }

    @Test("every state-changing request without the CSRF token is refused")
    func csrf() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var client = try await Client.signedIn(app, "ketua.tim")
            let path = "\(p.unit("Dinas Pendidikan dan Kebudayaan"))/answers/1.a.2"
            let missing = try await client.send(.PUT, path, json: ["code": "Y", "version": 0], csrf: false)
            #expect(missing.status == .forbidden)
            #expect(missing.body.string.contains("CSRF"))
            let wrong = try await client.send(
                .PUT, path, json: ["code": "Y", "version": 0], csrf: false, headers: [("X-CSRF-Token", "palsu")])
            #expect(wrong.status == .forbidden)
            let form = try await client.send(
                .POST, "/keluar", body: "csrf=palsu", contentType: "application/x-www-form-urlencoded", csrf: false)
            #expect(form.status == .forbidden)
            #expect(try await client.send(.PUT, path, json: ["code": "Y", "version": 0]).status == .ok)
        }
    }

    @Test("a write based on a stale version gets 409 and nothing is overwritten")
    func staleWrite() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            var anggota = try await Client.signedIn(app, "anggota.tim")
            let path = "\(p.unit("Dinas Kesehatan"))/grades/1.b"
            let (s1, first) = try await ketua.json(
                .PUT, path, json: ["grade": "CC", "justification": "Renstra belum SMART", "version": 0])
            #expect(s1 == .ok)
            #expect(first["grade"]?["version"] == .number("1"))
            let (s2, conflict) = try await anggota.json(
                .PUT, path, json: ["grade": "B", "justification": "x", "version": 0])
            #expect(s2 == .conflict)
            #expect(conflict["reason"]?.stringValue?.contains("sudah diubah orang lain") == true)
            let (_, lke) = try await ketua.json(.GET, p.unit("Dinas Kesehatan"))
            #expect(lke["values"]?["evaluator"]?["grades"]?["1.b"]?["grade"] == .string("CC"))
            let (s3, _) = try await anggota.json(.PUT, path, json: ["grade": "B", "justification": "x", "version": 1])
            #expect(s3 == .ok)
        }
    }

    @Test("saving an answer rescores: the suggestion, the grade, the total")
    func rescoring() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            let unit = p.unit("Dinas Pendidikan dan Kebudayaan")
            var last = JSONValue.null
            for i in 1...7 {
                let (status, body) = try await ketua.json(
                    .PUT, "\(unit)/answers/1.a.\(i)", json: ["code": i == 7 ? "T" : "Y", "version": 0])
                #expect(status == .ok)
                last = body
            }
            let sub = last["result"]?["subcomponents"]?["1.a"]
            #expect(sub?["fulfilment"] == .number("85.71"))
            #expect(sub?["suggested_grade"] == .string("B"))
            #expect(sub?["score"] == .number("4.20"))
            #expect(last["result"]?["total"] == .null)
            // On SQLite the saves went through the writer's own connection, and each result was
            // read on the event loop's own connection after the commit.
            if TestDatabase.postgresURL == nil {
                #expect((app.sqliteWriter?.ownGroups ?? 0) >= 7)
                #expect((app.sqliteReaders?.reads ?? 0) > 0)
            }
            // A grade other than the suggestion needs a justification: refused, nothing saved.
            let (refused, reason) = try await ketua.json(
                .PUT, "\(unit)/grades/1.a", json: ["grade": "BB", "version": 0])
            #expect(refused == .unprocessableEntity)
            #expect(reason["reason"]?.stringValue?.contains("justifikasi") == true)
            let (_, lke) = try await ketua.json(.GET, unit)
            #expect(lke["values"]?["evaluator"]?["grades"]?["1.a"] == nil)
            // Bad codes are refused with the allowed ones.
            let (bad, message) = try await ketua.json(.PUT, "\(unit)/answers/1.b.4", json: ["code": "Y", "version": 0])
            #expect(bad == .unprocessableEntity)
            #expect(message["reason"]?.stringValue == "jawaban \"Y\" tidak sah; pilihan: a/b/c/d/e")
        }
    }

    @Test("the audit chain is intact after changes; a tampered or removed entry is named")
    func auditChain() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            for i in 1...3 {
                _ = try await ketua.send(
                    .PUT, "\(p.unit("Dinas Kesehatan"))/answers/4.a.\(i)", json: ["code": "Y", "version": 0])
            }
            guard case .intact(let count, _) = try await AuditLog.verify(on: app.db, seal: app.auditSeal) else {
                Issue.record("chain not intact")
                return
            }
            #expect(count > 10)
            let sql = app.db as! any SQLDatabase
            let target = Int64(count - 2)
            try await sql.raw("UPDATE audit_entries SET after_json = '{\"code\":\"T\"}' WHERE seq = \(bind: target)")
                .run()
            #expect(
                try await AuditLog.verify(on: app.db, seal: app.auditSeal)
                    == .broken(seq: target, reason: "isi entri \(target) diubah (atau disegel tanpa kunci)"))
            try await sql.raw("DELETE FROM audit_entries WHERE seq = \(bind: target)").run()
            guard case .broken(let seq, let reason) = try await AuditLog.verify(on: app.db, seal: app.auditSeal) else {
                Issue.record("removal not found")
                return
            }
            #expect(seq == target)
            #expect(reason.contains("hilang"))
        }
    }

    @Test("history of a PD lists who changed what, before and after")
    func history() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            let unit = p.unit("Dinas Pendidikan dan Kebudayaan")
            #expect(
                try await ketua.send(.PUT, "\(unit)/answers/2.a.2", json: ["code": "b", "version": 0]).status == .ok)
            let second = try await ketua.send(
                .PUT, "\(unit)/answers/2.a.2", json: ["code": "a", "note": "SOP ada", "version": 1])
            #expect(second.status == .ok)
            let (_, history) = try await ketua.json(.GET, "\(unit)/history")
            let entries = history["entries"]?.elements ?? []
            let last = try #require(entries.last)
            #expect(last["user"] == .string("ketua.tim"))
            #expect(last["action"] == .string("update"))
            #expect(last["before"]?.stringValue?.contains("\"code\":\"b\"") == true)
            #expect(last["after"]?.stringValue?.contains("\"code\":\"a\"") == true)
            let page = try await ketua.send(.GET, p.page("Dinas Pendidikan dan Kebudayaan") + "/riwayat")
            #expect(page.status == .ok)
            // In words, newest first, by name, in WIB.
            let text = page.body.string
            #expect(text.contains("2.a.2 (jawaban evaluator): b → a; catatan: “SOP ada”"))
            #expect(text.contains("2.a.2 (jawaban evaluator): — → b"))
            #expect(text.contains("Ketua Tim 1 (ketua.tim)"))
            #expect(text.contains(" WIB"))
            #expect(text.range(of: "b → a")!.lowerBound < text.range(of: "— → b")!.lowerBound)
        }
    }

    @Test("the period overview gives every PD's progress, totals and the regency summary")
    func overview() async throws {
        try await withDemoApp { app, seeded in
            var admin = try await Client.signedIn(app, "admin")
            let (status, o) = try await admin.json(.GET, "/api/v1/periods/\(seeded.periodID)")
            #expect(status == .ok)
            let units = o["units"]?.elements ?? []
            #expect(units.count == 51)
            let bapenda = units.first { $0["name"] == .string("Badan Pendapatan Daerah") }
            #expect(bapenda?["total"] != .null)
            #expect(o["summary"]?["overall"]?["units"] != nil)
            // Inspektorat, Bapenda, Kecamatan Betung and the seven of Tim 1 past the evaluation.
            #expect(o["complete"] == .number("10"))
            // The Bupati reads final results only.
            var pimpinan = try await Client.signedIn(app, "pimpinan")
            let (_, seen) = try await pimpinan.json(.GET, "/api/v1/periods/\(seeded.periodID)")
            #expect(
                seen["units"]?.elements?.compactMap { $0["name"]?.stringValue }
                    == ["Dinas Perpustakaan dan Kearsipan", "Badan Pendapatan Daerah"])
        }
    }

    @Test("admin: CSV import is all or nothing, naming the line")
    func importUnits() async throws {
        try await withDemoApp { app, _ in
            var admin = try await Client.signedIn(app, "admin")
            let bad = try await admin.send(
                .POST, "/api/v1/admin/units/import",
                body: "perangkat_daerah,cluster\nDinas A,Unit Utama\nDinas Kesehatan,Unit Utama\n")
            #expect(bad.status == .conflict)
            #expect(bad.body.string.contains("CSV baris 3"))
            let (_, units) = try await admin.json(.GET, "/api/v1/admin/units")
            #expect(units["units"]?.elements?.contains { $0["name"] == .string("Dinas A") } == false)
            let good = try await admin.send(
                .POST, "/api/v1/admin/units/import", body: "nama,klaster\nDinas A,Unit Baru\nDinas B,\n")
            #expect(good.status == .created)
        }
    }

    @Test("admin: a framework upload is validated by the core, faults named with their line")
    func frameworkUpload() async throws {
        try await withDemoApp { app, _ in
            var admin = try await Client.signedIn(app, "admin")
            let broken = try await admin.send(.POST, "/api/v1/admin/frameworks", body: "format: 1\nid: x\n")
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.body.string.contains("kunci wajib"))
            let yaml = BundledFrameworks.defaultYAML.replacingOccurrences(
                of: "version: \"2024.1\"", with: "version: \"2025.1\"")
            let (status, body) = try await admin.json(.POST, "/api/v1/admin/frameworks")
            #expect(status == .badRequest)
            _ = body
            let ok = try await admin.send(.POST, "/api/v1/admin/frameworks", body: yaml)
            #expect(ok.status == .created)
            let again = try await admin.send(.POST, "/api/v1/admin/frameworks", body: yaml)
            #expect(again.status == .conflict)
        }
    }

    @Test("the LKE page shows criteria, guidance, wordings and what is not yet answered")
    func lkePage() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            let page = try await ketua.send(.GET, p.page("Dinas Kesehatan"))
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Terdapat pedoman teknis perencanaan kinerja."))
            #expect(html.contains("class=\"criterion unanswered\""))
            #expect(html.contains("name=\"csrf-token\""))
            #expect(!html.contains("74.62"))
            // The guidance and the a–e wordings come once per framework version, kept by the browser.
            let texts = try #require(html.firstMatch(of: /<script src="(\/kerangka\/[^"]+)">/)?.1)
            let script = try await ketua.send(.GET, String(texts))
            #expect(script.status == .ok)
            #expect(script.headers.first(name: .cacheControl)?.contains("immutable") == true)
            #expect(script.body.string.contains("75% < ukuran keberhasilan SMART"))
            #expect(script.body.string.contains("Petunjuk") == false && script.body.string.contains("\"guidance\""))
            #expect(!html.contains("ukuran keberhasilan SMART"))
            var op = try await Client.signedIn(app, "operator.setda")
            let other = try await op.send(.GET, p.page("Dinas Kesehatan"))
            #expect(other.status == .forbidden)
            // Another government's accounts do not read this framework's texts.
            var anonymous = Client(app: app)
            #expect(try await anonymous.send(.GET, String(texts)).status != .ok)
        }
    }

    @Test("health, metrics, the login page, the stylesheet and the script answer")
    func operations() async throws {
        try await withDemoApp { app, _ in
            var client = Client(app: app)
            #expect(try await client.send(.GET, "/healthz").status == .ok)
            #expect(try await client.send(.GET, "/metrics").status == .ok)
            let login = try await client.send(.GET, "/masuk")
            #expect(login.status == .ok)
            #expect(login.body.string.contains("Kata sandi"))
            let home = try await client.send(.GET, "/", headers: [("Accept", "text/html")])
            #expect(home.status == .seeOther || home.status == .found)
            let css = try await client.send(.GET, "/telaah.css")
            #expect(css.status == .ok && css.headers.contentType == .css)
            #expect(try await client.send(.GET, "/telaah.js").status == .ok)
            #expect(try await client.send(.GET, "/tidak-ada.css").status == .notFound)
        }
    }
}
