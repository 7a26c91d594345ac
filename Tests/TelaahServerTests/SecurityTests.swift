import Foundation
import SQLKit
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// The findings of the security probe (issue 11), each with the test that shows it fixed.
@Suite("Security findings", .serialized)
struct SecurityTests {
    /// Signs in through the sign-in page's form, as a browser does (its token and cookie).
    static func formSignIn(_ client: inout Client, _ username: String, _ password: String, next: String = "/")
        async throws -> TestingHTTPResponse
    {
        let page = try await client.send(.GET, "/masuk")
        let token = try #require(page.body.string.firstMatch(of: /name="masuk" value="([^"]+)"/)?.1)
        var form = URLComponents()
        form.queryItems = [
            .init(name: "masuk", value: String(token)), .init(name: "username", value: username),
            .init(name: "password", value: password), .init(name: "lanjut", value: next),
        ]
        return try await client.send(
            .POST, "/masuk", body: form.percentEncodedQuery!, contentType: "application/x-www-form-urlencoded",
            csrf: false)
    }

    @Test("an unknown name costs the same bcrypt work as a wrong password (the configured cost)")
    func dummyHashCost() async throws {
        let cost6: (inout ServerConfiguration) -> Void = { $0.bcryptCost = 6 }
        try await withDemoApp(adjust: cost6) { app, _ in
            // Before: a cost-4 hash whatever the configuration (12–16 ms against 171–689 ms).
            #expect(app.dummyPasswordHash.contains("$06$"))
            var anonymous = Client(app: app)
            let unknown = try await anonymous.send(
                .POST, "/api/v1/session", json: ["username": "tidak.ada", "password": "salah-sekali"])
            #expect(unknown.status == .unauthorized)
            #expect(unknown.body.string.contains("Nama pengguna atau kata sandi salah."))
        }
    }

    @Test("parallel guesses for one name: each attempt is counted before its password is checked")
    func parallelGuesses() async throws {
        try await withDemoApp { app, _ in
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<30 {
                    group.addTask {
                        var client = Client(app: app)
                        return try await client.send(
                            .POST, "/api/v1/session", json: ["username": "ketua.tim", "password": "tebakan-\(i)"]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Before: 56 of 60 parallel guesses were checked.
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 25)
            let checked = try await (app.db as! any SQLDatabase).raw(
                "SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'login_failed' AND object_id = 'ketua.tim'"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(checked == 5)
        }
    }

    @Test("a new password, a deactivation or another role ends the account's sessions")
    func sessionsEnd() async throws {
        try await withDemoApp { app, seeded in
            var ketua = try await Client.signedIn(app, "ketua.tim")
            var anggota = try await Client.signedIn(app, "anggota.tim")
            var admin = try await Client.signedIn(app, "admin")
            // A password reset: the old cookie stops working at once.
            let reset = try await admin.send(
                .PUT, "/api/v1/admin/users/\(seeded.users["ketua.tim"]!)",
                json: [
                    "display_name": "Ketua Tim 1", "role": "auditor", "password": "kata-sandi-baru-1", "version": 1,
                ])
            #expect(reset.status == .ok)
            #expect(try await ketua.send(.GET, "/api/v1/me").status == .unauthorized)
            // Deactivated then reactivated: old sessions do not come back.
            let id = seeded.users["anggota.tim"]!
            for (active, version) in [(false, 1), (true, 2)] {
                let r = try await admin.send(
                    .PUT, "/api/v1/admin/users/\(id)",
                    json: ["display_name": "Anggota Tim 1", "role": "auditor", "active": active, "version": version])
                #expect(r.status == .ok)
            }
            #expect(try await anggota.send(.GET, "/api/v1/me").status == .unauthorized)
            // The admin's own session stays when the admin changes their own account.
            let own = try await admin.send(
                .PUT, "/api/v1/admin/users/\(seeded.users["admin"]!)",
                json: ["display_name": "Admin", "role": "admin", "password": "kata-sandi-admin-2", "version": 1])
            #expect(own.status == .ok)
            #expect(try await admin.send(.GET, "/api/v1/me").status == .ok)
            // A change of name only keeps sessions.
            var pimpinan = try await Client.signedIn(app, "pimpinan")
            let renamed = try await admin.send(
                .PUT, "/api/v1/admin/users/\(seeded.users["pimpinan"]!)",
                json: ["display_name": "H. Bupati", "role": "pimpinan", "version": 1])
            #expect(renamed.status == .ok)
            #expect(try await pimpinan.send(.GET, "/api/v1/me").status == .ok)
        }
    }

    @Test("the audit chain cannot be rewritten without the key")
    func keyedChain() async throws {
        try await withDemoApp { app, _ in
            let sql = app.db as! any SQLDatabase
            guard case .intact(let count, _) = try await AuditLog.verify(on: app.db, seal: app.auditSeal) else {
                Issue.record("chain not intact")
                return
            }
            // What someone with the database but not the key can do: change an entry and recompute
            // every hash after it with plain SHA-256, and the head with them. Before, verify said "utuh".
            let rows = try await sql.select().column("*").from("audit_entries").orderBy("seq")
                .all(decoding: AuditLog.Row.self)
            var previous = AuditLog.genesisHash
            for row in rows {
                var entry = row.entry
                if entry.seq == 3 { entry.after = #"{"name":"Dipalsukan"}"# }
                entry.prevHash = previous
                entry.hash = entry.recomputedHash(nil)
                previous = entry.hash
                try await sql.update("audit_entries").set("after_json", to: SQLBind(entry.after))
                    .set("prev_hash", to: SQLBind(entry.prevHash)).set("hash", to: SQLBind(entry.hash))
                    .where("seq", .equal, SQLBind(entry.seq)).run()
            }
            try await sql.update("audit_head").set("hash", to: SQLBind(previous)).run()
            let result = try await AuditLog.verify(on: app.db, seal: app.auditSeal)
            #expect(result == .broken(seq: 1, reason: "isi entri 1 diubah (atau disegel tanpa kunci)"))
            #expect(count == rows.count)
            // Another key is refused by name before any entry is read.
            guard case .broken(0, let reason) = try await AuditLog.verify(on: app.db, seal: .random()) else {
                Issue.record("a wrong key was accepted")
                return
            }
            #expect(reason.contains("bukan kunci rantai ini"))
        }
    }

    @Test("a chain cut back, its head moved back, is found against the head log kept outside")
    func cutTail() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-anchor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let log = dir.appendingPathComponent("audit-anchor.log").path
        try await withDemoApp { app, seeded in
            let anchor = try AuditAnchor(path: log)
            try await anchor.record(from: app.db)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            for i in 1...3 {
                let r = try await ketua.send(
                    .PUT, "\(DemoPaths(seeded).unit("Dinas Pendidikan dan Kebudayaan"))/answers/4.a.\(i)",
                    json: ["code": "Y", "version": 0])
                #expect(r.status == .ok)
            }
            try await anchor.record(from: app.db)
            let lines = try AuditAnchor.read(path: log)
            #expect(lines.count == 2)
            #expect(try await AuditLog.verify(on: app.db, seal: app.auditSeal, anchors: lines).isIntact)
            // Cut the last three entries and move the head back to the new last one.
            let sql = app.db as! any SQLDatabase
            let head = try #require(try await AuditLog.head(on: app.db))
            try await sql.raw("DELETE FROM audit_entries WHERE seq > \(bind: head.seq - 3)").run()
            let last = try #require(
                try await sql.raw("SELECT seq, hash FROM audit_entries WHERE seq = \(bind: head.seq - 3)")
                    .first(decoding: AuditLog.Head.self))
            try await sql.update("audit_head").set("seq", to: SQLBind(last.seq)).set("hash", to: SQLBind(last.hash))
                .run()
            // The database alone cannot tell (docs/access.md says so) …
            #expect(try await AuditLog.verify(on: app.db, seal: app.auditSeal).isIntact)
            // … the head log can.
            let result = try await AuditLog.verify(on: app.db, seal: app.auditSeal, anchors: lines)
            guard case .broken(_, let reason) = result else {
                Issue.record("a cut tail was not found: \(result)")
                return
            }
            #expect(reason.contains("ekor rantai dipotong"))
            #expect(reason.contains("audit-anchor.log baris 2"))
        }
    }

    @Test("an old chain is sealed with the key once: checked first, then every hash keyed")
    func reseal() async throws {
        try await withDemoApp { app, _ in
            let sql = app.db as! any SQLDatabase
            // Make the chain what it was before M0014: plain SHA-256, no key recorded.
            let rows = try await sql.select().column("*").from("audit_entries").orderBy("seq")
                .all(decoding: AuditLog.Row.self)
            var previous = AuditLog.genesisHash
            for row in rows {
                var entry = row.entry
                entry.prevHash = previous
                entry.hash = entry.recomputedHash(nil)
                previous = entry.hash
                try await sql.update("audit_entries").set("prev_hash", to: SQLBind(entry.prevHash))
                    .set("hash", to: SQLBind(entry.hash)).where("seq", .equal, SQLBind(entry.seq)).run()
            }
            try await sql.raw("UPDATE audit_head SET hash = \(bind: previous), key_id = NULL").run()
            let seal = AuditSeal.random()
            try await M0014KeyedAudit.reseal(on: app.db, seal: seal)
            #expect(try await AuditLog.verify(on: app.db, seal: seal) == .intact(entries: rows.count, anchors: 0))
            // A process with another key refuses to start writing into it.
            await #expect(throws: ConfigurationError.self) { try await AuditLog.checkKey(.random(), on: app.db) }
            try await AuditLog.checkKey(seal, on: app.db)
        }
    }

    @Test("after sign-in only a path of this site: no tab, newline or backslash trick")
    func openRedirect() async throws {
        #expect(PageRoutes.safeNext("/\t/evil.example") == "/")
        #expect(PageRoutes.safeNext("/\n/evil.example") == "/")
        #expect(PageRoutes.safeNext("/ /evil.example") == "/")
        #expect(PageRoutes.safeNext("//evil.example") == "/")
        #expect(PageRoutes.safeNext("/\\evil.example") == "/")
        #expect(PageRoutes.safeNext("https://evil.example") == "/")
        #expect(PageRoutes.safeNext("/periode/abc?x=1") == "/periode/abc?x=1")
        try await withDemoApp { app, _ in
            var client = Client(app: app)
            let page = try await client.send(.GET, "/masuk?lanjut=%2F%09%2Fevil.example")
            #expect(page.body.string.contains(#"name="lanjut" value="/""#))
            let r = try await Self.formSignIn(&client, "admin", testPassword, next: "/\t/evil.example")
            #expect(r.status == .seeOther)
            #expect(r.headers.first(name: .location) == "/")
        }
    }

    @Test("the lock holds a name from one address, not the name everywhere, behind a trusted proxy")
    func lockByNameAndAddress() async throws {
        let behindProxy: (inout ServerConfiguration) -> Void = {
            $0.trustedProxies = [IPRange("127.0.0.1")!, IPRange("::1")!]
        }
        try await withDemoApp(adjust: behindProxy) { app, _ in
            for i in 1...5 {
                let status = try await Self.attempt(app, "ketua.tim", "salah-\(i)", from: "10.0.0.1")
                #expect(status == .unauthorized)
            }
            let locked = try await Self.attempt(app, "ketua.tim", testPassword, from: "10.0.0.1")
            #expect(locked == .tooManyRequests)
            // Before: five guesses locked the name for everyone, and the address for every name.
            let elsewhere = try await Self.attempt(app, "ketua.tim", testPassword, from: "10.0.0.2")
            #expect(elsewhere == .ok)
            let otherName = try await Self.attempt(app, "anggota.tim", testPassword, from: "10.0.0.1")
            #expect(otherName == .ok)
        }
        // Without a trusted proxy, what a client writes in X-Forwarded-For is not its address.
        #expect(
            clientAddress(peer: "192.0.2.1", forwarded: ["10.9.9.9"], trusted: []) == "192.0.2.1")
        #expect(
            clientAddress(
                peer: "127.0.0.1", forwarded: ["10.9.9.9, 198.51.100.7", "127.0.0.1"],
                trusted: [IPRange("127.0.0.0/8")!]) == "198.51.100.7")
        #expect(IPRange("10.0.0.0/8")!.contains("10.200.3.4"))
        #expect(!IPRange("10.0.0.0/8")!.contains("11.0.0.1"))
        #expect(IPRange("2001:db8::/32")!.contains("2001:db8::1"))
        #expect(IPRange("bukan-alamat") == nil)
    }

    /// A sign-in over a real socket, through a proxy on loopback that names the client `address`.
    static func attempt(_ app: Application, _ name: String, _ password: String, from address: String) async throws
        -> HTTPStatus
    {
        var client = Client(app: app, live: true)
        return try await client.send(
            .POST, "/api/v1/session", json: ["username": name, "password": password],
            headers: [("X-Forwarded-For", "203.0.113.9, \(address)")]
        ).status
    }

    @Test("a deactivated PD is read by the Admin and the Inspektur only, and written by no one")
    func deactivatedUnit() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var admin = try await Client.signedIn(app, "admin")
            let off = try await admin.send(
                .PUT, "/api/v1/admin/units/\(p.units["Dinas Kesehatan"]!)",
                json: ["name": "Dinas Kesehatan", "active": false, "version": 1])
            #expect(off.status == .ok)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            // Before: its team still read and wrote it.
            #expect(try await ketua.send(.GET, p.unit("Dinas Kesehatan")).status == .forbidden)
            #expect(
                try await ketua.send(
                    .PUT, "\(p.unit("Dinas Kesehatan"))/answers/1.a.1", json: ["code": "Y", "version": 1]
                ).status == .forbidden)
            var op = try await Client.signedIn(app, "operator.dinkes")
            #expect(try await op.send(.GET, p.unit("Dinas Kesehatan")).status == .forbidden)
            #expect(try await admin.send(.GET, p.unit("Dinas Kesehatan")).status == .ok)
            var inspektur = try await Client.signedIn(app, "inspektur")
            #expect(try await inspektur.send(.GET, p.page("Dinas Kesehatan")).status == .ok)
        }
    }

    @Test("a closed period is read as before and changed by no one, until opened again")
    func closedPeriod() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            var admin = try await Client.signedIn(app, "admin")
            let closed = try await admin.send(
                .PUT, "/api/v1/admin/periods/\(p.period)", json: ["status": "closed", "version": 1])
            #expect(closed.status == .ok)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            #expect(try await ketua.send(.GET, p.unit("Dinas Kesehatan")).status == .ok)
            let refused = try await ketua.send(
                .PUT, "\(p.unit("Dinas Kesehatan"))/answers/4.a.1", json: ["code": "Y", "version": 0])
            #expect(refused.status == .forbidden)
            #expect(try await ketua.send(.GET, "/periode/\(p.period)").body.string.contains("periode ditutup"))
            let stale = try await admin.send(
                .PUT, "/api/v1/admin/periods/\(p.period)", json: ["status": "open", "version": 1])
            #expect(stale.status == .conflict)
            let opened = try await admin.send(
                .PUT, "/api/v1/admin/periods/\(p.period)", json: ["status": "open", "version": 2])
            #expect(opened.status == .ok)
            let saved = try await ketua.send(
                .PUT, "\(p.unit("Dinas Kesehatan"))/answers/4.a.1", json: ["code": "Y", "version": 0])
            #expect(saved.status == .ok)
        }
    }

    @Test("an anonymous sign-in page writes no session; a form too large is refused unread")
    func anonymousAndLargeForms() async throws {
        try await withDemoApp { app, _ in
            let sql = app.db as! any SQLDatabase
            func sessions() async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_sessions").first()!.decode(
                    column: "n", as: Int.self)
            }
            let before = try await sessions()
            for _ in 0..<5 {
                var visitor = Client(app: app)
                let page = try await visitor.send(.GET, "/masuk")
                #expect(page.status == .ok)
                #expect(visitor.cookie == nil)
                #expect(
                    page.headers[.setCookie].contains { $0.contains("telaah_masuk=") && $0.contains("SameSite=Strict") }
                )
            }
            // Before: a session row for every visit.
            #expect(try await sessions() == before)
            // The form's own token must match its cookie.
            var stranger = Client(app: app)
            let forged = try await stranger.send(
                .POST, "/masuk", body: "masuk=ditebak&username=admin&password=\(testPassword)",
                contentType: "application/x-www-form-urlencoded", csrf: false)
            #expect(forged.status == .forbidden)
            var browser = Client(app: app)
            #expect(try await Self.formSignIn(&browser, "admin", testPassword).status == .seeOther)
            // A signed-in form larger than any page's is refused before it is read whole.
            let big = "csrf=x&isi=" + String(repeating: "a", count: 200_000)
            let r = try await browser.send(
                .POST, "/keluar", body: big, contentType: "application/x-www-form-urlencoded", csrf: false)
            #expect(r.status == .payloadTooLarge)
        }
    }

    @Test("the data folder is its owner's alone: folder 0700, database, key and head log 0600")
    func filePermissions() throws {
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-data-\(UUID().uuidString)").path
        let config = try ServerConfiguration.sqlite(dataDirectory: dir)
        #expect(try mode(dir) == 0o700)
        #expect(try mode(dir + "/telaah.sqlite") == 0o600)
        #expect(try mode(dir + "/audit.key") == 0o600)
        _ = try AuditAnchor(path: config.auditAnchorPath!)
        #expect(try mode(config.auditAnchorPath!) == 0o600)
        // The same key on the next start.
        #expect(try ServerConfiguration.sqlite(dataDirectory: dir).auditSeal.id == config.auditSeal.id)
    }
}

extension AuditLog.Verification {
    var isIntact: Bool { if case .intact = self { true } else { false } }
}
