import Foundation
import SQLKit
import TelaahCore
import TelaahDemo
import TelaahDocuments
import Testing
import VaporTesting

@testable import TelaahServer

/// A real regency from nothing (`telaah setup`), and several governments in one database.
@Suite("Setup", .serialized)
struct SetupTests {
    @Test("set up from nothing: the new admin signs in, opens a period, adds a PD and a user")
    func fromNothing() async throws {
        try await withApp { app in
            #expect(try await Government.query(on: app.db).count() == 0)
            var visitor = Client(app: app)
            #expect(try await visitor.send(.GET, "/masuk").body.string.contains("telaah setup --government"))
            let setup = try await Setup.run(app, government: " Kabupaten Uji Coba ", admin: "Admin.Uji", password: nil)
            #expect(setup.government == "Kabupaten Uji Coba")
            #expect(setup.code == "uji-coba")
            #expect(setup.admin == "admin.uji")
            #expect(setup.generated && setup.password.count >= AccountRules.minimumPasswordLength)
            var admin = Client(app: app)
            let signIn = try await admin.send(
                .POST, "/api/v1/session", json: ["username": "admin.uji", "password": setup.password])
            #expect(signIn.status == .ok)
            admin.csrf = try JSONValue.parse(signIn.body.string)["csrf_token"]?.stringValue
            // Its settings carry sensible defaults: head, number pattern, tembusan.
            let (_, government) = try await admin.json(.GET, "/api/v1/admin/government")
            #expect(government["head_title"] == .string("Bupati"))
            #expect(government["tembusan_kompilasi"]?.stringValue?.contains("Kepala Perwakilan BPKP") == true)
            // The bundled LKE is there, not yet frozen: a first period opens on it.
            let (_, frameworks) = try await admin.json(.GET, "/api/v1/admin/frameworks")
            let framework = try #require(frameworks["frameworks"]?.elements?.first?["id"]?.stringValue)
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            let (created, period) = try await admin.json(
                .POST, "/api/v1/admin/periods",
                json: ["name": "Evaluasi AKIP \(year)", "evaluation_year": year, "framework_version_id": framework])
            #expect(created == .created)
            // A second click on the same year is refused; so is a year past next year.
            let (again, refusal) = try await admin.json(
                .POST, "/api/v1/admin/periods",
                json: ["name": "Lagi", "evaluation_year": year, "framework_version_id": framework])
            #expect(again == .conflict)
            #expect(refusal["reason"]?.stringValue?.contains("sudah ada") == true)
            let (far, _) = try await admin.json(
                .POST, "/api/v1/admin/periods",
                json: ["name": "Jauh", "evaluation_year": year + 2, "framework_version_id": framework])
            #expect(far == .unprocessableEntity)
            let (unit, _) = try await admin.json(.POST, "/api/v1/admin/units", json: ["name": "Dinas Uji"])
            #expect(unit == .created)
            let (user, _) = try await admin.json(
                .POST, "/api/v1/admin/users",
                json: [
                    "username": "ketua.uji", "display_name": "Ketua Uji", "password": "kata-sandi-ketua",
                    "role": "auditor",
                ])
            #expect(user == .created)
            let periodID = try #require(period["id"]?.stringValue)
            #expect(try await admin.send(.GET, "/periode/\(periodID)").body.string.contains("Dinas Uji"))
            #expect(try await AuditLog.verify(on: app.db, seal: app.auditSeal).isIntact)
        }
    }

    @Test("setup refuses a government that exists, a bad name and a short password")
    func refusals() async throws {
        try await withApp { app in
            _ = try await Setup.run(app, government: "Kabupaten Uji Coba", admin: "admin", password: "kata-sandi-uji")
            for (government, admin, password) in [
                ("Kabupaten Uji Coba", "admin2", nil), ("kabupaten uji coba", "admin", nil),
                ("Kab", "admin", nil), ("Kabupaten Lain", "a", nil), ("Kabupaten Lain", "admin", "pendek"),
            ] as [(String, String, String?)] {
                await #expect(throws: ConfigurationError.self, "\(government) \(admin)") {
                    _ = try await Setup.run(app, government: government, admin: admin, password: password)
                }
            }
            #expect(try await Government.query(on: app.db).count() == 1)
        }
    }

    @Test("two governments in one database: the same user name in each, chosen at sign-in")
    func severalGovernments() async throws {
        try await withApp { app in
            _ = try await Setup.run(app, government: "Kabupaten Uji Coba", admin: "admin", password: "sandi-kabupaten")
            let city = try await Setup.run(app, government: "Kota Uji", admin: "admin", password: "sandi-kota-uji")
            #expect(city.code == "kota-uji")
            var anyone = Client(app: app)
            let unnamed = try await anyone.send(
                .POST, "/api/v1/session", json: ["username": "admin", "password": "sandi-kota-uji"])
            #expect(unnamed.status == .unprocessableEntity)
            #expect(unnamed.body.string.contains("Pilih pemerintah daerah"))
            // The sign-in page offers the choice.
            let page = try await anyone.send(.GET, "/masuk").body.string
            #expect(page.contains(#"<option value="kota-uji""#) && page.contains(#"<option value="uji-coba""#))
            // Each admin with their own password, in their own government only.
            var cityAdmin = Client(app: app)
            let wrong = try await cityAdmin.send(
                .POST, "/api/v1/session",
                json: ["username": "admin", "password": "sandi-kabupaten", "government": "kota-uji"])
            #expect(wrong.status == .unauthorized)
            let right = try await cityAdmin.send(
                .POST, "/api/v1/session",
                json: ["username": "admin", "password": "sandi-kota-uji", "government": "kota-uji"])
            #expect(right.status == .ok)
            cityAdmin.csrf = try JSONValue.parse(right.body.string)["csrf_token"]?.stringValue
            let (_, government) = try await cityAdmin.json(.GET, "/api/v1/admin/government")
            #expect(government["name"] == .string("Kota Uji"))
            #expect(government["head_title"] == .string("Wali Kota"))
            // A name taken in the other government is free here: no 409 that reveals it.
            var regencyAdmin = Client(app: app)
            let r = try await regencyAdmin.send(
                .POST, "/api/v1/session",
                json: ["username": "admin", "password": "sandi-kabupaten", "government": "uji-coba"])
            regencyAdmin.csrf = try JSONValue.parse(r.body.string)["csrf_token"]?.stringValue
            let operatorBody: [String: any Sendable] = [
                "username": "operator.x", "display_name": "Operator", "password": "kata-sandi-operator",
                "role": "auditor",
            ]
            #expect(try await regencyAdmin.json(.POST, "/api/v1/admin/users", json: operatorBody).0 == .created)
            #expect(try await cityAdmin.json(.POST, "/api/v1/admin/users", json: operatorBody).0 == .created)
            #expect(try await cityAdmin.json(.POST, "/api/v1/admin/users", json: operatorBody).0 == .conflict)
        }
    }

    @Test("a database migrated before M0012 keeps its users, now unique per government")
    func usernameMigration() async throws {
        try await withDemoApp { app, seeded in
            let sql = app.db as! any SQLDatabase
            let users = try await User.query(on: app.db).count()
            try await M0012UsernamePerGovernment().revert(on: app.db)
            try await M0012UsernamePerGovernment().prepare(on: app.db)
            // On SQLite M0012 rebuilds the table with the columns it knew; later migrations add theirs.
            if sql.dialect.name == "sqlite",
                try await !sql.raw("PRAGMA table_info(users)").all().contains(where: {
                    try $0.decode(column: "name", as: String.self) == "email"
                })
            {
                try await sql.raw("ALTER TABLE users ADD COLUMN email TEXT").run()
            }
            #expect(try await User.query(on: app.db).count() == users)
            // Foreign keys still hold: team members point at the same accounts.
            let members = try await TeamMember.query(on: app.db).count()
            #expect(members > 0)
            var ketua = try await Client.signedIn(app, "ketua.tim")
            #expect(try await ketua.send(.GET, DemoPaths(seeded).page("Dinas Kesehatan")).status == .ok)
            let other = Government(code: "lain", name: "Kabupaten Lain")
            try await other.create(on: app.db)
            try await User(
                governmentID: other.requireID(), username: "ketua.tim", displayName: "Ketua Lain", passwordHash: "x",
                role: .auditor
            ).create(on: app.db)
            await #expect(throws: (any Error).self) {
                try await User(
                    governmentID: other.requireID(), username: "ketua.tim", displayName: "Lagi", passwordHash: "x",
                    role: .auditor
                ).create(on: app.db)
            }
        }
    }

    @Test("the regency's own settings reach its letters: legal basis, head, tembusan")
    func settingsInLetters() async throws {
        try await withDemoApp { app, seeded in
            var admin = try await Client.signedIn(app, "admin")
            let (_, g) = try await admin.json(.GET, "/api/v1/admin/government")
            guard case .number(let number) = g["version"], let version = Int(number) else {
                Issue.record("no version")
                return
            }
            var body: [String: any Sendable] = ["name": "Kabupaten Banyuasin", "version": version]
            body["legal_basis"] = "Peraturan Bupati Banyuasin Nomor 7 Tahun 2024 tentang Pedoman Evaluasi AKIP"
            body["tembusan_lhe"] = "Bupati Banyuasin\nGubernur Sumatera Selatan"
            body["lhe_number_pattern"] = "700/{seq}/LHE/{year}"
            let (status, saved) = try await admin.json(.PUT, "/api/v1/admin/government", json: body)
            #expect(status == .ok)
            #expect(saved["legal_basis"]?.stringValue?.hasPrefix("Peraturan Bupati Banyuasin") == true)
            let lhe = try await admin.send(
                .GET, DemoPaths(seeded).unit("Badan Pendapatan Daerah") + "/documents/lhe.docx")
            #expect(lhe.status == .ok)
            let government = try #require(try await Government.query(on: app.db).first()?.id)
            let docs = try await PeriodDocuments.load(
                periodID: seeded.periodID, governmentID: government, db: app.db, frameworks: app.frameworks)
            let unit = try #require(docs.units.first { $0.name == "Badan Pendapatan Daerah" })
            let text = try docs.lhe(unit, date: DocumentDate(year: 2024, month: 10, day: 16)).package()
                .part("word/document.xml")!.text
            #expect(text.contains("Peraturan Bupati Banyuasin Nomor 7 Tahun 2024"))
            #expect(!text.contains("Murung Raya"))
            #expect(text.contains("Gubernur Sumatera Selatan"))
            #expect(text.contains("/LHE/2024"))
            // The period page names the regency's regulation, not the framework's.
            let page = try await admin.send(.GET, "/periode/\(seeded.periodID)").body.string
            #expect(page.contains("Peraturan Bupati Banyuasin Nomor 7 Tahun 2024"))
            #expect(!page.contains("Peraturan Bupati Murung Raya"))
            // A pattern without the sequence is refused.
            body["version"] = version + 1
            body["lhe_number_pattern"] = "700/LHE/{year}"
            #expect(try await admin.json(.PUT, "/api/v1/admin/government", json: body).0 == .unprocessableEntity)
        }
    }
}
