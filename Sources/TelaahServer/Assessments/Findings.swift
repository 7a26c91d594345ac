import Foundation
import TelaahCore

/// A finding of a PD's tentative result: the evaluators' note on a sub-component (the LHE's
/// "hal-hal yang perlu diperhatikan"), which the PD agrees with or answers.
struct Finding: Sendable {
    var subcomponent: String
    var title: String
    var text: String

    /// The findings of an assessment, in the framework's order.
    static func of(_ values: AssessmentValues, assessment: UUID, framework: Framework) -> [Finding] {
        let notes = Dictionary(
            values.grades.filter { $0.assessment_id == assessment && $0.actor == Actor.evaluator.rawValue }.compactMap {
                g -> (String, String)? in
                let text = (g.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : (g.subcomponent_id, text)
            }, uniquingKeysWith: { a, _ in a })
        return framework.allSubcomponents.compactMap { sub in
            notes[sub.id].map { Finding(subcomponent: sub.id, title: sub.title, text: $0) }
        }
    }
}
