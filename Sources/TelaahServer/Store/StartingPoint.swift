import Foundation
import SQLKit
import TelaahCore
import Vapor

extension Store {
    /// Takes the PD's answers as the team's (`StartingPoint.copies`, for a sub-component or the
    /// whole LKE) in one transaction, decided on the values as they stand in it: a criterion the
    /// team answered meanwhile keeps its answer; a save that races this one makes it 409 and
    /// nothing is copied. Each copied answer is an audit entry, as a save's. Returns the criteria.
    func copyUnitAnswers(
        assessmentID: UUID, framework: Framework, scope: String?, by user: SignedIn
    ) async throws -> [String] {
        try await writeSQL { tx in
            let rows = try await ReadRow.all(
                """
                SELECT id, actor, criterion_id, code, not_applicable_reason, note, version FROM answers
                WHERE assessment_id = \(bind: assessmentID)
                """, on: tx.sql)
            var unit: [String: StartingPoint.Value] = [:]
            var team: [String: StartingPoint.Value] = [:]
            var stored: [String: (id: UUID, version: Int)] = [:]
            for r in rows {
                let criterion = try r.required(r.string, "criterion_id")
                let value = StartingPoint.Value(
                    code: try r.string("code"), notApplicable: try r.string("not_applicable_reason"),
                    note: try r.string("note"))
                switch try r.string("actor") {
                case AccessRules.ValueActor.unit.rawValue: unit[criterion] = value
                case AccessRules.ValueActor.evaluator.rawValue:
                    team[criterion] = value
                    stored[criterion] = (try r.required(r.uuid, "id"), try r.int("version") ?? 0)
                default: break
                }
            }
            let copies = StartingPoint.copies(framework: framework, scope: scope, unit: unit, team: team)
            let actor = AccessRules.ValueActor.evaluator.rawValue
            for (criterion, value) in copies {
                let previous = stored[criterion]
                let after = AnswerChange(
                    actor: actor, criterion: criterion, code: value.code, notApplicable: value.notApplicable,
                    note: value.note, version: (previous?.version ?? 0) + 1)
                try await Self.writeAnswer(
                    after, over: previous, assessmentID: assessmentID, by: user, in: tx)
                let before = previous.map { p in
                    AnswerChange(
                        actor: actor, criterion: criterion, code: team[criterion]?.code,
                        notApplicable: team[criterion]?.notApplicable, note: team[criterion]?.note, version: p.version)
                }
                try await tx.audit(
                    user.auditActor, previous == nil ? "create" : "update", "assessment", assessmentID.uuidString,
                    before: before, after: after)
            }
            if !copies.isEmpty { try await Self.raiseValuesVersion(assessmentID, in: tx) }
            return copies.map(\.criterion)
        }
    }
}
