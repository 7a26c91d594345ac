import Fluent
import TelaahCore
import TelaahDocuments
import Vapor

extension LKEPage {
    /// The page's model and its criteria block (`Block`), the block rendered once per state of the
    /// values (`LKEBlocks`).
    static func query(_ req: Request) async throws -> (Model, Block) {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), stamps: true)
        // The evaluators' values where the account may read them, else the PD's own.
        let actor = AccessRules.shownActor(access.permissions)
        let editable = access.mayWrite(actor)
        // The block depends only on the frozen framework, the values, whether it is editable and
        // the earlier periods' grades. Values are never deleted and every write raises a version,
        // so the rows' count and the sum of their versions (read with the access check) name the
        // state of the values: an unchanged page neither reads nor scores them.
        // The team sees the PD's own answers beside its own.
        let beside = actor == .evaluator && access.permissions.contains(.readSelfAssessment)
        let stamp: String? =
            access.assessment == nil
            ? nil : (access.stamps[actor] ?? "?") + (beside ? "+" + (access.stamps[.unit] ?? "?") : "")
        precondition(access.assessment == nil || stamp != nil, "LKE page without the values' state")
        // The earlier periods' grades, read only when the PD has any (never in a regency's first
        // year) and they changed.
        let held = try await req.application.gradeHistories.summaries(
            access, store: req.store, frameworks: req.application.frameworks)
        let key = [
            access.period.$frameworkVersion.id.uuidString, access.assessment?.id?.uuidString ?? "-", actor.rawValue,
            String(editable), stamp ?? "-", held.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(),
        ].joined(separator: "|")
        let block = try await req.application.lkeBlocks.block(for: key, on: req.eventLoop) {
            let scorer = try await req.scorer(for: access.period)
            let values = try await req.store.values(of: access, actors: beside ? [actor, .unit] : [actor])
            let result = scorer.score(
                values.input(
                    assessment: access.assessment?.id ?? UUID(), actor: actor, unitName: access.unit.name,
                    framework: scorer.framework))
            let components = Self.components(
                scorer.framework, values: values, actor: actor, beside: beside, result: result, held: held)
            return Block(
                html: criteria(components, editable: editable),
                result: Result(
                    total: result.total?.indonesian() ?? "—", predikat: result.predikat?.code ?? "—",
                    predikatName: result.predikat?.name ?? "belum lengkap",
                    missing: result.missing.prefix(12).map(\.description),
                    missingMore: max(0, result.missing.count - 12), problems: result.problems.map(\.description)))
        }
        let periodID = try access.period.requireID()
        let unitID = try access.unit.requireID()
        let canReadLHE = access.permissions.contains(.readLHE)
        let stage = access.stage
        // Signed letters exist only from the first signature: final, or reopened since.
        var signed: [SignedLetter] = []
        if access.permissions.contains(.readSignedLHE), let assessment = access.assessment, let id = assessment.id,
            stage == .final || assessment.revision > 1
        {
            let revisions = try await req.store.sealedRevisions(assessmentID: id)
            signed = revisions.enumerated().map { i, r in
                SignedLetter(
                    revision: r.revision, number: r.number,
                    date: DocumentDate(iso: r.date)?.indonesian ?? r.date,
                    replacedBy: i > 0 ? revisions[i - 1].revision : nil)
            }
        }
        let findings =
            access.permissions.contains(.readEvaluation) && stage.showsResultToUnit
            ? try await ResponseController.state(req, access) : nil
        let model = Model(
            frame: Frame(req, title: "LKE \(access.unit.name)", period: access.period.name),
            periodID: periodID.uuidString, periodName: access.period.name, unitID: unitID.uuidString,
            unitName: access.unit.name, actor: actor.rawValue,
            actorTitle: actor == .evaluator ? "Penilaian evaluator" : "Penilaian mandiri Perangkat Daerah",
            editable: editable, canSeeHistory: access.permissions.contains(.readHistory),
            followUp: access.stage == .final && access.permissions.contains(.readSignedLHE),
            canReadSelfAssessment: access.permissions.contains(.readSelfAssessment),
            canReadLHE: canReadLHE, lheDraft: stage != .final, signedLetters: signed,
            canReadEvaluation: access.permissions.contains(.readEvaluation),
            texts: Site.frameworkTexts.path(access.period.$frameworkVersion.id), result: block.result,
            cycle: cycleBox(access, periodID: periodID, unitID: unitID), findings: findings,
            priorFollowUp: try await priorFollowUp(req, access))
        return (model, block)
    }

    /// Last year's follow-up where the framework has criteria that draw on it and the account reads
    /// this PD's values; nil in the PD's first year.
    static func priorFollowUp(_ req: Request, _ access: UnitAccess) async throws -> PriorFollowUp? {
        guard access.earlierAssessments > 0,
            access.permissions.contains(.readSelfAssessment) || access.permissions.contains(.readEvaluation)
        else { return nil }
        let framework = try await req.scorer(for: access.period).framework
        let marked = framework.allSubcomponents.flatMap(\.criteria).filter { $0.followUp != nil }
        guard !marked.isEmpty,
            let kept = try await req.application.priorRegisters.prior(
                unitID: try access.unit.requireID(), before: access.period.evaluationYear,
                governmentID: access.user.governmentID, store: req.store)
        else { return nil }
        let (year, periodID, prior, carried) = (kept.year, kept.periodID, kept.register, kept.open)
        let tally = prior.tally
        let rate = tally.rate
        return PriorFollowUp(
            year: year, summary: FollowUpController.summary(tally),
            items: prior.current.map { r in
                let status = prior.status(r)
                return (r.subcomponent, r.text, status.title, status.closed)
            },
            criteria: marked.map { c in
                (c.id, rate.flatMap { c.followUp?.suggestion(rate: $0) })
            }, link: Site.followUp.path(periodID, try access.unit.requireID()),
            carried: carried.map {
                ("\($0.recommendation.subcomponent) (LHE \($0.year))", $0.recommendation.text, $0.status.title)
            })
    }

    /// The cycle's box from the access check alone (no query: the period's skipped tiers change where
    /// a move leads, never which moves there are).
    static func cycleBox(_ access: UnitAccess, periodID: UUID, unitID: UUID) -> CycleBox {
        let stage = access.stage
        let actor = access.cycleActor
        return CycleBox(
            stage: stage.title, from: stage, owner: Cycle.owner(of: stage), revision: access.assessment?.revision ?? 1,
            moves: CycleController.mayChange(access) ? Cycle.actions(at: stage, for: actor) : [],
            url: Site.API.cycle.path(periodID, unitID))
    }

    /// Every component with its sub-components, criteria, the actor's values and the core's results.
    static func components(
        _ f: Framework, values: AssessmentValues, actor: Actor, beside: Bool, result: ScoreResult,
        held: [String: String]
    ) -> [Component] {
        let answers = Dictionary(
            values.answers.filter { $0.actor == actor.rawValue }.map { ($0.criterion_id, $0) },
            uniquingKeysWith: { a, _ in a })
        let unitAnswers = Dictionary(
            values.answers.filter { $0.actor == Actor.unit.rawValue }.map { ($0.criterion_id, $0) },
            uniquingKeysWith: { a, _ in a })
        let grades = Dictionary(
            values.grades.filter { $0.actor == actor.rawValue }.map { ($0.subcomponent_id, $0) },
            uniquingKeysWith: { a, _ in a })
        let subResults = Dictionary(uniqueKeysWithValues: result.subcomponents.map { ($0.id, $0) })
        // What "Salin semua jawaban PD" would take, as the core decides it, per sub-component.
        var copyable: [String: Int] = [:]
        if beside {
            let value = { (a: AssessmentValues.Answer) in
                StartingPoint.Value(code: a.code, notApplicable: a.not_applicable_reason, note: a.note)
            }
            for copy in StartingPoint.copies(
                framework: f, scope: nil, unit: unitAnswers.mapValues(value), team: answers.mapValues(value))
            {
                copyable[f.subcomponentID(ofCriterion: copy.criterion), default: 0] += 1
            }
        }
        return zip(f.components, result.components).map { component, cr in
            Component(
                id: component.id, title: component.title, weight: component.weight.indonesian(),
                score: cr.score?.indonesian() ?? "—",
                subcomponents: component.subcomponents.map { sub in
                    let r = subResults[sub.id]!
                    let g = grades[sub.id]
                    return Subcomponent(
                        id: sub.id, title: sub.title, aspect: sub.aspect, weight: sub.weight.indonesian(),
                        criteria: sub.criteria.map { k in
                            let a = answers[k.id]
                            let answered = a?.code != nil || a?.not_applicable_reason != nil
                            var unit: UnitAnswer?
                            if beside {
                                let u = unitAnswers[k.id]
                                let code = u?.not_applicable_reason != nil ? "__na" : u?.code
                                let own = a?.not_applicable_reason != nil ? "__na" : a?.code
                                unit = UnitAnswer(
                                    code: code, notApplicable: u?.not_applicable_reason, note: u?.note ?? "",
                                    differs: answered && code != nil && code != own)
                            }
                            return Criterion(
                                id: k.id, text: k.text, selected: a?.code, notApplicable: a?.not_applicable_reason,
                                note: a?.note ?? "", version: a?.version ?? 0, answered: answered, unit: unit)
                        },
                        grade: g?.grade, justification: g?.justification ?? "",
                        note: g?.note ?? "", evidence: g?.evidence ?? "", recommendation: g?.recommendation ?? "",
                        version: g?.version ?? 0, answered: "\(r.answered)/\(r.criteria)",
                        fulfilment: r.fulfilment.map { $0.percent().indonesian() + " %" } ?? "—",
                        suggested: r.suggestedGrade ?? "—", shownGrade: r.grade ?? "—",
                        score: r.score?.indonesian() ?? "—", deviates: r.deviates, held: held[sub.id] ?? "",
                        copyable: copyable[sub.id] ?? 0)
                })
        }
    }
}

/// Rendered criteria blocks of the LKE page by the state of the values they show (see
/// `LKEPage.query`): a page view whose values did not change since it was last rendered skips
/// reading and scoring them. Bounded; per process, always correct across processes because the key
/// names the values' versions. Many requests for a state not yet rendered wait for one render.
actor LKEBlocks {
    private var entries: BoundedDictionary<String, LKEPage.Block>
    private var rendering: [String: Task<LKEPage.Block, any Error>] = [:]

    init(capacity: Int = 64) { entries = BoundedDictionary(capacity: capacity) }

    /// How many blocks are kept (tests).
    var count: Int { entries.count }

    /// The block for `key`, made by `make` on `loop` (the request's: its reads run there) if no
    /// block for `key` is kept or being made.
    func block(
        for key: String, on loop: any EventLoop, make: @escaping @Sendable () async throws -> LKEPage.Block
    ) async throws -> LKEPage.Block {
        if let cached = entries[key] { return cached }
        if let running = rendering[key] { return try await running.value }
        // A new task would otherwise run on Swift's global executor, off the request's loop.
        let task = Task(executorPreference: EventLoopTaskExecutor.of(loop)) { try await make() }
        rendering[key] = task
        defer { rendering[key] = nil }
        let made = try await task.value
        entries.insert(made, for: key)
        return made
    }
}

struct LKEBlocksKey: StorageKey { typealias Value = LKEBlocks }

extension Application {
    /// Set once by `TelaahApp.configure`.
    var lkeBlocks: LKEBlocks { storage[LKEBlocksKey.self]! }
}
