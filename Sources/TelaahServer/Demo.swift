import Fluent
import SQLKit
import TelaahCore
import Vapor

/// The demo: Kabupaten Banyuasin with the 51 PD and three clusters of its 2024 report (seed
/// 000), an evaluation period on the bundled framework, one account per role, two teams, and a
/// few PD already evaluated to different stages. Every write goes through the audit log.
public enum Demo {
    public struct Account: Sendable {
        public var username: String
        public var password: String
        public var role: String
        public var note: String
    }

    public struct Seeded: Sendable {
        public var accounts: [Account]
        public var periodID: UUID
        /// PD name → id.
        public var units: [String: UUID]
        /// Username → id.
        public var users: [String: UUID] = [:]
        /// Team name → id.
        public var teams: [String: UUID] = [:]
        public var frameworkVersionID: UUID? = nil
    }

    /// Seeds an empty database. `password` fixes every account's password (tests, browser
    /// runs); otherwise each gets a random one.
    public static func seed(_ app: Application, password: String? = nil) async throws -> Seeded {
        let db = app.db
        let csv = try String(
            contentsOf: TelaahApp.resources.appendingPathComponent("Demo/banyuasin-2024-tabel4.csv"), encoding: .utf8)
        let rows = try UnitTableReader.read(csv, framework: BundledFrameworks.default)
        let system = AuditActor.system

        func pw() -> String { password ?? [UInt8].random(count: 9).base64URL }
        let plans: [(String, String, AccessRules.AccountRole, String)] = [
            ("admin", "Admin Inspektorat", .admin, "mengelola periode, PD, pengguna, tim, kerangka"),
            ("inspektur", "Ir. Zakirin, SP., MM., CGCAE", .inspektur, "Penanggung Jawab; melihat semua"),
            ("pengendali.mutu", "Pengendali Mutu", .auditor, "Pengendali Mutu Tim 1"),
            ("pengendali.teknis", "Pengendali Teknis", .auditor, "Pengendali Teknis Tim 1"),
            ("ketua.tim", "Ketua Tim 1", .auditor, "Ketua Tim 1: PD no. 1–26"),
            ("anggota.tim", "Anggota Tim 1", .auditor, "Anggota Tim 1: PD no. 1–26"),
            ("anggota.tim2", "Ketua Tim 2", .auditor, "Ketua Tim 2: PD no. 27–51"),
            ("operator.dinkes", "Operator Dinas Kesehatan", .operator, "hanya Dinas Kesehatan"),
            ("operator.setda", "Operator Sekretariat Daerah", .operator, "hanya Sekretariat Daerah"),
            ("pimpinan", "Bupati Banyuasin", .pimpinan, "melihat hasil final"),
        ]
        var accounts: [Account] = []
        var hashes: [String] = []
        for plan in plans {
            let p = pw()
            accounts.append(Account(username: plan.0, password: p, role: plan.2.rawValue, note: plan.3))
            hashes.append(try await app.password.async.hash(p))
        }

        let passwordHashes = hashes
        let seeded = try await db.transaction { db in
            let gov = Government(code: "banyuasin", name: "Kabupaten Banyuasin")
            gov.province = "Sumatera Selatan"
            gov.city = "Pangkalan Balai"
            gov.inspektoratName = "Inspektorat Daerah Kabupaten Banyuasin"
            gov.address = "Jl. Lingkar Perkantoran Pemkab Banyuasin, Pangkalan Balai"
            gov.inspekturName = "Ir. Zakirin, SP., MM., CGCAE"
            gov.inspekturRank = "Pembina Utama Muda / IV.c"
            gov.inspekturNIP = "19750214 199903 1 006"
            gov.lheNumberPattern = "700/{seq}/LHE-AKIP/INSPEKTORAT/{year}"
            try await gov.create(on: db)
            let govID = try gov.requireID()
            try await AuditLog.append(
                on: db, actor: system, action: "create", objectType: "government", objectID: govID.uuidString,
                before: String?.none, after: ["name": gov.name, "demo": "true"])

            var clusterIDs: [String: UUID] = [:]
            for row in rows {
                guard let name = row.cluster, clusterIDs[name] == nil else { continue }
                let cluster = Cluster(governmentID: govID, name: name, position: clusterIDs.count + 1)
                try await cluster.create(on: db)
                clusterIDs[name] = try cluster.requireID()
            }
            var unitIDs: [String: UUID] = [:]
            var unitOrder: [UUID] = []
            for (i, row) in rows.enumerated() {
                let unit = Unit(
                    governmentID: govID, name: row.name, clusterID: row.cluster.flatMap { clusterIDs[$0] },
                    position: i + 1)
                try await unit.create(on: db)
                unitIDs[row.name] = try unit.requireID()
                unitOrder.append(try unit.requireID())
            }
            try await AuditLog.append(
                on: db, actor: system, action: "create", objectType: "unit", objectID: "demo",
                before: String?.none, after: ["units": String(rows.count), "clusters": String(clusterIDs.count)])

            var userIDs: [String: UUID] = [:]
            for (plan, hash) in zip(plans, passwordHashes) {
                let unitID: UUID? =
                    plan.0 == "operator.dinkes"
                    ? unitIDs["Dinas Kesehatan"]
                    : plan.0 == "operator.setda" ? unitIDs["Sekretariat Daerah"] : nil
                let user = User(
                    governmentID: govID, username: plan.0, displayName: plan.1, passwordHash: hash, role: plan.2,
                    unitID: unitID)
                try await user.create(on: db)
                userIDs[plan.0] = try user.requireID()
                try await AuditLog.append(
                    on: db, actor: system, action: "create", objectType: "user", objectID: user.requireID().uuidString,
                    before: String?.none, after: ["username": plan.0, "role": plan.2.rawValue])
            }

            let yaml = BundledFrameworks.defaultYAML
            let framework = BundledFrameworks.default
            let sha = SHA256.hash(data: Data(yaml.utf8)).map { String(format: "%02x", $0) }.joined()
            let version = FrameworkVersion(
                governmentID: govID, key: framework.id, version: framework.version, title: framework.title, yaml: yaml,
                sha256: sha)
            version.frozen = true
            try await version.create(on: db)
            let period = Period(
                governmentID: govID, name: "Evaluasi AKIP 2024", evaluationYear: 2024, performanceYear: 2023,
                frameworkVersionID: try version.requireID())
            try await period.create(on: db)
            let periodID = try period.requireID()
            try await AuditLog.append(
                on: db, actor: system, action: "create", objectType: "period", objectID: periodID.uuidString,
                before: String?.none, after: ["name": period.name, "framework": "\(framework.id) \(framework.version)"])

            let team1 = Team(periodID: periodID, name: "Tim 1")
            let team2 = Team(periodID: periodID, name: "Tim 2")
            try await team1.create(on: db)
            try await team2.create(on: db)
            let members: [(Team, String, AccessRules.TeamRole)] = [
                (team1, "inspektur", .penanggungJawab), (team1, "pengendali.mutu", .pengendaliMutu),
                (team1, "pengendali.teknis", .pengendaliTeknis), (team1, "ketua.tim", .ketuaTim),
                (team1, "anggota.tim", .anggotaTim), (team2, "inspektur", .penanggungJawab),
                (team2, "anggota.tim2", .ketuaTim),
            ]
            for (team, username, role) in members {
                try await TeamMember(teamID: try team.requireID(), userID: userIDs[username]!, role: role).create(
                    on: db)
            }
            for (i, unitID) in unitOrder.enumerated() {
                let team = i < 26 ? team1 : team2
                try await Assignment(periodID: periodID, teamID: try team.requireID(), unitID: unitID).create(on: db)
            }
            try await AuditLog.append(
                on: db, actor: system, action: "create", objectType: "team", objectID: periodID.uuidString,
                before: String?.none, after: ["teams": "Tim 1 (PD 1–26), Tim 2 (PD 27–51)"])

            // Some work already done, at different stages.
            var rng = SplitMix64(seed: 2024)
            func assessment(_ name: String, stage: AccessRules.Stage, released: Bool) async throws -> UUID {
                let a = Assessment(governmentID: govID, periodID: periodID, unitID: unitIDs[name]!)
                a.stage = stage
                a.released = released
                try await a.create(on: db)
                return try a.requireID()
            }
            func answerAll(_ assessmentID: UUID, actor: Actor, fraction: Int, by user: String) async throws {
                for sub in framework.allSubcomponents {
                    for k in sub.criteria where Int(rng.next() % 100) < fraction {
                        let type = framework.answerType(k.answerType)!
                        // Mostly good answers: a demo regency doing fairly well.
                        let pick = Int(rng.next() % 100) < 70 ? 0 : Int(rng.next() % UInt64(type.options.count))
                        let answer = Answer()
                        answer.$assessment.id = assessmentID
                        answer.actor = actor
                        answer.criterionID = k.id
                        answer.code = type.options[pick].code
                        answer.$updatedBy.id = userIDs[user]
                        answer.version = 1
                        try await answer.create(on: db)
                    }
                }
                try await AuditLog.append(
                    on: db, actor: system, action: "create", objectType: "assessment",
                    objectID: assessmentID.uuidString,
                    before: String?.none, after: ["demo": "jawaban \(actor.rawValue) \(fraction) %"])
            }
            func gradeAll(_ assessmentID: UUID, grades: [String], by user: String) async throws {
                for (sub, grade) in zip(framework.allSubcomponents, grades) {
                    let g = SubcomponentGrade()
                    g.$assessment.id = assessmentID
                    g.actor = .evaluator
                    g.subcomponentID = sub.id
                    g.grade = grade
                    g.$updatedBy.id = userIDs[user]
                    g.version = 1
                    try await g.create(on: db)
                }
                try await AuditLog.append(
                    on: db, actor: system, action: "create", objectType: "assessment",
                    objectID: assessmentID.uuidString,
                    before: String?.none, after: ["demo": "nilai langsung"])
            }
            // Inspektorat: every criterion answered by the evaluators (grades follow the suggestions).
            try await answerAll(
                try await assessment("Inspektorat", stage: .evaluation, released: false), actor: .evaluator,
                fraction: 100, by: "ketua.tim")
            // Dinas Kesehatan: the PD's self-assessment done, the evaluators half way.
            let dinkes = try await assessment("Dinas Kesehatan", stage: .evaluation, released: false)
            try await answerAll(dinkes, actor: .unit, fraction: 100, by: "operator.dinkes")
            try await answerAll(dinkes, actor: .evaluator, fraction: 50, by: "anggota.tim")
            // Sekretariat Daerah: the PD's self-assessment under way.
            try await answerAll(
                try await assessment("Sekretariat Daerah", stage: .selfAssessment, released: false), actor: .unit,
                fraction: 40, by: "operator.setda")
            // Two PD graded directly (as in the letters), one of them final and released.
            try await gradeAll(
                try await assessment("Badan Pendapatan Daerah", stage: .final, released: true),
                grades: ["BB", "BB", "B", "BB", "B", "B", "A", "BB", "BB", "BB", "B", "B"], by: "anggota.tim2")
            try await gradeAll(
                try await assessment("Kecamatan Betung", stage: .review, released: false),
                grades: ["B", "B", "CC", "B", "CC", "CC", "B", "B", "B", "B", "B", "CC"], by: "anggota.tim2")
            return Seeded(
                accounts: [], periodID: periodID, units: unitIDs, users: userIDs,
                teams: ["Tim 1": try team1.requireID(), "Tim 2": try team2.requireID()],
                frameworkVersionID: try version.requireID())
        }
        var result = seeded
        result.accounts = accounts
        return result
    }
}
