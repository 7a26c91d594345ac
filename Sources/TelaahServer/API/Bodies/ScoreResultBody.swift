import Foundation
import TelaahCore

/// A PD's scored result as the API shows it: the core's `ScoreResult`, figures exact.
struct ScoreResultBody: Codable, Sendable {
    struct Missing: Codable, Sendable {
        var id: String
        var kind: String
        var message: String
    }
    struct Problem: Codable, Sendable {
        var path: String
        var message: String
    }
    struct ComponentFigures: Codable, Sendable {
        var weight: Figure
        var score: Figure?
        /// The score as a percent of the weight, all its digits.
        var percent: Figure?
    }
    struct SubcomponentFigures: Codable, Sendable {
        var weight: Figure
        var criteria: Int
        var answered: Int
        var not_applicable: Int
        /// Percent, two decimals.
        var fulfilment: Figure?
        var suggested_grade: String?
        var grade: String?
        var grade_source: String?
        var deviates: Bool
        var score: Figure?
        var justification: String?
        var note: String?
    }

    var framework: FrameworkRef
    var unit: String?
    var complete: Bool
    var missing: [String]
    var missing_details: [Missing]
    var problems: [Problem]
    var total: Figure?
    var predikat: String?
    var predikat_name: String?
    var components: IDMap<ComponentFigures>
    var subcomponents: IDMap<SubcomponentFigures>

    init(_ r: ScoreResult, framework: Framework) {
        self.framework = FrameworkRef(framework)
        unit = r.unit
        complete = r.complete
        missing = r.missing.map(\.id)
        missing_details = r.missing.map { Missing(id: $0.id, kind: $0.kind.rawValue, message: $0.description) }
        problems = r.problems.map { Problem(path: $0.path, message: $0.message) }
        total = r.total.map { Figure($0) }
        predikat = r.predikat?.code
        predikat_name = r.predikat?.name
        components = IDMap(
            r.components.map { c in
                (
                    c.id,
                    ComponentFigures(
                        weight: Figure(c.weight), score: c.score.map { Figure($0) },
                        percent: c.score.map {
                            Figure(ExactDecimal.quotient(ExactDecimal(units: $0.units * 100), c.weight), places: nil)
                        })
                )
            })
        subcomponents = IDMap(
            r.subcomponents.map { s in
                (
                    s.id,
                    SubcomponentFigures(
                        weight: Figure(s.weight), criteria: s.criteria, answered: s.answered,
                        not_applicable: s.notApplicable, fulfilment: s.fulfilment.map { Figure($0.percent()) },
                        suggested_grade: s.suggestedGrade, grade: s.grade, grade_source: s.gradeSource?.rawValue,
                        deviates: s.deviates, score: s.score.map { Figure($0) }, justification: s.justification,
                        note: s.note)
                )
            })
    }
}
