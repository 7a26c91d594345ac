/// An evaluation framework: the *LKE* (Lembar Kerja Evaluasi, the evaluation worksheet) with its
/// components → sub-components → criteria, weights, answer scales, grade tables and *predikat*
/// bands (the letter result of a total, AA … D). Frameworks are data (see
/// `docs/framework-format.md`), versioned, and frozen per evaluation period; nothing here is
/// specific to one regency.
///
/// Build one with `FrameworkLoader`, which validates it: a `Framework` value is always valid.
public struct Framework: Sendable {
    public var id: String
    public var version: String
    public var title: String
    public var legalBasis: [String]
    public var notes: String?
    public var answerTypes: [AnswerType]
    /// Best first.
    public var grades: [Grade]
    public var aspects: [Aspect]
    public var suggestionRules: [SuggestionRule]
    /// Best first.
    public var predikat: [PredikatBand]
    public var components: [Component]

    /// Lookup tables, built once by the loader.
    let index: Index

    struct Index: Sendable {
        var answerTypeByID: [String: Int] = [:]
        var gradeByCode: [String: Int] = [:]
        /// sub-component id → (component index, sub-component index)
        var subcomponentByID: [String: (Int, Int)] = [:]
        /// criterion id → (component, sub-component, criterion) indices
        var criterionByID: [String: (Int, Int, Int)] = [:]
        var aspectByName: [String: Int] = [:]
        var componentByID: [String: Int] = [:]
    }

    init(
        id: String, version: String, title: String, legalBasis: [String], notes: String?,
        answerTypes: [AnswerType], grades: [Grade], aspects: [Aspect], suggestionRules: [SuggestionRule],
        predikat: [PredikatBand], components: [Component]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.legalBasis = legalBasis
        self.notes = notes
        self.answerTypes = answerTypes
        self.grades = grades
        self.aspects = aspects
        self.suggestionRules = suggestionRules
        self.predikat = predikat
        self.components = components
        var index = Index()
        for (i, t) in answerTypes.enumerated() { index.answerTypeByID[t.id] = i }
        for (i, g) in grades.enumerated() { index.gradeByCode[g.code] = i }
        for (i, a) in aspects.enumerated() { index.aspectByName[a.name] = i }
        for (ci, c) in components.enumerated() {
            index.componentByID[c.id] = ci
            for (si, s) in c.subcomponents.enumerated() {
                index.subcomponentByID[s.id] = (ci, si)
                for (ki, k) in s.criteria.enumerated() { index.criterionByID[k.id] = (ci, si, ki) }
            }
        }
        self.index = index
    }

    public func answerType(_ id: String) -> AnswerType? {
        index.answerTypeByID[id].map { answerTypes[$0] }
    }

    public func grade(_ code: String) -> Grade? { index.gradeByCode[code].map { grades[$0] } }

    public func aspect(_ name: String) -> Aspect? { index.aspectByName[name].map { aspects[$0] } }

    public func component(_ id: String) -> Component? { index.componentByID[id].map { components[$0] } }

    public func subcomponent(_ id: String) -> Subcomponent? {
        index.subcomponentByID[id].map { components[$0.0].subcomponents[$0.1] }
    }

    public func criterion(_ id: String) -> Criterion? {
        index.criterionByID[id].map { components[$0.0].subcomponents[$0.1].criteria[$0.2] }
    }

    /// The id of the sub-component a criterion belongs to, as the framework places it; for an id
    /// the framework does not have, its first two parts (`1.a` of `1.a.9`), so the scorer can name
    /// it under the sub-component it claims.
    public func subcomponentID(ofCriterion id: String) -> String {
        if let (ci, si, _) = index.criterionByID[id] { return components[ci].subcomponents[si].id }
        return id.split(separator: ".").prefix(2).joined(separator: ".")
    }

    /// The id of the component a sub-component belongs to, as the framework places it.
    public func componentID(ofSubcomponent id: String) -> String? {
        index.subcomponentByID[id].map { components[$0.0].id }
    }

    public var allSubcomponents: [Subcomponent] { components.flatMap(\.subcomponents) }
    public var criterionCount: Int {
        components.reduce(0) { $0 + $1.subcomponents.reduce(0) { $0 + $1.criteria.count } }
    }

    /// The sum of the component weights (100 for every valid framework).
    public var totalWeight: ExactDecimal { components.reduce(.zero) { $0 + $1.weight } }

    /// The predikat of a value, taken on the value as shown (rounded half up to two decimals),
    /// so that a document never prints a value beside a predikat that contradicts it.
    /// Lower bounds are exclusive: with the default bands 80,00 is BB and 80,01 is A.
    /// Nil only for a value outside 0…100.
    public func predikat(of value: ExactDecimal) -> PredikatBand? {
        let shown = value.rounded(places: 2)
        return predikat.first { $0.contains(shown) }
    }

    /// The suggested grade for a fulfilment, by the first rule that matches.
    public func suggestedGrade(for fulfilment: ExactRatio) -> Grade? {
        for rule in suggestionRules where rule.matches(fulfilment) { return grade(rule.grade) }
        return nil
    }
}

/// How a criterion is answered (`Y/T`, `a-e`, …) and what each answer is worth.
public struct AnswerType: Sendable, Equatable {
    public var id: String
    public var label: String?
    public var options: [AnswerOption]

    public func option(_ code: String) -> AnswerOption? { options.first { $0.code == code } }
}

public struct AnswerOption: Sendable, Equatable {
    public var code: String
    public var label: String?
    /// From 0 to 1.
    public var value: ExactDecimal
}

/// A grade of a sub-component (AA … E) and its value in percent of the sub-component's weight.
public struct Grade: Sendable, Equatable {
    public var code: String
    public var value: ExactDecimal
    /// AA and A may be given only when every criterion is fulfilled (100 %).
    public var requiresFullFulfilment: Bool
}

/// A grade table: per aspect (Keberadaan, Kualitas, Pemanfaatan) the meaning of each grade.
public struct Aspect: Sendable, Equatable {
    public var name: String
    /// Grade code → description, in the order of the framework's grades.
    public var descriptions: [(grade: String, text: String)]

    public func description(of grade: String) -> String? { descriptions.first { $0.grade == grade }?.text }

    public static func == (lhs: Aspect, rhs: Aspect) -> Bool {
        lhs.name == rhs.name && lhs.descriptions.elementsEqual(rhs.descriptions) { $0 == $1 }
    }
}

/// One rule of the suggested-grade table: the grade suggested when the fulfilment (in percent)
/// is above `threshold` (or at least `threshold`, when `inclusive`).
public struct SuggestionRule: Sendable, Equatable {
    public var grade: String
    public var threshold: ExactDecimal
    public var inclusive: Bool

    public func matches(_ fulfilment: ExactRatio) -> Bool {
        switch fulfilment.comparePercent(threshold) {
        case .greater: true
        case .equal: inclusive
        case .less: false
        }
    }
}

/// A predikat band: code (AA), name (Sangat Memuaskan), the interpretation text, and the range
/// of totals it covers: above `lower` (exclusive) or from `lower` (inclusive, the lowest band
/// only) up to `upper` inclusive.
public struct PredikatBand: Sendable, Equatable {
    public var code: String
    public var name: String
    public var lower: ExactDecimal
    public var lowerInclusive: Bool
    public var upper: ExactDecimal
    public var interpretation: String

    public func contains(_ value: ExactDecimal) -> Bool {
        (lowerInclusive ? value >= lower : value > lower) && value <= upper
    }
}

/// A component of the LKE (`1` Perencanaan Kinerja, …).
public struct Component: Sendable, Equatable {
    public var id: String
    public var title: String
    public var weight: ExactDecimal
    public var subcomponents: [Subcomponent]
}

/// A sub-component (`1.a`): the unit that receives a grade.
public struct Subcomponent: Sendable, Equatable {
    public var id: String
    public var title: String
    public var aspect: String?
    public var weight: ExactDecimal
    public var criteria: [Criterion]
}

/// A criterion (`1.a.3`): one question of the LKE.
public struct Criterion: Sendable, Equatable {
    public var id: String
    public var text: String
    public var answerType: String
    public var guidance: String?
    /// Answer code → its wording (for `a-e`: what a, b, … mean for this criterion).
    public var options: [(code: String, text: String)]
    public var evidence: [String]
    /// Draws on the follow-up of earlier recommendations (4.c.1, 4.c.2): the LKE page shows them
    /// there, with the answer their rate suggests where the rule has bands.
    public var followUp: FollowUpRule? = nil

    public func wording(of code: String) -> String? { options.first { $0.code == code }?.text }

    public static func == (lhs: Criterion, rhs: Criterion) -> Bool {
        lhs.id == rhs.id && lhs.text == rhs.text && lhs.answerType == rhs.answerType
            && lhs.guidance == rhs.guidance && lhs.evidence == rhs.evidence && lhs.followUp == rhs.followUp
            && lhs.options.elementsEqual(rhs.options) { $0 == $1 }
    }
}

/// How a criterion reads the rate of recommendations followed up (`FollowUp.Tally.rate`): the
/// first answer whose threshold the rate exceeds, else `otherwise` (seed 001, 4.c.2: a > 90 %,
/// b > 75 %, c > 40 %, d > 10 %, else e). No bands: the criterion only shows the follow-up.
public struct FollowUpRule: Sendable, Equatable {
    /// Answer code and the percent the rate must exceed, from the highest.
    public var above: [(code: String, percent: ExactDecimal)]
    public var otherwise: String?

    public init(above: [(code: String, percent: ExactDecimal)] = [], otherwise: String? = nil) {
        self.above = above
        self.otherwise = otherwise
    }

    /// The answer a rate suggests; nil without bands.
    public func suggestion(rate: ExactDecimal) -> String? {
        guard !above.isEmpty else { return nil }
        return above.first { rate > $0.percent }?.code ?? otherwise
    }

    public static func == (a: FollowUpRule, b: FollowUpRule) -> Bool {
        a.otherwise == b.otherwise && a.above.elementsEqual(b.above) { $0 == $1 }
    }
}

extension Framework {
    /// A sub-component as a person reads it: its id and title, as the seeds write it.
    public func subcomponentName(_ id: String) -> String { subcomponent(id).map { "\(id) \($0.title)" } ?? id }
}
