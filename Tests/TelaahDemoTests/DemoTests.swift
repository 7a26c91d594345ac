import Foundation
import SQLKit
import TelaahCore
import TelaahDemo
import Testing

@testable import TelaahServer

/// The demo loads Banyuasin's 51 PD with an account per role, and completes to 51 LHE on request.
@Suite("Demo", .serialized)
struct DemoTests {
    /// A fixed day, so that the figures below name fixed years.
    static let story = Demo.Story(today: DocumentDate(year: 2024, month: 10, day: 23))

    @Test("51 PD in three clusters, an account per role, work at several stages; completed, every PD scores")
    func demo() async throws {
        var config = ServerConfiguration(database: .sqliteMemory)
        config.bcryptCost = 4
        try await ServerRunner.withApp(config) { app in
            let seeded = try await Demo.seed(app, password: "rahasia-demo-1", story: DemoTests.story)
            #expect(seeded.units.count == 51)
            #expect(try await Cluster.query(on: app.db).count() == 3)
            #expect(Set(seeded.accounts.map(\.role)) == Set(AccessRules.AccountRole.allCases.map(\.rawValue)))
            let stages = Set(try await Assessment.query(on: app.db).all().map(\.stage))
            #expect(stages.count >= 3)
            #expect(try await Demo.completeEvaluations(app, story: DemoTests.story) > 40)
            let docs = try await PeriodDocuments.load(
                periodID: seeded.periodID,
                governmentID: try #require(try await Government.query(on: app.db).first()?.id),
                db: app.db, frameworks: app.frameworks)
            // A and AA carry their justification: every PD has a total.
            #expect(docs.units.allSatisfy { $0.complete })
            #expect(try await AuditLog.verify(on: app.db, seal: app.auditSeal).isIntact)
        }
    }
}

extension DemoTests {
    @Test("the year before: 2023 closed, every LHE sealed, follow-up in every state; 2024 reports on it")
    func history() async throws {
        var config = ServerConfiguration(database: .sqliteMemory)
        config.bcryptCost = 4
        try await ServerRunner.withApp(config) { app in
            let seeded = try await Demo.seed(app, password: "rahasia-demo-1", history: true, story: DemoTests.story)
            let earlier = try #require(try await Period.query(on: app.db).all().first { $0.evaluationYear == 2023 })
            #expect(earlier.status == .closed)
            let registers = try await app.store.followUps(periodID: try earlier.requireID())
            #expect(registers.count >= 40)
            let all = registers.values.flatMap { r in r.current.map { r.status($0) } }
            #expect(Set(all) == Set(FollowUp.Status.allCases))
            #expect(Set(registers.values.map(\.state)) == Set(FollowUp.PlanState.allCases))
            let overdue = try await app.store.overdueActions(
                governmentID: earlier.$government.id, today: .today(), units: nil, limit: 20)
            // One line per PD: no PD repeated however many of its actions are late.
            #expect(overdue.actions > 20 && overdue.lines.count == min(overdue.units, 20))
            #expect(Set(overdue.lines.map(\.unitID)).count == overdue.lines.count)
            // 2024 reads it: the LHE of the PD signed this year has item 3, every PD its 2023 column.
            let docs = try await PeriodDocuments.load(
                periodID: seeded.periodID, governmentID: earlier.$government.id, db: app.db, frameworks: app.frameworks)
            let bapenda = try #require(docs.unit(seeded.units["Badan Pendapatan Daerah"]!))
            #expect(bapenda.priorFollowUp?.year == 2023 && bapenda.previous?.year == 2023)
            #expect(try await AuditLog.verify(on: app.db, seal: app.auditSeal).isIntact)
        }
    }
}

extension AuditLog.Verification {
    var isIntact: Bool { if case .intact = self { true } else { false } }
}

extension DemoTests {
    @Test("what stays open carries on: a 2025 page lists 2024's register and what 2023 left open")
    func carried() async throws {
        var config = ServerConfiguration(database: .sqliteMemory)
        config.bcryptCost = 4
        try await ServerRunner.withApp(config) { app in
            let seeded = try await Demo.seed(app, password: "rahasia-demo-1", history: true, story: DemoTests.story)
            let bapenda = seeded.units["Badan Pendapatan Daerah"]!
            let open = try await app.store.openRecommendations(unitID: bapenda, before: 2025)
            #expect(open.contains { $0.year == 2023 } && open.contains { $0.year == 2024 })
            #expect(open.allSatisfy { !$0.status.closed })
            #expect(
                open.map(\.recommendation.code)
                    == open.sorted { ($0.year, $0.recommendation.code) < ($1.year, $1.recommendation.code) }.map(
                        \.recommendation.code))
            let (year, _, latest) = try #require(try await app.store.priorFollowUp(unitID: bapenda, before: 2025))
            #expect(year == 2024 && !latest.current.isEmpty)
        }
    }
}

extension DemoTests {
    @Test(
        "one story in time, told from the day it is made: this year under way, last year signed and mostly followed up")
    func story() async throws {
        var config = ServerConfiguration(database: .sqliteMemory)
        config.bcryptCost = 4
        try await ServerRunner.withApp(config) { app in
            let story = Demo.Story()
            let seeded = try await Demo.seed(app, password: "rahasia-demo-1", history: true, story: story)
            let periods = try await Period.query(on: app.db).all()
            let current = try #require(periods.first { $0.id == seeded.periodID })
            #expect(current.evaluationYear == story.year && current.name == "Evaluasi AKIP \(story.year)")
            #expect(periods.contains { $0.evaluationYear == story.year - 1 && $0.status == .closed })
            let rows = try await app.store.rows(
                """
                SELECT l.year, l.date, l.signed_at FROM lhe_documents l ORDER BY l.year
                """)
            let today = story.today.isoText
            for row in rows {
                let year = try row.required(row.int, "year")
                let date = try row.required(row.string, "date")
                #expect(date <= today, "no letter signed after the demo's today")
                if year == story.year - 1 { #expect(date == "\(story.year - 1)-10-16") }
            }
            // Last year's follow-up: due 60 days and more after the letters, all before today;
            // most done and verified, exactly one that cannot be followed up.
            let dues = try await app.store.rows("SELECT due_date FROM plan_actions").map {
                try $0.required($0.string, "due_date")
            }
            #expect(!dues.isEmpty && dues.allSatisfy { $0 > "\(story.year - 1)-12-01" && $0 < today })
            let verdicts = try await app.store.rows("SELECT verdict FROM recommendations WHERE verdict IS NOT NULL")
                .map { try $0.required($0.string, "verdict") }
            let recommendations = try await app.store.rows(
                """
                SELECT r.id FROM recommendations r JOIN lhe_documents l ON l.id = r.lhe_id WHERE l.year = \(bind: story.year - 1)
                """
            ).count
            #expect(verdicts.filter { $0 == "sesuai" }.count * 2 > recommendations, "most are done")
            #expect(verdicts.filter { $0 == "tidak_dapat" }.count == 1)
            // The actions read as sentences, not register codes.
            let actions = try await app.store.rows("SELECT action FROM plan_actions").map {
                try $0.required($0.string, "action")
            }
            #expect(!actions.contains { $0.range(of: #"\d{4}-\d\.[a-z]-\d"#, options: .regularExpression) != nil })
        }
    }
}
