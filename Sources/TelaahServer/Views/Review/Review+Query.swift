import Foundation
import TelaahCore
import Vapor

extension ReviewPage {
    static func query(_ req: Request) async throws -> Model {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readEvaluation)
        let periodID = try access.period.requireID()
        let unitID = try access.unit.requireID()
        let scorer = try await req.scorer(for: access.period)
        let stage = access.stage
        var result = scorer.score(AssessmentInput(unit: access.unit.name))
        var since = ""
        var changes: [String: [String]] = [:]
        var decided: [String: Cycle.Stage] = [:]
        if let id = access.assessment?.id {
            let values = try await req.store.values(of: access, actors: [.evaluator])
            result = scorer.score(
                values.input(assessment: id, actor: .evaluator, unitName: access.unit.name, framework: scorer.framework)
            )
            since = try await req.store.cycleEvents(assessmentID: id).last?.at ?? ""
            // The team's and the tiers' changes since the PD entered its stage, by sub-component.
            for e in try await req.store.history(of: access) where e.at > since {
                guard e.action == "create" || e.action == "update",
                    let after = e.after.flatMap({ try? JSONValue.parse($0) }), after["actor"] == .string("evaluator")
                else { continue }
                let item = after["subcomponent"]?.stringValue ?? after["criterion"]?.stringValue ?? ""
                let sub = item.split(separator: ".").prefix(2).joined(separator: ".")
                let words = HistoryPage.words(
                    action: e.action, before: e.before.flatMap { try? JSONValue.parse($0) }, after: after)
                changes[sub, default: []].append("\(words) — \(e.username ?? "sistem"), \(WIBTime.text(utc: e.at))")
            }
            decided = try await req.store.reviewDecisions(periodID: periodID, only: id)[id] ?? [:]
        }
        let comments = try await CommentController.state(req, access)
        let results = Dictionary(uniqueKeysWithValues: result.subcomponents.map { ($0.id, $0) })
        return Model(
            frame: Frame(req, title: "Reviu \(access.unit.name)", period: access.period.name), unit: access.unit.name,
            back: Site.lke.path(periodID, unitID), stage: stage.title,
            since: since.isEmpty ? "—" : WIBTime.text(utc: since),
            commentsURL: Site.API.comments.path(periodID, unitID), periodID: periodID.uuidString,
            unitID: unitID.uuidString,
            subs: scorer.framework.allSubcomponents.map { sub in
                let r = results[sub.id]
                return Sub(
                    id: sub.id, title: sub.title, grade: r?.grade ?? "—", suggested: r?.suggestedGrade ?? "—",
                    deviates: r?.deviates ?? false, justification: r?.justification ?? "",
                    tier: decided[sub.id]?.title, changes: changes[sub.id] ?? [],
                    threads: comments.threads.filter { $0.subcomponent == sub.id })
            }, openThreads: comments.open_threads, mayComment: comments.may_comment,
            mayResolve: comments.may_resolve)
    }
}
