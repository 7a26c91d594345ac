import Fluent
import SQLKit
import TelaahCore
import Vapor

/// Reads an assessment's values per actor and scores them with the core.
enum AssessmentStore {
    struct AnswerRow: Decodable {
        var assessment_id: UUID
        var actor: String
        var criterion_id: String
        var code: String?
        var not_applicable_reason: String?
        var note: String?
        var version: Int
    }

    struct GradeRow: Decodable {
        var assessment_id: UUID
        var actor: String
        var subcomponent_id: String
        var grade: String?
        var justification: String?
        var note: String?
        var evidence: String?
        var recommendation: String?
        var version: Int
    }

    /// The stored values of some assessments for some actors (two queries, through SQLKit).
    struct Values: Sendable {
        var answers: [AnswerRow]
        var grades: [GradeRow]

        /// The scorer's input for one assessment and actor.
        func input(assessment: UUID, actor: Actor, unitName: String?) -> AssessmentInput {
            var input = AssessmentInput(unit: unitName)
            for a in answers where a.assessment_id == assessment && a.actor == actor.rawValue {
                let sub = String(a.criterion_id.split(separator: ".").prefix(2).joined(separator: "."))
                let answer: CriterionAnswer
                if let reason = a.not_applicable_reason {
                    answer = .notApplicable(reason: reason)
                } else if let code = a.code {
                    answer = .code(code)
                } else {
                    continue
                }
                input.subcomponents[sub, default: SubcomponentInput()].answers[a.criterion_id] = answer
            }
            for g in grades where g.assessment_id == assessment && g.actor == actor.rawValue {
                var entry = input.subcomponents[g.subcomponent_id, default: SubcomponentInput()]
                entry.grade = g.grade
                entry.justification = g.justification
                entry.note = g.note
                input.subcomponents[g.subcomponent_id] = entry
            }
            return input
        }
    }

    static func values(assessments: [UUID], actors: [Actor], on db: any Database) async throws -> Values {
        guard !assessments.isEmpty, !actors.isEmpty else { return Values(answers: [], grades: []) }
        let sql = db as! any SQLDatabase
        let answers = try await sql.select().column("*").from(Answer.schema)
            .where("assessment_id", .in, SQLBind.group(assessments))
            .where("actor", .in, SQLBind.group(actors.map(\.rawValue)))
            .all(decoding: AnswerRow.self)
        let grades = try await sql.select().column("*").from(SubcomponentGrade.schema)
            .where("assessment_id", .in, SQLBind.group(assessments))
            .where("actor", .in, SQLBind.group(actors.map(\.rawValue)))
            .all(decoding: GradeRow.self)
        return Values(answers: answers, grades: grades)
    }

    /// The assessment of a PD in a period, created (with an audit entry) when missing.
    static func assessment(for access: UnitAccess, on db: any Database) async throws -> Assessment {
        let periodID = try access.period.requireID()
        let unitID = try access.unit.requireID()
        if let existing = try await Assessment.query(on: db).filter(\.$period.$id == periodID)
            .filter(\.$unit.$id == unitID).first()
        {
            return existing
        }
        let created = Assessment(governmentID: access.user.governmentID, periodID: periodID, unitID: unitID)
        try await created.create(on: db)
        try await AuditLog.append(
            on: db, actor: access.user.auditActor, action: "create", objectType: "assessment",
            objectID: created.requireID().uuidString, before: String?.none,
            after: ["period": periodID.uuidString, "unit": unitID.uuidString])
        return created
    }
}

extension Request {
    /// The scorer of a period's frozen framework.
    func scorer(for period: Period) async throws -> Scorer {
        guard let version = try await FrameworkVersion.find(period.$frameworkVersion.id, on: db) else {
            throw Abort(.internalServerError, reason: "Kerangka periode tidak ditemukan.")
        }
        return try await application.frameworks.scorer(for: version)
    }
}
