import Fluent
import Foundation
import SQLKit
import TelaahCore
import Vapor

/// A period's settings of the cycle: the review tiers it skips (M0015) and its due dates (M0018).
struct PeriodCycle: Sendable, Equatable {
    var settings: Cycle.Settings
    /// TTTT-BB-HH by deadline; a missing one is unset.
    var due: [Cycle.Deadline: String]

    /// The due date a PD at `stage` works towards, if set.
    func due(at stage: Cycle.Stage) -> String? { Cycle.Deadline.of(stage).flatMap { due[$0] } }
}

extension Store {
    func periodCycle(periodID: UUID) async throws -> PeriodCycle {
        try Self.periodCycle(try await hotRows(Self.periodCycleQuery(periodID)).first)
    }

    static func periodCycleQuery(_ periodID: UUID) -> SQLQueryString {
        let columns = M0015CycleStages.periodFields + Cycle.Deadline.allCases.map(\.column)
        return "SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM periods WHERE id = \(bind: periodID)"
    }

    static func periodCycle(_ row: ReadRow?) throws -> PeriodCycle {
        var due: [Cycle.Deadline: String] = [:]
        for deadline in Cycle.Deadline.allCases {
            if let date = try row?.string(deadline.column) { due[deadline] = date }
        }
        return PeriodCycle(
            settings: Cycle.Settings(
                skipTechnicalReview: try row?.bool("skip_technical_review") ?? false,
                skipPanel: try row?.bool("skip_panel") ?? false,
                skipQualityReview: try row?.bool("skip_quality_review") ?? false),
            due: due)
    }

    /// Stores the period's cycle settings when `version` is the period's current one (else 409),
    /// with the period's audit entry.
    func setPeriodCycle(_ new: PeriodCycle, periodID: UUID, version: Int, by admin: SignedIn) async throws {
        let before = try await periodCycle(periodID: periodID)
        try await write { tx in
            try await tx.lock(Period.schema, ["id": periodID])
            guard let period = try await Period.find(periodID, on: tx.db) else { throw Abort(.notFound) }
            try Store.checkVersion(period.version, version)
            var update = tx.sql.update(Period.schema)
                .set("skip_technical_review", to: SQLBind(new.settings.skipTechnicalReview))
                .set("skip_panel", to: SQLBind(new.settings.skipPanel))
                .set("skip_quality_review", to: SQLBind(new.settings.skipQualityReview))
                .set("version", to: SQLBind(period.version + 1))
            for deadline in Cycle.Deadline.allCases {
                update = update.set(SQLIdentifier(deadline.column), to: SQLBind(new.due[deadline]))
            }
            try await update.where("id", .equal, SQLBind(periodID)).run()
            try await tx.audit(
                admin.auditActor, "update", "period", periodID.uuidString, before: Self.auditText(before),
                after: Self.auditText(new))
        }
    }

    private static func auditText(_ c: PeriodCycle) -> [String: String] {
        var text = [
            "skip_technical_review": String(c.settings.skipTechnicalReview), "skip_panel": String(c.settings.skipPanel),
            "skip_quality_review": String(c.settings.skipQualityReview),
        ]
        for deadline in Cycle.Deadline.allCases { text[deadline.column] = c.due[deadline] ?? "" }
        return text
    }

    /// When each assessment of the period entered its stage: its last cycle event (UTC text).
    func stageSince(periodID: UUID) async throws -> [UUID: String] {
        var since: [UUID: String] = [:]
        for r in try await hotRows(
            """
            SELECT e.assessment_id, MAX(e.at) AS at FROM cycle_events e JOIN assessments a ON a.id = e.assessment_id
            WHERE a.period_id = \(bind: periodID) GROUP BY e.assessment_id
            """)
        {
            since[try r.required(r.uuid, "assessment_id")] = try r.string("at")
        }
        return since
    }

    /// The team assigned each PD of the period with its surat tugas number, by PD.
    func assignedTeams(periodID: UUID) async throws -> [UUID: String] {
        var teams: [UUID: String] = [:]
        for r in try await hotRows(
            """
            SELECT a.unit_id, t.name, t.letter_number FROM assignments a JOIN teams t ON t.id = a.team_id
            WHERE a.period_id = \(bind: periodID)
            """)
        {
            let name = try r.required(r.string, "name")
            teams[try r.required(r.uuid, "unit_id")] =
                try r.string("letter_number").map { "\(name) (ST \($0))" } ?? "\(name) (surat tugas belum diisi)"
        }
        return teams
    }

    /// The government's period of the evaluation year `year`, if it has one.
    func periodID(governmentID: UUID, year: Int) async throws -> UUID? {
        try await hotRows(
            "SELECT id FROM periods WHERE government_id = \(bind: governmentID) AND evaluation_year = \(bind: year)"
        ).first?.uuid("id")
    }

    /// A period, read by one statement and not decoded by Fluent (every page and route reads it).
    func period(_ id: UUID) async throws -> Period? {
        guard
            let r = try await hotRows(
                """
                SELECT id, government_id, name, evaluation_year, performance_year, framework_version_id, status, version,
                  general_recommendations
                FROM periods WHERE id = \(bind: id)
                """
            ).first
        else { return nil }
        let period = Period(
            id: try r.required(r.uuid, "id"), governmentID: try r.required(r.uuid, "government_id"),
            name: try r.required(r.string, "name"), evaluationYear: try r.required(r.int, "evaluation_year"),
            performanceYear: try r.required(r.int, "performance_year"),
            frameworkVersionID: try r.required(r.uuid, "framework_version_id"))
        period.status = try r.string("status").flatMap(Period.Status.init(rawValue:)) ?? .open
        period.version = try r.required(r.int, "version")
        period.generalRecommendations = try r.string("general_recommendations")
        period.$id.exists = true
        return period
    }
}
