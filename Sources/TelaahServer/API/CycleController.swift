import Fluent
import TelaahCore
import TelaahDocuments
import Vapor

/// `GET|POST /api/v1/periods/:period/units/:unit/cycle`: a PD's evaluation cycle. GET: its stage,
/// whose turn it is, the moves the account may make now and every move so far. POST: one move
/// (`Cycle`, `docs/cycle.md`), refused with the core's reason: 403 not the account's, 409 not at
/// this stage or not ready, 422 a reason missing.
struct CycleController {
    struct MoveRequest: Codable, Sendable {
        var action: Cycle.Action
        /// The stage the move was asked from (the page's): a PD that has moved on since is 409.
        var from: AccessRules.Stage
        /// Why, for a return or a reopen.
        var reason: String?
    }

    struct ActionBody: Codable, Sendable {
        var action: Cycle.Action
        var title: String
        var needs_reason: Bool
    }

    struct EventBody: Codable, Sendable {
        /// UTC, ISO 8601.
        var at: String
        /// The same moment as the interface writes it (`16 Oktober 2024 09.12 WIB`).
        var at_text: String
        var username: String
        var display_name: String?
        var action: Cycle.Action
        var action_title: String
        var from: AccessRules.Stage
        var to: AccessRules.Stage
        var from_title: String
        var to_title: String
        var reason: String?
        var revision: Int
    }

    struct CycleState: Codable, Sendable {
        var stage: AccessRules.Stage
        var stage_title: String
        /// Whose turn the stage is.
        var owner: String
        /// The LHE's revision (a reopening starts the next).
        var revision: Int
        var actions: [ActionBody]
        var events: [EventBody]
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.cycle, "Tahap evaluasi satu PD, langkah yang boleh diambil, dan riwayat langkahnya") {
            req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"))
            return try await Self.state(req, access)
        }
        api.json(
            .POST, Site.API.cycle, "Satu langkah siklus evaluasi (kirim, ajukan, setujui, kembalikan, tandatangani, …)",
            request: MoveRequest.self, errors: [.conflict]
        ) { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"))
            let body = try req.decode(MoveRequest.self)
            guard Self.mayChange(access) else {
                throw Abort(
                    .forbidden, reason: "Periode ini ditutup atau PD ini dinonaktifkan: tahapnya tidak dapat diubah.")
            }
            let conditions = try await Self.conditions(for: body.action, req, access)
            var sealing: (@Sendable (StoreTransaction, UUID, Int) async throws -> Void)?
            if body.action == .sign {
                // The letter is made from the values as they stand; at signing no one may change them.
                let (docs, unit) = try await DocumentsController().unitDocuments(req, needs: .readUnit)
                let signer = access.user
                // The letter's date is the seal's day.
                let moment = Date()
                let date = DocumentDate.today(at: moment)
                sealing = { tx, assessmentID, revision in
                    _ = try await docs.seal(
                        unit, date: date, signer: signer, assessmentID: assessmentID, revision: revision, at: moment,
                        in: tx)
                }
            }
            let move = try await req.store.moveCycle(
                body.action, basedOn: body.from, reason: body.reason, access: access, conditions: conditions,
                sealing: sealing)
            if move.seals, let id = access.assessment?.id {
                DocumentsController.makeSealedPDF(assessmentID: id, app: req.application)
            }
            let after = try await req.unitAccess(periodID: access.period.id, unitID: access.unit.id)
            return try await Self.state(req, after)
        }
    }

    static func state(_ req: Request, _ access: UnitAccess) async throws -> CycleState {
        let stage = access.stage
        let actor = access.cycleActor
        let settings = try await req.store.cycleSettings(periodID: try access.period.requireID())
        var events: [CycleEvent] = []
        if let id = access.assessment?.id { events = try await req.store.cycleEvents(assessmentID: id) }
        return CycleState(
            stage: stage, stage_title: stage.title, owner: Cycle.owner(of: stage),
            revision: access.assessment?.revision ?? 1,
            actions: !mayChange(access)
                ? []
                : Cycle.actions(at: stage, for: actor, settings: settings).map {
                    ActionBody(action: $0, title: $0.title, needs_reason: $0.needsReason)
                },
            events: events.map {
                EventBody(
                    at: $0.at, at_text: WIBTime.text(utc: $0.at), username: $0.username, display_name: $0.displayName,
                    action: $0.action, action_title: $0.action.title, from: $0.from, to: $0.to,
                    from_title: $0.from.title,
                    to_title: $0.to.title, reason: $0.reason,
                    revision: $0.revision)
            })
    }

    /// A closed period and a deactivated PD are changed by no one, their cycle included.
    static func mayChange(_ access: UnitAccess) -> Bool { access.period.status == .open && access.unit.active }

    /// What the core needs to know before `action`: only what that move depends on is read.
    static func conditions(for action: Cycle.Action, _ req: Request, _ access: UnitAccess) async throws
        -> Cycle.Conditions
    {
        var c = Cycle.Conditions()
        switch action {
        case .startSelfAssessment:
            c.assigned = try await req.store.isAssigned(
                periodID: try access.period.requireID(), unitID: try access.unit.requireID())
        case .submitSelfAssessment:
            let scorer = try await req.scorer(for: access.period)
            let values = try await req.store.values(of: access, actors: [.unit])
            let answered = Set(
                values.answers.filter { $0.code != nil || $0.not_applicable_reason != nil }.map(\.criterion_id))
            c.selfAssessmentComplete = scorer.framework.allSubcomponents.flatMap(\.criteria).allSatisfy {
                answered.contains($0.id)
            }
        case .submitDraft:
            let scorer = try await req.scorer(for: access.period)
            let values = try await req.store.values(of: access, actors: [.evaluator])
            let result = scorer.score(
                values.input(
                    assessment: access.assessment?.id ?? UUID(), actor: .evaluator, unitName: access.unit.name,
                    framework: scorer.framework))
            c.evaluationComplete = result.total != nil
            c.draftComplete = try await DraftController.state(req, access).complete
            if let id = access.assessment?.id {
                c.unsupported = Evidence.unsupported(
                    framework: scorer.framework, graded: Set(result.subcomponents.filter { $0.score != nil }.map(\.id)),
                    notes: Dictionary(
                        values.grades.map { ($0.subcomponent_id, $0.note ?? "") }, uniquingKeysWith: { a, _ in a }),
                    evidenceTargets: try await req.store.evidenceTargets(assessmentID: id))
            }
            c.unrecommended = LetterRules.missingRecommendations(
                result: result, framework: scorer.framework,
                recommendations: Dictionary(
                    values.grades.map { ($0.subcomponent_id, $0.recommendation ?? "") }, uniquingKeysWith: { a, _ in a }
                ))
        case .respond:
            c.findingsAnswered = try await ResponseController.state(req, access).complete
        default: break
        }
        return c
    }
}
