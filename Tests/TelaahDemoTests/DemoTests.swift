import Foundation
import TelaahCore
import TelaahDemo
import Testing

@testable import TelaahServer

/// The demo loads Banyuasin's 51 PD with an account per role, and completes to 51 LHE on request.
@Suite("Demo", .serialized)
struct DemoTests {
    @Test("51 PD in three clusters, an account per role, work at several stages; completed, every PD scores")
    func demo() async throws {
        var config = ServerConfiguration(database: .sqliteMemory)
        config.bcryptCost = 4
        try await ServerRunner.withApp(config) { app in
            let seeded = try await Demo.seed(app, password: "rahasia-demo-1")
            #expect(seeded.units.count == 51)
            #expect(try await Cluster.query(on: app.db).count() == 3)
            #expect(Set(seeded.accounts.map(\.role)) == Set(AccessRules.AccountRole.allCases.map(\.rawValue)))
            let stages = Set(try await Assessment.query(on: app.db).all().map(\.stage))
            #expect(stages.count >= 3)
            #expect(try await Demo.completeEvaluations(app) > 40)
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
            let seeded = try await Demo.seed(app, password: "rahasia-demo-1", history: true)
            let earlier = try #require(try await Period.query(on: app.db).all().first { $0.evaluationYear == 2023 })
            #expect(earlier.status == .closed)
            let registers = try await app.store.followUps(periodID: try earlier.requireID())
            #expect(registers.count >= 40)
            let all = registers.values.flatMap { r in r.current.map { r.status($0) } }
            #expect(Set(all) == Set(FollowUp.Status.allCases))
            #expect(Set(registers.values.map(\.state)) == Set(FollowUp.PlanState.allCases))
            let overdue = try await app.store.overdueActions(
                governmentID: earlier.$government.id, today: .today(), units: nil, limit: 20)
            #expect(overdue.count > 20 && overdue.oldest.count == 20)
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
            let seeded = try await Demo.seed(app, password: "rahasia-demo-1", history: true)
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
