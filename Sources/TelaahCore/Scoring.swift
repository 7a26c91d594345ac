/// One answer to a criterion: an answer code of its type (`Y`, `b`), or "not applicable" with
/// the reason (required).
public enum CriterionAnswer: Sendable, Equatable {
    case code(String)
    case notApplicable(reason: String)
}

/// What an evaluator entered for one sub-component. Every part is optional: answers alone (the
/// suggested grade becomes the grade), a grade alone (as in the seeds' letters), or both.
public struct SubcomponentInput: Sendable, Equatable {
    public var answers: [String: CriterionAnswer]
    public var grade: String?
    public var justification: String?
    public var note: String?

    public init(
        answers: [String: CriterionAnswer] = [:], grade: String? = nil, justification: String? = nil,
        note: String? = nil
    ) {
        self.answers = answers
        self.grade = grade
        self.justification = justification
        self.note = note
    }
}

/// One Perangkat Daerah's assessment, keyed by sub-component id (`1.a`).
public struct AssessmentInput: Sendable, Equatable {
    public var unit: String?
    public var subcomponents: [String: SubcomponentInput]

    public init(unit: String? = nil, subcomponents: [String: SubcomponentInput] = [:]) {
        self.unit = unit
        self.subcomponents = subcomponents
    }
}

/// An assessment in the scorer's dense form: one byte per criterion and per sub-component, in
/// framework order. `answers[i]`: 0 not yet answered, 1 not applicable, `k + 2` option `k` of the
/// criterion's answer type. `grades[j]`: 0 none, `g + 1` grade `g` of the framework.
public struct DenseAssessment: Sendable, Equatable {
    public static let unanswered: UInt8 = 0
    public static let notApplicable: UInt8 = 1

    public var answers: [UInt8]
    public var grades: [UInt8]
    /// Sparse texts: reasons by criterion index, justifications and notes by sub-component index.
    public var notApplicableReasons: [Int: String] = [:]
    public var justifications: [Int: String] = [:]
    public var notes: [Int: String] = [:]

    public init(criteria: Int, subcomponents: Int) {
        answers = Array(repeating: Self.unanswered, count: criteria)
        grades = Array(repeating: 0, count: subcomponents)
    }
}

/// Something in an assessment that breaks a rule (a wrong code, a missing justification).
public struct ScoringProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where, in the shape of the `score` input: `subcomponents.1.b.answers.1.b.4`.
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Something not yet entered. "Not yet answered" is never zero.
public struct MissingItem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A criterion without an answer.
        case criterion
        /// A sub-component with neither answers nor a grade.
        case subcomponent
        /// A sub-component whose criteria give no suggestion (all not applicable) and no grade.
        case grade
    }
    public var id: String
    public var kind: Kind
    public var description: String {
        switch kind {
        case .criterion: "kriteria \(id) belum dijawab"
        case .subcomponent: "sub-komponen \(id) belum dinilai"
        case .grade: "sub-komponen \(id) belum diberi nilai"
        }
    }
}

public struct SubcomponentResult: Sendable, Equatable {
    public enum GradeSource: String, Sendable {
        /// The evaluator set the grade.
        case evaluator
        /// The grade is the suggestion from the criteria.
        case suggestion
    }
    public var id: String
    public var weight: ExactDecimal
    public var criteria: Int
    public var answered: Int
    public var notApplicable: Int
    /// Sum of values over applicable criteria; nil until every criterion is answered.
    public var fulfilment: ExactRatio?
    public var suggestedGrade: String?
    public var grade: String?
    public var gradeSource: GradeSource?
    /// The evaluator's grade differs from the suggestion (shown in review).
    public var deviates: Bool
    public var justification: String?
    public var note: String?
    /// weight × grade value / 100, exact.
    public var score: ExactDecimal?
}

public struct ComponentResult: Sendable, Equatable {
    public var id: String
    public var weight: ExactDecimal
    /// Sum of the sub-component scores; nil while any of them has none.
    public var score: ExactDecimal?

    /// The score as a percent of the weight, rounded half up to two decimals (the LHE's "%").
    public var percent: ExactDecimal? {
        score.map { ExactDecimal.quotient(ExactDecimal(100).exactProduct($0) ?? .zero, weight) }
    }
}

/// The score of one assessment.
public struct ScoreResult: Sendable, Equatable {
    public var unit: String?
    /// Every sub-component has a grade and every started sub-component is fully answered.
    public var complete: Bool
    public var missing: [MissingItem]
    /// Broken rules; a result with problems must not be saved or published.
    public var problems: [ScoringProblem]
    public var components: [ComponentResult]
    public var subcomponents: [SubcomponentResult]
    /// Sum of the components; nil unless complete and without problems.
    public var total: ExactDecimal?
    public var predikat: PredikatBand?
}

/// Scores assessments against one framework. Build once per framework, use for many units.
public struct Scorer: Sendable {
    public let framework: Framework

    struct SubPlan: Sendable {
        var id: String
        var component: Int
        var weight: ExactDecimal
        var criteriaStart: Int
        var criteriaCount: Int
        /// Score for each grade, by grade index: weight × value / 100.
        var gradeScores: [ExactDecimal]
    }

    let subs: [SubPlan]
    let criterionIDs: [String]
    let criterionSub: [Int]
    /// Per criterion, the value of each option of its answer type.
    let optionValues: [[ExactDecimal]]
    let optionCodes: [[String]]
    /// Grade suggested for each count pattern is computed per call; rules kept here.
    let fullFulfilmentGrades: [Bool]
    /// Per sub-component, the name of its grade table (Keberadaan, Kualitas, Pemanfaatan).
    let subAspects: [String?]

    public init(framework: Framework) {
        self.framework = framework
        var subs: [SubPlan] = []
        var ids: [String] = []
        var criterionSub: [Int] = []
        var values: [[ExactDecimal]] = []
        var codes: [[String]] = []
        for (ci, component) in framework.components.enumerated() {
            for sub in component.subcomponents {
                let scores = framework.grades.map { sub.weight.exactProduct($0.value)!.exactQuotient(100)! }
                subs.append(
                    SubPlan(
                        id: sub.id, component: ci, weight: sub.weight, criteriaStart: ids.count,
                        criteriaCount: sub.criteria.count, gradeScores: scores))
                for criterion in sub.criteria {
                    let type = framework.answerType(criterion.answerType)!
                    ids.append(criterion.id)
                    criterionSub.append(subs.count - 1)
                    values.append(type.options.map(\.value))
                    codes.append(type.options.map(\.code))
                }
            }
        }
        self.subs = subs
        self.criterionIDs = ids
        self.criterionSub = criterionSub
        self.optionValues = values
        self.optionCodes = codes
        self.fullFulfilmentGrades = framework.grades.map(\.requiresFullFulfilment)
        self.subAspects = framework.allSubcomponents.map(\.aspect)
    }

    public var criterionCount: Int { criterionIDs.count }
    public var subcomponentCount: Int { subs.count }

    /// Index of a criterion in the dense form.
    public func criterionIndex(_ id: String) -> Int? { criterionIDs.firstIndex(of: id) }

    /// The dense answer byte for an answer code of criterion `index`, if the code is valid.
    public func answerByte(criterion index: Int, code: String) -> UInt8? {
        optionCodes[index].firstIndex(of: code).map { UInt8($0 + 2) }
    }

    /// Checks one answer on its own (a form field as it is saved): the criterion exists, the code
    /// is one of its answer type's, "not applicable" has a reason. Nil when it may be saved.
    public func check(criterion id: String, answer: CriterionAnswer) -> ScoringProblem? {
        let path = "answers.\(id)"
        guard let index = criterionIDs.firstIndex(of: id) else {
            return ScoringProblem(path: path, message: "kriteria \(id) tidak ada di kerangka \(framework.id)")
        }
        switch answer {
        case .code(let code):
            if answerByte(criterion: index, code: code) == nil {
                let allowed = optionCodes[index].joined(separator: "/")
                return ScoringProblem(path: path, message: "jawaban \"\(code)\" tidak sah; pilihan: \(allowed)")
            }
        case .notApplicable(let reason):
            if reason.trimmingWhitespace().isEmpty {
                return ScoringProblem(path: path, message: "\"tidak berlaku\" hanya dengan alasan")
            }
        }
        return nil
    }

    /// Converts keyed input to the dense form, reporting unknown ids and invalid codes.
    public func dense(_ input: AssessmentInput) -> (DenseAssessment, [ScoringProblem]) {
        var dense = DenseAssessment(criteria: criterionIDs.count, subcomponents: subs.count)
        var problems: [ScoringProblem] = []
        for (subID, entry) in input.subcomponents.sorted(by: { $0.key < $1.key }) {
            let base = "subcomponents.\(subID)"
            guard let si = subs.firstIndex(where: { $0.id == subID }) else {
                problems.append(
                    .init(path: base, message: "sub-komponen \(subID) tidak ada di kerangka \(framework.id)"))
                continue
            }
            let plan = subs[si]
            for (criterionID, answer) in entry.answers.sorted(by: { $0.key < $1.key }) {
                let path = "\(base).answers.\(criterionID)"
                guard
                    let ki = criterionIDs[plan.criteriaStart..<plan.criteriaStart + plan.criteriaCount]
                        .firstIndex(of: criterionID)
                else {
                    problems.append(
                        .init(path: path, message: "kriteria \(criterionID) bukan bagian dari sub-komponen \(subID)"))
                    continue
                }
                switch answer {
                case .code(let code):
                    guard let byte = answerByte(criterion: ki, code: code) else {
                        let allowed = optionCodes[ki].joined(separator: "/")
                        problems.append(
                            .init(path: path, message: "jawaban \"\(code)\" tidak sah; pilihan: \(allowed)"))
                        continue
                    }
                    dense.answers[ki] = byte
                case .notApplicable(let reason):
                    dense.answers[ki] = DenseAssessment.notApplicable
                    dense.notApplicableReasons[ki] = reason
                }
            }
            if let grade = entry.grade {
                if let gi = framework.index.gradeByCode[grade] {
                    dense.grades[si] = UInt8(gi + 1)
                } else {
                    let allowed = framework.grades.map(\.code).joined(separator: "/")
                    problems.append(
                        .init(path: "\(base).grade", message: "nilai \"\(grade)\" tidak dikenal; pilihan: \(allowed)"))
                }
            }
            if let text = entry.justification { dense.justifications[si] = text }
            if let text = entry.note { dense.notes[si] = text }
        }
        return (dense, problems)
    }

    /// Scores keyed input (as read from JSON or a form).
    public func score(_ input: AssessmentInput) -> ScoreResult {
        let (dense, problems) = dense(input)
        var result = score(dense)
        result.unit = input.unit
        if !problems.isEmpty {
            result.problems = problems + result.problems
            result.total = nil
            result.predikat = nil
        }
        return result
    }

    /// Why an AA or A grade needs a justification: the condition of the sub-component's grade table.
    func topGradeMessage(sub si: Int, grade g: Int) -> String {
        let code = framework.grades[g].code
        var message = "nilai \(code) wajib disertai justifikasi yang menyebut syaratnya"
        if let aspect = subAspects[si].flatMap({ framework.aspect($0) }), let text = aspect.description(of: code) {
            message += " (\(aspect.name): \(text.trimmingWhitespace()))"
        }
        return message
    }

    /// Scores a dense assessment: the one scoring path.
    public func score(_ a: DenseAssessment) -> ScoreResult {
        precondition(a.answers.count == criterionIDs.count && a.grades.count == subs.count)
        var missing: [MissingItem] = []
        var problems: [ScoringProblem] = []
        var subResults: [SubcomponentResult] = []
        subResults.reserveCapacity(subs.count)
        var componentScores = [ExactDecimal?](repeating: .zero, count: framework.components.count)

        for (si, plan) in subs.enumerated() {
            // Built only when a problem is reported: this loop runs for every unit of a period.
            var base: String { "subcomponents.\(plan.id)" }
            var answered = 0
            var notApplicable = 0
            var sum = ExactDecimal.zero
            for ki in plan.criteriaStart..<plan.criteriaStart + plan.criteriaCount {
                let byte = a.answers[ki]
                if byte == DenseAssessment.unanswered { continue }
                answered += 1
                if byte == DenseAssessment.notApplicable {
                    notApplicable += 1
                    if a.notApplicableReasons[ki]?.trimmingWhitespace().isEmpty ?? true {
                        problems.append(
                            .init(
                                path: "\(base).answers.\(criterionIDs[ki])",
                                message: "\"tidak berlaku\" hanya dengan alasan"))
                    }
                } else {
                    sum += optionValues[ki][Int(byte) - 2]
                }
            }
            var fulfilment: ExactRatio?
            var suggested: Int?
            let applicable = answered - notApplicable
            if answered == plan.criteriaCount && applicable > 0 {
                let ratio = ExactRatio(sum, ExactDecimal(applicable))
                fulfilment = ratio
                suggested = framework.suggestionRules.first { $0.matches(ratio) }
                    .flatMap { framework.index.gradeByCode[$0.grade] }
            }
            let given = a.grades[si] == 0 ? nil : Int(a.grades[si]) - 1
            let final = given ?? suggested
            let justification = a.justifications[si]
            if answered < plan.criteriaCount && answered > 0 {
                for ki in plan.criteriaStart..<plan.criteriaStart + plan.criteriaCount
                where a.answers[ki] == DenseAssessment.unanswered {
                    missing.append(.init(id: criterionIDs[ki], kind: .criterion))
                }
            } else if final == nil {
                missing.append(.init(id: plan.id, kind: answered == 0 ? .subcomponent : .grade))
            }
            let deviates = given != nil && suggested != nil && given != suggested
            let unjustified = justification?.trimmingWhitespace().isEmpty ?? true
            if let g = given, fullFulfilmentGrades[g], unjustified {
                // Seed 001 §IV.B.2: AA and A need a further condition the evaluator asserts, also
                // when the grade is given directly, without criteria answers.
                problems.append(
                    .init(path: "\(base).justification", message: topGradeMessage(sub: si, grade: g)))
            } else if deviates, unjustified {
                problems.append(
                    .init(
                        path: "\(base).justification",
                        message:
                            "nilai \(framework.grades[given!].code) berbeda dari saran \(framework.grades[suggested!].code): wajib disertai justifikasi"
                    ))
            }
            if let g = given, fullFulfilmentGrades[g], let f = fulfilment,
                f.comparePercent(.hundred) != .equal
            {
                problems.append(
                    .init(
                        path: "\(base).grade",
                        message:
                            "nilai \(framework.grades[g].code) hanya dapat diberikan bila seluruh kriteria terpenuhi (100 %); pemenuhan \(f.percent().indonesian()) %"
                    ))
            }
            let score = final.map { plan.gradeScores[$0] }
            if let score, answered == 0 || answered == plan.criteriaCount {
                componentScores[plan.component] = componentScores[plan.component].map { $0 + score }
            } else {
                componentScores[plan.component] = nil
            }
            subResults.append(
                SubcomponentResult(
                    id: plan.id, weight: plan.weight, criteria: plan.criteriaCount, answered: answered,
                    notApplicable: notApplicable, fulfilment: fulfilment,
                    suggestedGrade: suggested.map { framework.grades[$0].code },
                    grade: final.map { framework.grades[$0].code },
                    gradeSource: given != nil ? .evaluator : (suggested != nil ? .suggestion : nil),
                    deviates: deviates, justification: justification, note: a.notes[si], score: score))
        }
        let components = framework.components.enumerated().map { ci, c in
            ComponentResult(id: c.id, weight: c.weight, score: componentScores[ci])
        }
        let complete = missing.isEmpty
        var total: ExactDecimal?
        if complete && problems.isEmpty {
            total = componentScores.reduce(ExactDecimal.zero) { $0 + $1! }
        }
        return ScoreResult(
            unit: nil, complete: complete, missing: missing, problems: problems, components: components,
            subcomponents: subResults, total: total, predikat: total.flatMap { framework.predikat(of: $0) })
    }
}
