import Fluent
import Foundation

/// Whose values a row holds.
package enum Actor: String, Codable, CaseIterable, Sendable {
    /// The PD's self-assessment.
    case unit
    /// The evaluation team's.
    case evaluator
    // Later: reviewer tiers, the panel, the final values.
}
