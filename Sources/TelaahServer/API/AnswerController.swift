import Fluent
import TelaahCore
import Vapor

/// `PUT /api/v1/periods/:period/units/:unit/answers/:criterion`: one criterion's answer by one
/// actor. The access check, the version check (409 when stale), the core's check of the answer,
/// the change with its audit entry, and the PD's new result.
struct AnswerController {
    struct AnswerRequest: Codable, Sendable {
        /// `evaluator` (default) or `unit` (the PD's self-assessment).
        var actor: Actor?
        var code: String?
        /// The reason, when the criterion does not apply.
        var not_applicable: String?
        var note: String?
        /// The version the change is based on; 0 for an answer not yet saved.
        var version: Version
    }

    struct AnswerBody: Codable, Sendable {
        var criterion: String
        var actor: Actor
        var code: String?
        var not_applicable: String?
        var note: String?
        var version: Int
    }

    struct Saved: Codable, Sendable {
        var answer: AnswerBody
        var result: ScoreResultBody
    }

    struct CopyRequest: Codable, Sendable {
        /// A sub-component (`1.a`); none: the whole LKE.
        var subcomponent: String?
    }

    struct Copied: Codable, Sendable {
        /// The criteria whose PD answer the team took, in the framework's order.
        var copied: [String]
        var result: ScoreResultBody
    }

    func register(_ api: APIBuilder) {
        api.json(
            .PUT, Site.API.answer, "Menyimpan jawaban satu kriteria (dengan versi); jawaban berisi hasil baru",
            request: AnswerRequest.self, errors: [.conflict]
        ) { req in
            let criterion = req.parameters.get("criterion") ?? ""
            // The stored answer is read with the access check (one query fewer a save); a body that
            // does not decode is refused after that check.
            let sent = try? req.decode(AnswerRequest.self)
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"),
                answer: (sent?.actor ?? .evaluator, criterion))
            let body = try sent ?? req.decode(AnswerRequest.self)
            let actor = try Self.writableActor(body.actor, access)
            let scorer = try await req.scorer(for: access.period)
            guard scorer.framework.criterion(criterion) != nil else {
                throw Abort(.notFound, reason: "Kriteria \(criterion) tidak ada di kerangka periode ini.")
            }
            let answer: CriterionAnswer? =
                body.not_applicable.map { .notApplicable(reason: $0) } ?? body.code.map { .code($0) }
            if let answer, let problem = scorer.check(criterion: criterion, answer: answer) {
                throw Abort(.unprocessableEntity, reason: problem.message)
            }
            let change = AnswerChange(
                actor: actor.rawValue, criterion: criterion, code: body.not_applicable == nil ? body.code : nil,
                notApplicable: body.not_applicable, note: body.note, version: body.version.value)
            let saved = try await req.store.saveAnswer(change, access: access, by: access.user)
            let values = try await req.store.values(
                assessments: [saved.assessment], actors: [actor], hot: true)
            let result = scorer.score(
                values.input(
                    assessment: saved.assessment, actor: actor, unitName: access.unit.name, framework: scorer.framework)
            )
            return Saved(
                answer: AnswerBody(
                    criterion: criterion, actor: actor, code: change.code, not_applicable: change.notApplicable,
                    note: change.note, version: saved.version),
                result: ScoreResultBody(result, framework: scorer.framework))
        }
        registerCopy(api)
    }

    /// `POST …/answers-from-unit`: "Salin semua jawaban PD", the PD's answers as the team's where
    /// the team has none (`StartingPoint`), for a sub-component or the whole LKE, by whoever writes
    /// the evaluation now.
    private func registerCopy(_ api: APIBuilder) {
        api.json(
            .POST, Site.API.answersFromUnit,
            "Menyalin jawaban PD ke jawaban tim (satu sub-komponen atau seluruh LKE), tanpa menimpa jawaban tim",
            request: CopyRequest.self, errors: [.conflict]
        ) { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"))
            let body = try req.decode(CopyRequest.self)
            _ = try Self.writableActor(.evaluator, access)
            guard access.permissions.contains(.readSelfAssessment), let assessment = access.assessment?.id else {
                throw Abort(.conflict, reason: "Belum ada jawaban PD untuk disalin.")
            }
            let scorer = try await req.scorer(for: access.period)
            if let sub = body.subcomponent, scorer.framework.subcomponent(sub) == nil {
                throw Abort(.notFound, reason: "Sub-komponen \(sub) tidak ada di kerangka periode ini.")
            }
            let copied = try await req.store.copyUnitAnswers(
                assessmentID: assessment, framework: scorer.framework, scope: body.subcomponent, by: access.user)
            let values = try await req.store.values(assessments: [assessment], actors: [.evaluator], hot: true)
            let result = scorer.score(
                values.input(
                    assessment: assessment, actor: .evaluator, unitName: access.unit.name, framework: scorer.framework))
            return Copied(copied: copied, result: ScoreResultBody(result, framework: scorer.framework))
        }
    }

    /// The actor a write names (the evaluators' by default), refused unless the account may write it.
    static func writableActor(_ actor: Actor?, _ access: UnitAccess) throws -> Actor {
        let actor = actor ?? .evaluator
        guard access.mayWrite(actor) else {
            let stage = access.stage
            let readers: AccessRules.Permissions = actor == .unit ? .readSelfAssessment : .readEvaluation
            // Someone who reads these values but may not write them now is told why: the stage.
            if access.permissions.contains(readers), access.period.status == .open, access.unit.active {
                throw Abort(
                    .forbidden,
                    reason: actor == .unit
                        ? "Penilaian mandiri tidak dapat diubah pada tahap \(stage.title): sudah dikirim ke Inspektorat."
                        : "Nilai evaluator tidak dapat diubah pada tahap \(stage.title).")
            }
            throw Abort(
                .forbidden,
                reason: actor == .unit
                    ? "Hanya operator Perangkat Daerah ini yang dapat mengisi penilaian mandiri."
                    : "Hanya tim evaluator yang ditugaskan yang dapat mengisi LKE ini.")
        }
        return actor
    }
}
