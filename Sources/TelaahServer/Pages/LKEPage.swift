import Fluent
import TelaahCore
import Vapor

/// The evaluator's LKE page for one PD: every sub-component with its criteria, guidance and
/// answer wordings; the actor's answers and grades; the suggested grade and scores from the core.
struct LKEPage: Encodable, Hashable {
    struct Option: Encodable {
        var code: String
        var label: String
        var selected: Bool
    }
    struct Criterion: Encodable {
        var id: String
        var text: String
        var guidance: String?
        var options: [Option]
        var notApplicable: String?
        var note: String
        var version: Int
        var answered: Bool
        var evidence: String?
    }
    struct GradeOption: Encodable {
        var code: String
        var label: String
        var selected: Bool
    }
    struct Subcomponent: Encodable {
        var id: String
        var title: String
        var aspect: String?
        var weight: String
        var criteria: [Criterion]
        var grades: [GradeOption]
        var justification: String
        var note: String
        var evidence: String
        var recommendation: String
        var version: Int
        var answered: String
        var fulfilment: String
        var suggested: String
        var grade: String
        var score: String
        var deviates: Bool
        var descriptions: [String]
        /// Whether the sub-component kept full fulfilment in earlier periods (the condition of A
        /// and AA); empty when there are none.
        var held: String
    }
    struct Component: Encodable {
        var id: String
        var title: String
        var weight: String
        var score: String
        var subcomponents: [Subcomponent]
    }

    var frame: Pages.Frame
    var periodID: String
    var periodName: String
    var unitID: String
    var unitName: String
    var actor: String
    var actorTitle: String
    var editable: Bool
    var canSeeHistory: Bool
    var canReadLHE: Bool
    var canReadEvaluation: Bool
    var back: String
    var result: Result

    /// The PD's total and predikat as the result box shows them: the same for every reader of a
    /// state of the values (kept with the criteria block, see `LKEFragments`).
    struct Result: Encodable, Hashable, Sendable {
        var total: String
        var predikat: String
        var predikatName: String
        var missing: [String]
        var missingMore: Int
        var problems: [String]
    }

    /// Where `lke.leaf` leaves room for the criteria block (see `Pages.lkePage`). Text from the
    /// database is escaped in the page, so none of it can contain this comment.
    static let marker = "<!--telaah-lke-kriteria-->"

    /// What `lke-components.leaf` renders: the bulk of the page.
    struct Components: Encodable {
        var components: [Component]
        var editable: Bool
    }

    /// A finished page by its context and the state of the values its criteria block shows
    /// (`RenderedPages`).
    struct Rendered: Hashable, Sendable {
        var page: LKEPage
        var state: String
    }

    /// The page's context, and its criteria, answers and grades rendered by `lke-components.leaf`
    /// (cached per state of the values, see `LKEFragments`) to go in at `marker`; `state` names
    /// that state.
    static func load(_ access: UnitAccess, req: Request) async throws -> (
        page: LKEPage, criteria: String, state: String
    ) {
        // The evaluators' values where the account may read them, else the PD's own.
        let actor = AccessRules.shownActor(access.permissions)
        let editable = access.mayWrite(actor)
        // The criteria block and the result depend only on the frozen framework, the values and
        // whether the page is editable. Values are never deleted and every write raises a row's
        // version by one (a new row starts at 1), so the rows' count and the sum of their versions
        // name the state of the values. `Pages.lkePage` has the access check read it (`stamps:
        // true`), so an unchanged page neither reads nor scores the values.
        let stamp: String? = access.assessment == nil ? nil : access.stamps[actor]
        precondition(access.assessment == nil || stamp != nil, "LKE page without the values' state")
        // Earlier periods' grades of this PD (none in most regencies' first year: one empty query).
        let history = try await req.store.gradeHistory(
            unitID: try access.unit.requireID(), before: access.period, frameworks: req.application.frameworks)
        let held = history.summaries(before: access.period.evaluationYear)
        let key = [
            access.period.$frameworkVersion.id.uuidString, access.assessment?.id?.uuidString ?? "-", actor.rawValue,
            String(editable), stamp ?? "-", held.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(),
        ].joined(separator: "|")
        // Many requests for a state not yet rendered wait for one render (at a cold start, 50
        // concurrent renders of the same page took 250 ms of both cores).
        let state = try await req.application.lkeFragments.state(for: key) {
            let scorer = try await req.scorer(for: access.period)
            let values = try await req.store.values(of: access, actors: [actor])
            let result = scorer.score(
                values.input(
                    assessment: access.assessment?.id ?? UUID(), actor: actor, unitName: access.unit.name,
                    framework: scorer.framework))
            let components = Self.components(scorer.framework, values: values, result: result, held: held)
            let view = try await req.view.render(
                "lke-components", Components(components: components, editable: editable))
            return LKEFragments.State(
                html: String(buffer: view.data),
                result: Result(
                    total: result.total?.indonesian() ?? "—", predikat: result.predikat?.code ?? "—",
                    predikatName: result.predikat?.name ?? "belum lengkap",
                    missing: result.missing.prefix(12).map(\.description),
                    missingMore: max(0, result.missing.count - 12), problems: result.problems.map(\.description)))
        }
        let periodID = try access.period.requireID()
        let unitID = try access.unit.requireID()
        let page = LKEPage(
            frame: Pages.frame(req, title: "LKE \(access.unit.name)", period: access.period.name),
            periodID: periodID.uuidString,
            periodName: access.period.name, unitID: unitID.uuidString, unitName: access.unit.name,
            actor: actor.rawValue,
            actorTitle: actor == .evaluator ? "Penilaian evaluator" : "Penilaian mandiri Perangkat Daerah",
            editable: editable, canSeeHistory: access.permissions.contains(.readHistory),
            canReadLHE: access.permissions.contains(.readLHE),
            canReadEvaluation: access.permissions.contains(.readEvaluation),
            back: "/periode/\(periodID)", result: state.result)
        return (page, state.html, key)
    }

    /// Every component with its sub-components, criteria, the actor's values and the core's results.
    static func components(
        _ f: Framework, values: AssessmentValues, result: ScoreResult, held: [String: String] = [:]
    ) -> [Component] {
        let answers = Dictionary(values.answers.map { ($0.criterion_id, $0) }, uniquingKeysWith: { a, _ in a })
        let grades = Dictionary(values.grades.map { ($0.subcomponent_id, $0) }, uniquingKeysWith: { a, _ in a })
        let subResults = Dictionary(uniqueKeysWithValues: result.subcomponents.map { ($0.id, $0) })

        return zip(f.components, result.components).map { component, cr in
            Component(
                id: component.id, title: component.title, weight: component.weight.indonesian(),
                score: cr.score?.indonesian() ?? "—",
                subcomponents: component.subcomponents.map { sub in
                    let r = subResults[sub.id]!
                    let g = grades[sub.id]
                    let criteria = sub.criteria.map { k in
                        let a = answers[k.id]
                        let type = f.answerType(k.answerType)!
                        let options = type.options.map { o in
                            let wording = k.wording(of: o.code)
                            let label = [o.code, wording ?? o.label].compactMap { $0 }.joined(separator: " — ")
                            return Option(code: o.code, label: label, selected: a?.code == o.code)
                        }
                        return Criterion(
                            id: k.id, text: k.text, guidance: k.guidance, options: options,
                            notApplicable: a?.not_applicable_reason, note: a?.note ?? "", version: a?.version ?? 0,
                            answered: a?.code != nil || a?.not_applicable_reason != nil,
                            evidence: k.evidence.isEmpty ? nil : k.evidence.joined(separator: "; "))
                    }
                    let aspect = sub.aspect.flatMap { f.aspect($0) }
                    return Subcomponent(
                        id: sub.id, title: sub.title, aspect: sub.aspect, weight: sub.weight.indonesian(),
                        criteria: criteria,
                        grades: f.grades.map {
                            GradeOption(code: $0.code, label: $0.code, selected: g?.grade == $0.code)
                        },
                        justification: g?.justification ?? "", note: g?.note ?? "", evidence: g?.evidence ?? "",
                        recommendation: g?.recommendation ?? "", version: g?.version ?? 0,
                        answered: "\(r.answered)/\(r.criteria)",
                        fulfilment: r.fulfilment.map { $0.percent().indonesian() + " %" } ?? "—",
                        suggested: r.suggestedGrade ?? "—", grade: r.grade ?? "—", score: r.score?.indonesian() ?? "—",
                        deviates: r.deviates,
                        descriptions: aspect.map { a in a.descriptions.map { "\($0.grade): \($0.text)" } } ?? [],
                        held: held[sub.id] ?? "")
                })
        }
    }
}

/// Rendered criteria blocks of the LKE page by content key (see `LKEPage.load`): a page view
/// whose values did not change since it was last rendered skips the template's heaviest part.
/// 2026-11-23: Leaf took about 60 % of the page's time. Bounded; per process, always correct
/// across processes because the key names the values' versions.
actor LKEFragments {
    /// What a state of the values shows: the rendered criteria block and the result.
    struct State: Sendable {
        var html: String
        var result: LKEPage.Result
    }

    private var entries: BoundedDictionary<String, State>

    init(capacity: Int = 64) { entries = BoundedDictionary(capacity: capacity) }

    private var rendering: [String: Task<State, any Error>] = [:]

    /// The state for `key`, made by `make` once however many ask at the same time.
    func state(for key: String, make: @escaping @Sendable () async throws -> State) async throws -> State {
        if let cached = entries[key] { return cached }
        if let running = rendering[key] { return try await running.value }
        let task = Task { try await make() }
        rendering[key] = task
        defer { rendering[key] = nil }
        let made = try await task.value
        entries.insert(made, for: key)
        return made
    }
}

struct LKEFragmentsKey: StorageKey { typealias Value = LKEFragments }
struct LKEPagesKey: StorageKey { typealias Value = RenderedPages<LKEPage.Rendered> }

extension Application {
    /// Set once by `TelaahApp.configure`.
    var lkeFragments: LKEFragments { storage[LKEFragmentsKey.self]! }
    /// Finished LKE pages (about 150 KB each), set once by `TelaahApp.configure`.
    var lkePages: RenderedPages<LKEPage.Rendered> { storage[LKEPagesKey.self]! }
}
