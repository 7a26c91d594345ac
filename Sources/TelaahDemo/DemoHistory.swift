import Crypto
import Fluent
import Foundation
import SQLKit
import TelaahCore
import TelaahServer
import Vapor

extension Demo {
    /// The demo's year before: a closed period 2023 in which every PD was evaluated (graded
    /// directly, lower than in 2024), its LHE signed and sealed, and its recommendations followed
    /// up in every state: none yet, a rencana aksi being written, sent, returned with a note,
    /// accepted with realisasi and verdicts (some past due), and wholly verified. The 2024 LKE
    /// pages then show it at 4.c.1, the 2024 LHE report it, and the home pages list what is past
    /// due. For `telaah serve --demo` and `seed-demo`; the tests seed without it.
    static func addHistory(_ app: Application, story: Story) async throws {
        let db = app.db
        guard let current = try await Period.query(on: db).sort(\.$evaluationYear, .descending).first(),
            try await Period.query(on: db).filter(\.$evaluationYear == current.evaluationYear - 1).first() == nil
        else { return }
        let govID = current.$government.id
        let year = current.evaluationYear - 1
        let system = AuditActor.system(app.auditSeal)
        let period = Period(
            governmentID: govID, name: "Evaluasi AKIP \(year)", evaluationYear: year, performanceYear: year - 1,
            frameworkVersionID: current.$frameworkVersion.id)
        try await period.create(on: db)
        let periodID = try period.requireID()
        try await AuditLog.append(
            on: db, actor: system, action: "create", objectType: "period", objectID: periodID.uuidString,
            before: String?.none, after: ["name": period.name, "demo": "tahun sebelumnya"])

        let users = Dictionary(
            uniqueKeysWithValues: try await User.query(on: db).filter(\.$government.$id == govID).all().map {
                ($0.username, $0)
            })
        let units = try await Unit.query(on: db).filter(\.$government.$id == govID).sort(\.$position).all()
        // The same two teams as this year, each with its half of the PD.
        let teams = [Team(periodID: periodID, name: "Tim 1"), Team(periodID: periodID, name: "Tim 2")]
        for (t, team) in teams.enumerated() {
            team.letterNumber = "700.1.2/0\(31 + t)/ST/INSP/\(year)"
            team.letterDate = "\(year)-07-03"
            try await team.create(on: db)
        }
        let members: [(Int, String, AccessRules.TeamRole)] = [
            (0, "inspektur", .penanggungJawab), (0, "pengendali.mutu", .pengendaliMutu),
            (0, "pengendali.teknis", .pengendaliTeknis), (0, "ketua.tim", .ketuaTim), (0, "anggota.tim", .anggotaTim),
            (1, "inspektur", .penanggungJawab), (1, "anggota.tim2", .ketuaTim),
        ]
        for (t, username, role) in members {
            guard let user = users[username] else { continue }
            try await TeamMember(teamID: try teams[t].requireID(), userID: try user.requireID(), role: role).create(
                on: db)
        }

        // Every PD graded directly, a notch below 2024; below BB a note and a recommendation.
        guard let version = try await FrameworkVersion.find(current.$frameworkVersion.id, on: db) else { return }
        let framework = try await app.frameworks.scorer(for: version).framework
        let recommendations = try Demo.compiledRecommendations()
        let pool = ["BB", "BB", "B", "B", "B", "B", "CC", "CC", "B", "BB"]
        var rng = SplitMix64(seed: UInt64(year))
        for (i, unit) in units.enumerated() {
            let unitID = try unit.requireID()
            try await Assignment(periodID: periodID, teamID: try teams[i < 26 ? 0 : 1].requireID(), unitID: unitID)
                .create(on: db)
            let a = Assessment(governmentID: govID, periodID: periodID, unitID: unitID)
            a.stage = .final
            a.released = true
            try await a.create(on: db)
            for (k, sub) in framework.allSubcomponents.enumerated() {
                let list = recommendations[framework.componentID(ofSubcomponent: sub.id) ?? ""] ?? []
                try await Demo.grade(
                    pool[Int(rng.next() % UInt64(pool.count))], sub, framework, assessmentID: try a.requireID(),
                    recommendation: list.isEmpty
                        ? "Melengkapi bukti dukung \(Demo.midSentence(sub.title))." : list[(i + k) % list.count]
                ).create(on: db)
            }
        }
        try await AuditLog.append(
            on: db, actor: system, action: "create", objectType: "assessment", objectID: periodID.uuidString,
            before: String?.none, after: ["demo": "\(units.count) PD dinilai \(year) (final)"])
        try await TelaahApp.sealUnsignedFinals(app, signer: "inspektur", period: periodID)
        try await followUps(app, periodID: periodID, story: story, units: units, users: users)
        period.status = .closed
        try await period.save(on: db)
    }

    /// The follow-up of the year before as a regency has it a year on: the LHE signed on 16
    /// Oktober, the actions due 60 days later; most PD done and verified, some accepted and still
    /// reporting (one recommendation that cannot be followed up), a few plans returned, sent,
    /// in draft or not begun, and those late. By the PD's position, so every run tells the same.
    static func followUps(
        _ app: Application, periodID: UUID, story: Story, units: [TelaahServer.Unit], users: [String: User]
    ) async throws {
        let sql = app.db as! any SQLDatabase
        let year = story.year - 1
        let signed = story.lastYearsLetters
        func at(_ days: Int) -> String { UTCTimestamp.string(Story.day(days, after: signed).wibMorning) }
        let operators = Dictionary(
            users.values.compactMap { u in u.$unit.id.map { ($0, u.id) } }, uniquingKeysWith: { a, _ in a })
        let verifier = users["inspektur"]?.id
        let states: [Int: String] = [
            7: "belum", 29: "belum", 44: "belum", 12: "disusun", 36: "disusun", 48: "disusun", 18: "diajukan",
            40: "diajukan", 5: "dikembalikan", 23: "dikembalikan", 33: "dikembalikan", 2: "diterima", 15: "diterima",
            26: "diterima", 38: "diterima", 46: "diterima", 50: "diterima",
        ]
        var counts: [String: Int] = [:]
        for (i, unit) in units.enumerated() {
            let unitID = try unit.requireID()
            guard
                let assessment = try await sql.raw(
                    "SELECT id FROM assessments WHERE period_id = \(bind: periodID) AND unit_id = \(bind: unitID)"
                ).first()?.decode(column: "id", as: UUID.self)
            else { continue }
            let recs = try await sql.raw(
                """
                SELECT id, text FROM recommendations WHERE assessment_id = \(bind: assessment) ORDER BY subcomponent_id, position
                """
            ).all().map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "text", as: String.self)) }
            let state = states[i] ?? "selesai"
            counts[state, default: 0] += 1
            guard state != "belum", !recs.isEmpty else { continue }
            let by = operators[unitID] ?? nil
            let plan: FollowUp.PlanState =
                switch state {
                case "disusun": .draft
                case "diajukan": .submitted
                case "dikembalikan": .returned
                default: .accepted
                }
            try await sql.raw(
                """
                INSERT INTO action_plans (assessment_id, state, note, moved_by, moved_at, version)
                VALUES (\(bind: assessment), \(bind: plan.rawValue),
                  \(bind: plan == .returned ? "Batas waktu dan penanggung jawab setiap aksi agar dirinci." : nil),
                  \(bind: plan == .draft ? by : verifier), \(bind: at(plan == .draft ? 20 : 30)), 2)
                """
            ).run()
            let person = Demo.followUpPeople[i % Demo.followUpPeople.count]
            // A draft covers half its recommendations; the others all of them.
            for (k, rec) in recs.enumerated() where state != "disusun" || k % 2 == 0 {
                let action = UUID()
                try await sql.raw(
                    """
                    INSERT INTO plan_actions (id, assessment_id, recommendation_id, action, person_name, person_position,
                      person_phone, due_date, created_by, created_at)
                    VALUES (\(bind: action), \(bind: assessment), \(bind: rec.0), \(bind: Demo.action(for: rec.1)),
                      \(bind: person), \(bind: "Kepala Subbagian Perencanaan \(unit.name)"),
                      \(bind: "0812 " + String(7_300_000 + i * 101 + k)),
                      \(bind: Story.day(60 + 15 * (k % 3), after: signed).isoText), \(bind: by), \(bind: at(14)))
                    """
                ).run()
                guard state == "selesai" || state == "diterima" else { continue }
                // Accepted and reporting: the first verified, the second found short, the others
                // reported and waiting; Badan Pendapatan Daerah's third cannot be followed up.
                let verdict: (String, String?)? =
                    state == "selesai"
                    ? ("sesuai", nil)
                    : k == 0
                        ? ("sesuai", nil)
                        : k == 1
                            ? (
                                "belum_sesuai",
                                "Dokumen yang dilampirkan belum ditetapkan oleh Kepala Perangkat Daerah."
                            )
                            : k == 2 && i == 26
                                ? ("tidak_dapat", "Kewenangan beralih ke Pemerintah Provinsi Sumatera Selatan.") : nil
                let report =
                    verdict?.0 == "sesuai"
                    ? "Telah dilaksanakan; dokumen ditetapkan Kepala Perangkat Daerah dan diunggah sebagai bukti."
                    : "Dokumen sedang disusun; penetapan menunggu tanda tangan Kepala Perangkat Daerah."
                try await sql.raw(
                    """
                    INSERT INTO action_reports (id, assessment_id, action_id, text, reported_by, reported_at)
                    VALUES (\(bind: UUID()), \(bind: assessment), \(bind: action), \(bind: report), \(bind: by),
                      \(bind: at(50)))
                    """
                ).run()
                if let (code, reason) = verdict {
                    try await sql.raw(
                        """
                        UPDATE recommendations SET verdict = \(bind: code), verdict_reason = \(bind: reason),
                          verified_by = \(bind: verifier), verified_at = \(bind: at(75)), version = 2
                        WHERE id = \(bind: rec.0)
                        """
                    ).run()
                }
            }
        }
        try await sql.raw("UPDATE governments SET follow_up_version = follow_up_version + 1").run()
        try await AuditLog.append(
            on: app.db, actor: .system(app.auditSeal), action: "update", objectType: "period",
            objectID: periodID.uuidString, before: String?.none,
            after: [
                "demo": "tindak lanjut \(year): "
                    + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            ])
    }
}
