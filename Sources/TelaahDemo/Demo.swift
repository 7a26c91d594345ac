import Fluent
import SQLKit
import TelaahCore
import TelaahServer
import Vapor

/// The demo: Kabupaten Banyuasin with the 51 PD and three clusters of its 2024 report (seed
/// 000), an evaluation period on the bundled framework, one account per role, two teams, and a
/// few PD already evaluated to different stages. Every write goes through the audit log.
public enum Demo {
    /// A file of the demo's data (the Banyuasin table, its recommendations, the demo logo).
    package static func resource(_ name: String) -> URL {
        Bundle.module.bundleURL.appendingPathComponent("Resources").appendingPathComponent(name)
    }

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
        /// The reviewer's open comment thread on the PD under technical review.
        public var reviewThread: UUID? = nil
        /// The PDF Dinas Kesehatan attached to criterion 1.a.1 with its self-assessment.
        public var evidence: UUID? = nil
        /// The first recommendation of Badan Pendapatan Daerah's signed LHE.
        public var recommendation: UUID? = nil
        /// Team name → id.
        public var teams: [String: UUID] = [:]
        public var frameworkVersionID: UUID? = nil
    }

    /// Seeds an empty database. `password` fixes every account's password (tests, browser
    /// runs); otherwise each gets a random one. `history`: the year before too (`addHistory`).
    /// `story`: the day the demo calls today; its year is the evaluation under way.
    public static func seed(
        _ app: Application, password: String? = nil, history: Bool = false, story: Story = Story()
    ) async throws -> Seeded {
        let year = story.year
        let db = app.db
        let csv = try String(
            contentsOf: Demo.resource("banyuasin-2024-tabel4.csv"), encoding: .utf8)
        let rows = try UnitTableReader.read(csv, framework: BundledFrameworks.default)
        let system = AuditActor.system(app.auditSeal)

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
            gov.headTitle = "Bupati"
            gov.tembusanLHE = "Bupati Banyuasin"
            // Seed 000's copies of the Laporan Kompilasi.
            gov.tembusanKompilasi = """
                Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi RI di Jakarta
                Kepala BPKP Perwakilan Provinsi Sumatera Selatan di Palembang
                Inspektur Provinsi Sumatera Selatan di Palembang
                """
            gov.tembusanTindakLanjut = "Inspektur Kabupaten Banyuasin"
            // Seed 000's Bab I.A items 4-6: Banyuasin's own legal bases of the evaluation.
            gov.legalBases = """
                Peraturan Daerah Kabupaten Banyuasin Nomor 11 Tahun 2021 tentang Perubahan Rencana Pembangunan Jangka Menengah Daerah Kabupaten Banyuasin (Lembaran Daerah Kabupaten Banyuasin Tahun 2021 Nomor 11);
                Keputusan Bupati Banyuasin Nomor : 708/KPTS/INSPEKTORAT/\(year - 1) tanggal 28 Desember \(year - 1) tentang Program Kerja Pengawasan Tahunan Berbasis Risiko Tahun \(year) di Lingkungan Pemerintah Kabupaten Banyuasin;
                Keputusan Inspektur Kabupaten Banyuasin Nomor 67/KPTS/INSPEKTORAT/\(year) tanggal 10 Januari \(year) tentang Pedoman Teknis Evaluasi Sistem Akuntabilitas Kinerja Internal Perangkat Daerah (SAKIP) Kabupaten Banyuasin;
                """
            // A neutral emblem drawn for the demo (not the regency's arms), so the demo's letters
            // show where a logo sits.
            gov.logoPNG = try? Data(contentsOf: Demo.resource("logo-demo.png"))
            try await gov.create(on: db)
            let govID = try gov.requireID()
            try await AuditLog.append(
                on: db, actor: system, action: "create", objectType: "government", objectID: govID.uuidString,
                before: String?.none, after: ["name": gov.name, "demo": "true"])

            var clusterIDs: [String: UUID] = [:]
            // Banyuasin's own order of its clusters (seed 000, Tabel 5-7), not the table's.
            let order = ["Unit Utama", "Unit Pendukung", "Unit Tambahan"]
            let named = Set(rows.compactMap(\.cluster))
            for name in order.filter(named.contains) + rows.compactMap(\.cluster).filter({ !order.contains($0) }) {
                guard clusterIDs[name] == nil else { continue }
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
            let sha = SHA256.hash(data: Data(yaml.utf8)).hexString
            let version = FrameworkVersion(
                governmentID: govID, key: framework.id, version: framework.version, title: framework.title, yaml: yaml,
                sha256: sha)
            version.frozen = true
            try await version.create(on: db)
            let period = Period(
                governmentID: govID, name: "Evaluasi AKIP \(year)", evaluationYear: year, performanceYear: year - 1,
                frameworkVersionID: try version.requireID())
            // Seed 000's E and F: the Inspektur's recommendations beyond the four components.
            period.generalRecommendations = """
                Mengusulkan kepada Perangkat Daerah terkait dalam penggunaan teknologi informasi/aplikasi yang terintegrasi mulai dari proses perencanaan, pengumpulan data, pengukuran kinerja baik dalam analisa data target dan realisasi, pelaporan, maupun monitoring dan evaluasi kinerja membuat teknologi informasi/aplikasi yang terintegrasi.
                Agar kedepan seluruh hasil evaluasi SAKIP dimanfaatkan untuk perbaikan dan peningkatan akuntabilitas kinerja serta mendukung efektifitas dan efisiensi kinerja.
                """
            try await period.create(on: db)
            let periodID = try period.requireID()
            try await AuditLog.append(
                on: db, actor: system, action: "create", objectType: "period", objectID: periodID.uuidString,
                before: String?.none, after: ["name": period.name, "framework": "\(framework.id) \(framework.version)"])

            // Due dates around today, the self-assessment's just past: the waiting lists show both.
            var dues = (db as! any SQLDatabase).update(Period.schema)
            for (i, deadline) in Cycle.Deadline.allCases.enumerated() {
                dues = dues.set(SQLIdentifier(deadline.column), to: SQLBind(story.day(i * 14 - 3).isoText))
            }
            try await dues.where("id", .equal, SQLBind(periodID)).run()

            let team1 = Team(periodID: periodID, name: "Tim 1")
            let team2 = Team(periodID: periodID, name: "Tim 2")
            // The surat tugas six weeks before the day: the teams have been at work since.
            let assigned = story.day(-42)
            team1.letterNumber = "700.1.2/031/ST/INSP/\(assigned.year)"
            team1.letterDate = assigned.isoText
            team2.letterNumber = "700.1.2/032/ST/INSP/\(assigned.year)"
            team2.letterDate = assigned.isoText
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
                    let g = Demo.grade(
                        grade, sub, framework, assessmentID: assessmentID,
                        recommendation:
                            "Melengkapi bukti dukung \(Demo.midSentence(sub.title)) dan memantaunya setiap triwulan.")
                    g.$updatedBy.id = userIDs[user]
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
                try await assessment("Kecamatan Betung", stage: .technicalReview, released: false),
                grades: ["B", "B", "CC", "B", "CC", "CC", "B", "B", "B", "B", "B", "CC"], by: "anggota.tim2")
            // Tim 1's PD at every later stage of the cycle, graded, so each account has work waiting.
            let later: [(String, AccessRules.Stage, [String])] = [
                (
                    "Dinas Tanaman Pangan dan Hortikultura", .technicalReview,
                    ["BB", "B", "B", "BB", "B", "CC", "B", "B", "BB", "B", "B", "B"]
                ),
                (
                    "Dinas Perkebunan dan Peternakan", .panel,
                    ["B", "B", "B", "BB", "BB", "B", "B", "CC", "B", "B", "B", "B"]
                ),
                (
                    "Dinas Transmigrasi dan Tenaga Kerja", .qualityReview,
                    ["BB", "BB", "B", "B", "B", "B", "BB", "B", "B", "CC", "B", "B"]
                ),
                (
                    "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan", .confirmation,
                    ["BB", "BB", "BB", "BB", "B", "B", "B", "BB", "B", "B", "B", "B"]
                ),
                ("Dinas Perikanan", .responded, ["BB", "B", "BB", "B", "BB", "B", "B", "B", "BB", "B", "B", "CC"]),
                (
                    "Badan Pengelola Keuangan dan Aset Daerah", .signing,
                    ["BB", "BB", "B", "BB", "B", "B", "B", "B", "BB", "BB", "B", "B"]
                ),
                (
                    "Dinas Perpustakaan dan Kearsipan", .final,
                    ["B", "B", "B", "B", "B", "CC", "B", "B", "B", "B", "CC", "B"]
                ),
            ]
            for (name, stage, grades) in later {
                try await gradeAll(
                    try await assessment(name, stage: stage, released: stage.showsResultToUnit), grades: grades,
                    by: "ketua.tim")
            }
            // The rest: Tim 1 evaluates (the PD's answers sent), except the DPRD's secretariat, still
            // in preparation; Tim 2's PD wait for their team to open the self-assessment.
            let started = Set(
                try await Assessment.query(on: db).filter(\.$period.$id == periodID).all().map(\.$unit.id))
            for (i, unitID) in unitOrder.enumerated() where !started.contains(unitID) {
                let a = Assessment(governmentID: govID, periodID: periodID, unitID: unitID)
                a.stage =
                    i < 26 && unitID != unitIDs["Sekretariat Dewan Perwakilan Rakyat Daerah"]
                    ? .evaluation : .preparation
                try await a.create(on: db)
            }
            return Seeded(
                accounts: [], periodID: periodID, units: unitIDs, users: userIDs,
                teams: ["Tim 1": try team1.requireID(), "Tim 2": try team2.requireID()],
                frameworkVersionID: try version.requireID())
        }
        // The rancangan LHE of every PD the team has submitted: a kondisi per component.
        let sql = app.db as! any SQLDatabase
        let framework = try await app.frameworks.scorer(
            for: try await FrameworkVersion.find(seeded.frameworkVersionID, on: app.db)!
        ).framework
        for row in try await sql.raw(
            """
            SELECT id FROM assessments WHERE period_id = \(bind: seeded.periodID)
              AND stage NOT IN ('preparation', 'self_assessment', 'evaluation')
            """
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            for c in framework.components {
                try await sql.raw(
                    """
                    INSERT INTO draft_conditions (id, assessment_id, component_id, text, version, updated_at)
                    VALUES (\(bind: UUID()), \(bind: id), \(bind: c.id), \(bind: Demo.condition(c.title)), 1,
                      \(bind: UTCTimestamp.string(story.moment(-20))))
                    """
                ).run()
            }
        }
        // A reviewer's open thread on the PD under technical review.
        let thread = UUID()
        if let pangan = try await sql.raw(
            """
            SELECT id FROM assessments WHERE period_id = \(bind: seeded.periodID)
              AND unit_id = \(bind: seeded.units["Dinas Tanaman Pangan dan Hortikultura"])
            """
        ).first() {
            try await sql.raw(
                """
                INSERT INTO review_comments (id, assessment_id, revision, subcomponent_id, stage, text, author_id, at)
                VALUES (\(bind: thread), \(bind: try pangan.decode(column: "id", as: UUID.self)), 1, '2.b',
                  'technical_review', 'Bukti pemanfaatan hasil pengukuran belum dilampirkan.',
                  \(bind: seeded.users["pengendali.teknis"]), \(bind: UTCTimestamp.string(story.moment(-5))))
                """
            ).run()
        }
        // Dinas Kesehatan sent its self-assessment with evidence: a file and a link.
        var evidence: UUID?
        if let dinkes = try await sql.raw(
            """
            SELECT id FROM assessments WHERE period_id = \(bind: seeded.periodID)
              AND unit_id = \(bind: seeded.units["Dinas Kesehatan"])
            """
        ).first() {
            let id = try dinkes.decode(column: "id", as: UUID.self)
            evidence = try await TelaahApp.addEvidence(
                app, assessmentID: id, actor: .unit, target: "1.a.1",
                name: "Renstra Dinas Kesehatan \(year)-\(year + 2).pdf",
                file: Demo.pdf([
                    "Rencana Strategis Dinas Kesehatan", "Kabupaten Banyuasin \(year)-\(year + 2)", "(contoh demo)",
                ]),
                by: "operator.dinkes")
            try await TelaahApp.addEvidence(
                app, assessmentID: id, actor: .unit, target: "3.a", name: "Laporan Kinerja Dinas Kesehatan \(year - 1)",
                url: "https://banyuasinkab.go.id/lkjip/dinkes-\(year - 1).pdf", by: "operator.dinkes")
        }
        // Its values were written directly: the lists score them anew.
        try await (app.db as! any SQLDatabase).raw("UPDATE assessments SET values_version = values_version + 1").run()
        // Before this year's letters are sealed, so that they report on the year before.
        if history { try await addHistory(app, story: story) }
        // The demo's final PD were made final without the cycle: their LHE is sealed as the
        // Inspektur's, as if signed in Telaah, a week before the day.
        try await TelaahApp.sealUnsignedFinals(app, signer: "inspektur", on: story.day(-7))
        var result = seeded
        result.accounts = accounts
        result.reviewThread = thread
        result.evidence = evidence
        result.recommendation = try await (app.db as! any SQLDatabase).raw(
            """
            SELECT r.id FROM recommendations r JOIN assessments a ON a.id = r.assessment_id
            JOIN units u ON u.id = a.unit_id WHERE u.name = 'Badan Pendapatan Daerah' ORDER BY r.code LIMIT 1
            """
        ).first()?.decode(column: "id", as: UUID.self)
        return result
    }
}

extension Demo {
    /// Stores the team's answer of one criterion, as its worksheet holds it.
    static func evaluatorAnswer(
        _ assessmentID: UUID, _ criterion: String, _ code: String, note: String?, on db: any Database
    ) async throws {
        let answer = Answer()
        answer.$assessment.id = assessmentID
        answer.actor = .evaluator
        answer.criterionID = criterion
        answer.code = code
        answer.note = note
        answer.version = 1
        try await answer.create(on: db)
    }

    /// The team's grade of one sub-component with its note (the finding the PD answers); below BB
    /// also `recommendation`.
    static func grade(
        _ grade: String, _ sub: Subcomponent, _ framework: Framework, assessmentID: UUID, recommendation: String
    ) -> SubcomponentGrade {
        let g = SubcomponentGrade()
        g.$assessment.id = assessmentID
        g.actor = .evaluator
        g.subcomponentID = sub.id
        g.grade = grade
        g.justification = Demo.justification(grade, sub, framework)
        // Every graded sub-component carries its note (the draft's gate asks for one).
        g.note = Demo.finding(grade, sub)
        if !["AA", "A", "BB"].contains(grade) { g.recommendation = recommendation }
        g.version = 1
        return g
    }

    /// A one-page PDF with `lines` of text: the demo's evidence.
    static func pdf(_ lines: [String]) -> Data {
        let text = lines.enumerated().map { i, line in
            "BT /F1 16 Tf 72 \(760 - 24 * i) Td (\(line.replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)"))) Tj ET"
        }.joined(separator: "\n")
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            out += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n"
        }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    /// The evaluators' justification of a demo grade that needs one (AA and A: seed 001 §IV.B.2).
    static func justification(_ grade: String, _ sub: Subcomponent, _ framework: Framework) -> String? {
        guard framework.grade(grade)?.requiresFullFulfilment == true else { return nil }
        let condition = sub.aspect.flatMap { framework.aspect($0)?.description(of: grade) } ?? ""
        return
            "Seluruh kriteria terpenuhi dan syarat nilai \(grade) dipenuhi menurut kertas kerja evaluasi. \(condition)"
    }

    /// Banyuasin's compiled recommendations by component; an item with sub-items as one text, its
    /// sub-items on lines of their own (`1) …`), as an evaluator types them.
    static func compiledRecommendations() throws -> [String: [String]] {
        let json = try JSONValue.parse(
            try String(contentsOf: Demo.resource("banyuasin-2024-rekomendasi.json"), encoding: .utf8))
        var byComponent: [String: [String]] = [:]
        for (component, list) in json.members ?? [] {
            byComponent[component] = (list.elements ?? []).compactMap { item in
                if let text = item.stringValue { return text }
                guard let text = item["text"]?.stringValue else { return nil }
                let subs = (item["items"]?.elements ?? []).compactMap(\.stringValue)
                return ([text] + subs.enumerated().map { "\($0.offset + 1)) \($0.element)" }).joined(separator: "\n")
            }
        }
        return byComponent
    }

    /// The demo's kondisi of a component in a rancangan LHE.
    static func condition(_ component: String) -> String {
        "\(component) telah dilaksanakan dan didukung dokumen yang memadai; kualitas dan pemanfaatannya belum merata di seluruh bidang."
    }

    /// Completes the evaluation of every PD of the demo period that has no complete evaluator
    /// grades yet: each sub-component graded directly (as the letters do), with a note and one of
    /// Banyuasin's compiled recommendations for its component. Every PD final (signed, sealed), released. For
    /// `telaah seed-demo --lengkap` (all 51 LHE and the Laporan Kompilasi from the database) and
    /// the document benchmark; `telaah serve --demo` keeps the PD at their various stages.
    /// Returns how many PD it completed.
    @discardableResult
    public static func completeEvaluations(_ app: Application, seed: UInt64 = 2024, story: Story = Story())
        async throws -> Int
    {
        let recommendations = try Demo.compiledRecommendations()
        let completed = try await app.db.transaction { db in
            guard let period = try await Period.query(on: db).sort(\.$evaluationYear, .descending).first(),
                let version = try await FrameworkVersion.find(period.$frameworkVersion.id, on: db)
            else { return (0, [(UUID, String, String)](), Framework?.none) }
            let framework = try await app.frameworks.scorer(for: version).framework
            let periodID = try period.requireID()
            let units = try await Unit.query(on: db).filter(\.$government.$id == period.$government.id)
                .filter(\.$active == true).sort(\.$position).all()
            let scorer = Scorer(framework: framework)
            let assessments = try await Assessment.query(on: db).filter(\.$period.$id == periodID).all()
            let values = try await Store(db: db).values(
                assessments: assessments.compactMap(\.id), actors: [.evaluator])
            var complete: Set<UUID> = []
            for a in assessments {
                let input = values.input(assessment: a.id!, actor: .evaluator, unitName: nil, framework: framework)
                if scorer.score(input).total != nil { complete.insert(a.$unit.id) }
            }
            let answered = Set(values.answers.map(\.assessment_id))
            let subs = framework.allSubcomponents
            let pool = ["A", "BB", "BB", "BB", "B", "B", "B", "CC", "CC", "C"]
            var rng = SplitMix64(seed: seed)
            var completed = 0
            var evidence: [(UUID, String, String)] = []
            for (i, unit) in units.enumerated() {
                let unitID = try unit.requireID()
                if complete.contains(unitID) {
                    // Already evaluated at some stage of the cycle: taken to the end as well, with
                    // the worksheet behind its grades, a note on every sub-component and, below
                    // A, recommendations.
                    guard let done = assessments.first(where: { $0.$unit.id == unitID }), let id = done.id else {
                        continue
                    }
                    if done.stage != .final {
                        done.stage = .final
                        done.released = true
                        try await done.save(on: db)
                    }
                    let rows = try await SubcomponentGrade.query(on: db).filter(\.$assessment.$id == id)
                        .filter(\.$actor == .evaluator).all()
                    let recommends = rows.contains { !($0.recommendation ?? "").isEmpty }
                    for (k, sub) in subs.enumerated() {
                        let row = rows.first { $0.subcomponentID == sub.id } ?? SubcomponentGrade()
                        if !answered.contains(id), let grade = row.grade {
                            let backing = Demo.backing(grade, sub, framework, rng: &rng)
                            for (criterion, code, lowered) in backing.answers {
                                try await Demo.evaluatorAnswer(
                                    id, criterion, code, note: lowered ? Demo.criterionNote : nil, on: db)
                            }
                            if !backing.exact, (row.justification ?? "").isEmpty {
                                row.justification = Demo.deviation(grade)
                            }
                        }
                        let list = recommendations[framework.componentID(ofSubcomponent: sub.id) ?? ""] ?? []
                        if (row.note ?? "").isEmpty { row.note = Demo.finding(row.grade ?? "B", sub) }
                        if !recommends, k % 3 == i % 3, !list.isEmpty {
                            row.recommendation = list[(i + k) % list.count]
                        }
                        row.$assessment.id = id
                        row.actor = .evaluator
                        row.subcomponentID = sub.id
                        row.version = (row.id == nil ? 0 : row.version) + 1
                        try await row.save(on: db)
                    }
                    evidence.append((id, unit.name, i < 26 ? "ketua.tim" : "anggota.tim2"))
                    continue
                }
                let assessment =
                    assessments.first { $0.$unit.id == unitID }
                    ?? Assessment(governmentID: period.$government.id, periodID: periodID, unitID: unitID)
                // Where evaluators have answered some criteria, they answer the rest and the
                // grades follow the suggestions; elsewhere each sub-component is graded directly.
                let partly = assessment.id.map { answered.contains($0) } ?? false
                assessment.stage = .final
                assessment.released = true
                try await assessment.save(on: db)
                let assessmentID = try assessment.requireID()
                let done = Set(values.answers.filter { $0.assessment_id == assessmentID }.map(\.criterion_id))
                let existing = try await SubcomponentGrade.query(on: db).filter(\.$assessment.$id == assessmentID)
                    .filter(\.$actor == .evaluator).all()
                for (k, sub) in subs.enumerated() {
                    let grade = pool[Int(rng.next() % UInt64(pool.count))]
                    // The worksheet behind the grade: where evaluators answered some criteria they
                    // answer the rest and the grade follows the suggestion; elsewhere the answers
                    // are those that suggest the grade given.
                    let backing = Demo.backing(grade, sub, framework, rng: &rng)
                    for (criterion, code, lowered) in backing.answers where !done.contains(criterion) {
                        var code = code
                        if partly {
                            let options = framework.answerType(framework.criterion(criterion)!.answerType)!.options
                            code =
                                options[Int(rng.next() % 100) < 70 ? 0 : Int(rng.next() % UInt64(options.count))].code
                        }
                        try await Demo.evaluatorAnswer(
                            assessmentID, criterion, code, note: lowered && !partly ? Demo.criterionNote : nil, on: db)
                    }
                    let row = existing.first { $0.subcomponentID == sub.id } ?? SubcomponentGrade()
                    let component = framework.componentID(ofSubcomponent: sub.id) ?? ""
                    let list = recommendations[component] ?? []
                    row.$assessment.id = assessmentID
                    row.actor = .evaluator
                    row.subcomponentID = sub.id
                    row.grade = partly ? nil : grade
                    row.justification =
                        partly
                        ? nil
                        : Demo.justification(grade, sub, framework)
                            ?? (backing.exact ? nil : Demo.deviation(grade))
                    row.note = Demo.finding(partly ? "B" : grade, sub)
                    row.recommendation = k % 3 == i % 3 && !list.isEmpty ? list[(i + k) % list.count] : nil
                    row.version = (row.id == nil ? 0 : row.version) + 1
                    try await row.save(on: db)
                }
                evidence.append((assessmentID, unit.name, i < 26 ? "ketua.tim" : "anggota.tim2"))
                completed += 1
            }
            try await AuditLog.append(
                on: db, actor: .system(app.auditSeal), action: "update", objectType: "assessment",
                objectID: periodID.uuidString,
                before: String?.none, after: ["demo": "\(completed) PD dinilai lengkap (final)"])
            return (completed, evidence, Optional(framework))
        }
        // The team's evidence list of each sub-component: a link to the PD's document.
        for (assessmentID, unit, by) in completed.1 {
            for sub in completed.2?.allSubcomponents ?? [] {
                let document = sub.criteria.lazy.flatMap(\.evidence).first ?? sub.title
                try await TelaahApp.addEvidence(
                    app, assessmentID: assessmentID, actor: .evaluator, target: sub.id,
                    name: "\(document) \(unit)",
                    url: "https://banyuasinkab.go.id/sakip/\(Demo.slug(unit))/\(sub.id).pdf", by: by)
            }
        }
        try await (app.db as! any SQLDatabase).raw("UPDATE assessments SET values_version = values_version + 1").run()
        // Signed the day before the demo's today: the evaluation has just ended.
        try await TelaahApp.sealUnsignedFinals(app, signer: "inspektur", on: story.day(-1))
        return completed.0
    }
}
