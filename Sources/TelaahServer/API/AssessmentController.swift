import Fluent
import TelaahCore
import Vapor

/// `/api/v1/periods/:period/units/:unit` and its history: one PD's LKE values the account may
/// read, per actor, each with its scored result; and the audit entries about them.
struct AssessmentController {
    struct PeriodRef: Codable, Sendable {
        var id: UUID
        var name: String
        var evaluation_year: Int
        var performance_year: Int
    }
    struct UnitRef: Codable, Sendable {
        var id: UUID
        var name: String
    }
    struct AssessmentRef: Codable, Sendable {
        var id: UUID
        var stage: AccessRules.Stage
        var released: Bool
        var version: Int
    }
    struct AnswerValue: Codable, Sendable {
        var code: String?
        var not_applicable: String?
        var note: String?
        var version: Int
    }
    struct GradeValue: Codable, Sendable {
        var grade: String?
        var justification: String?
        var note: String?
        var evidence: String?
        var recommendation: String?
        var version: Int
    }
    struct ActorValues: Codable, Sendable {
        var answers: IDMap<AnswerValue>
        var grades: IDMap<GradeValue>
        var result: ScoreResultBody
    }
    struct UnitValues: Codable, Sendable {
        var period: PeriodRef
        var unit: UnitRef
        var assessment: AssessmentRef?
        var framework: FrameworkRef
        var permissions: [PermissionName]
        /// By actor: `unit` (the PD's self-assessment), `evaluator`.
        var values: IDMap<ActorValues>
    }
    struct HistoryEntry: Codable, Sendable {
        var seq: Int64
        var at: String
        var user: String?
        var action: String
        var object_type: String
        var object_id: String
        var before: String?
        var after: String?
    }
    struct History: Codable, Sendable {
        var entries: [HistoryEntry]
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.unit, "Nilai LKE satu PD per pelaku, dengan hasilnya") { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"))
            return try await Self.values(access, req: req)
        }
        api.json(.GET, Site.API.history, "Riwayat perubahan penilaian satu PD (jejak audit)") { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readHistory)
            let entries = try await req.store.history(of: access)
            return History(
                entries: entries.map {
                    HistoryEntry(
                        seq: $0.seq, at: $0.at, user: $0.username, action: $0.action, object_type: $0.objectType,
                        object_id: $0.objectID, before: $0.before, after: $0.after)
                })
        }
    }

    static func values(_ access: UnitAccess, req: Request) async throws -> UnitValues {
        let scorer = try await req.scorer(for: access.period)
        let actors = access.readableActors
        let values = try await req.store.values(of: access, actors: actors)
        let byActor = actors.map { actor -> (String, ActorValues) in
            let answers = values.answers.filter { $0.actor == actor.rawValue }.sorted {
                $0.criterion_id < $1.criterion_id
            }
            let grades = values.grades.filter { $0.actor == actor.rawValue }.sorted {
                $0.subcomponent_id < $1.subcomponent_id
            }
            let result = scorer.score(
                values.input(
                    assessment: access.assessment?.id ?? UUID(), actor: actor, unitName: access.unit.name,
                    framework: scorer.framework))
            return (
                actor.rawValue,
                ActorValues(
                    answers: IDMap(
                        answers.map {
                            (
                                $0.criterion_id,
                                AnswerValue(
                                    code: $0.code, not_applicable: $0.not_applicable_reason, note: $0.note,
                                    version: $0.version)
                            )
                        }),
                    grades: IDMap(
                        grades.map {
                            (
                                $0.subcomponent_id,
                                GradeValue(
                                    grade: $0.grade, justification: $0.justification, note: $0.note,
                                    evidence: $0.evidence, recommendation: $0.recommendation, version: $0.version)
                            )
                        }),
                    result: ScoreResultBody(result, framework: scorer.framework))
            )
        }
        return UnitValues(
            period: PeriodRef(
                id: access.period.id!, name: access.period.name, evaluation_year: access.period.evaluationYear,
                performance_year: access.period.performanceYear),
            unit: UnitRef(id: access.unit.id!, name: access.unit.name),
            assessment: access.assessment.map {
                AssessmentRef(id: $0.id!, stage: $0.stage, released: $0.released, version: $0.version)
            }, framework: FrameworkRef(scorer.framework), permissions: PermissionName.names(access.permissions),
            values: IDMap(byActor))
    }
}
