import Fluent
import TelaahCore
import Vapor

/// `PUT /api/v1/periods/:period/units/:unit/grades/:subcomponent`: one sub-component's grade and
/// its texts (justification, note, evidence, recommendation). The core decides whether the grade
/// stands (a justification where it differs from the suggestion, AA and A only at 100 % and with
/// their condition named); a refused grade is not saved.
struct GradeController {
    struct GradeRequest: Codable, Sendable {
        var actor: Actor?
        /// Nil: take the suggestion.
        var grade: String?
        var justification: String?
        var note: String?
        var evidence: String?
        var recommendation: String?
        var version: Version
    }

    struct GradeBody: Codable, Sendable {
        var subcomponent: String
        var actor: Actor
        var grade: String?
        var justification: String?
        var note: String?
        var evidence: String?
        var recommendation: String?
        var version: Int
    }

    struct Saved: Codable, Sendable {
        var grade: GradeBody
        var result: ScoreResultBody
    }

    func register(_ api: APIBuilder) {
        api.json(
            .PUT, Site.API.grade, "Menyimpan nilai satu sub-komponen (dengan versi); jawaban berisi hasil baru",
            request: GradeRequest.self, errors: [.conflict]
        ) { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"))
            var body = try req.decode(GradeRequest.self)
            // A review tier's controller changes the team's grade at that tier, with its reason;
            // the team's texts stay as they are.
            let revising =
                (body.actor ?? .evaluator) == .evaluator && !access.mayWrite(.evaluator)
                && access.permissions.contains(.reviseGrades)
            let actor = revising ? Actor.evaluator : try AnswerController.writableActor(body.actor, access)
            let subID = req.parameters.get("subcomponent") ?? ""
            let scorer = try await req.scorer(for: access.period)
            guard scorer.framework.subcomponent(subID) != nil else {
                throw Abort(.notFound, reason: "Sub-komponen \(subID) tidak ada di kerangka periode ini.")
            }
            if let grade = body.grade, scorer.framework.grade(grade) == nil {
                let allowed = scorer.framework.grades.map(\.code).joined(separator: "/")
                throw Abort(.unprocessableEntity, reason: "Nilai \"\(grade)\" tidak dikenal; pilihan: \(allowed).")
            }
            if revising {
                if let problem = AccessRules.revisionProblem(justification: body.justification) {
                    throw Abort(.unprocessableEntity, reason: problem)
                }
                let stored = try await req.store.values(of: access, actors: [.evaluator]).grades
                    .first { $0.subcomponent_id == subID }
                body.note = stored?.note
                body.evidence = stored?.evidence
                body.recommendation = stored?.recommendation
            }
            var change = GradeChange(
                actor: actor.rawValue, subcomponent: subID, grade: body.grade, justification: body.justification,
                note: body.note, evidence: body.evidence, recommendation: body.recommendation,
                version: body.version.value)
            if revising { change.stage = access.assessment?.stage.rawValue }
            let unitName = access.unit.name
            let saved = try await req.store.saveGrade(change, access: access, by: access.user) { values, assessment in
                let result = scorer.score(
                    values.input(assessment: assessment, actor: actor, unitName: unitName, framework: scorer.framework))
                if let problem = result.problems.first(where: { $0.path.hasPrefix("subcomponents.\(subID).") }) {
                    throw Abort(.unprocessableEntity, reason: problem.message)
                }
            }
            let values = try await req.store.values(assessments: [saved.assessment], actors: [actor], hot: true)
            let result = scorer.score(
                values.input(
                    assessment: saved.assessment, actor: actor, unitName: unitName, framework: scorer.framework))
            return Saved(
                grade: GradeBody(
                    subcomponent: subID, actor: actor, grade: body.grade, justification: body.justification,
                    note: body.note, evidence: body.evidence, recommendation: body.recommendation,
                    version: saved.version),
                result: ScoreResultBody(result, framework: scorer.framework))
        }
    }
}
