/// What an LHE must say before its draft goes to review. Seed 001 §V.A: the uraian names what
/// needs attention and recommends; a PD below A has sub-components to improve, so a letter
/// without any recommendation would tell it nothing.
public enum LetterRules {
    /// For a complete result below A when no sub-component carries a recommendation: the
    /// sub-components below their maximum, lowest share of their weight first, as
    /// `1.a Keberadaan Dokumen (10,50 dari 15,00)`; empty when the letter may go.
    public static func missingRecommendations(
        result: ScoreResult, framework: Framework, recommendations: [String: String]
    ) -> [String] {
        guard let total = result.total, belowA(total, framework),
            !recommendations.values.contains(where: { !$0.trimmingWhitespace().isEmpty })
        else { return [] }
        let below = result.subcomponents.compactMap { r -> (ExactDecimal, String)? in
            guard let score = r.score, score < r.weight, let sub = framework.subcomponent(r.id) else { return nil }
            return (
                ExactRatio(score, r.weight).percent(),
                "\(sub.id) \(sub.title) (\(score.indonesian()) dari \(r.weight.indonesian()))"
            )
        }
        return below.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Below the lower bound of the band coded `A` (or below the second-best band of a framework
    /// without one).
    static func belowA(_ total: ExactDecimal, _ framework: Framework) -> Bool {
        let bands = framework.predikat
        guard let a = bands.first(where: { $0.code == "A" }) ?? (bands.count > 1 ? bands[1] : bands.first)
        else { return false }
        return a.lowerInclusive ? total < a.lower : total <= a.lower
    }
}
