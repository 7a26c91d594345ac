import Foundation
import Testing

@testable import TelaahCore

/// Answers every criterion of `sub` with `code`, or with the codes given in order.
func answers(_ sub: String, _ codes: [String]) -> [String: CriterionAnswer] {
    var result: [String: CriterionAnswer] = [:]
    for (i, code) in codes.enumerated() { result["\(sub).\(i + 1)"] = .code(code) }
    return result
}

/// A complete assessment where every sub-component gets `grade` directly.
/// AA and A carry a justification with `justifyTopGrades` (seed 001 §IV.B.2 requires one).
func allGraded(_ grade: String, framework: Framework = defaultFramework, justifyTopGrades: Bool = false)
    -> AssessmentInput
{
    var input = AssessmentInput(unit: "Uji")
    let justification =
        justifyTopGrades && framework.grade(grade)?.requiresFullFulfilment == true ? "Syarat terpenuhi" : nil
    for sub in framework.allSubcomponents {
        input.subcomponents[sub.id] = SubcomponentInput(grade: grade, justification: justification)
    }
    return input
}

@Suite("Scoring")
struct ScoringTests {
    let scorer = Scorer(framework: defaultFramework)

    @Test("the Purbalingga letter: 19,50 / 18,60 / 10,50 / 16,25, total 64,85, predikat B")
    func purbalingga() throws {
        let json = try JSONValue.parse(fixture("purbalingga-kutasari-2024.json"))
        let (input, framework) = try AssessmentInput.parse(json: json)
        #expect(framework == "lke-murung-raya-2024")
        let result = scorer.score(input)
        #expect(result.problems.isEmpty)
        #expect(result.complete)
        #expect(result.components.map { $0.score?.indonesian() } == ["19,50", "18,60", "10,50", "16,25"])
        #expect(result.total?.indonesian() == "64,85")
        #expect(result.predikat?.code == "B")
        #expect(result.predikat?.name == "Baik")
        // Grades given directly: no criteria, no suggestion, no deviation.
        #expect(
            result.subcomponents.allSatisfy { $0.gradeSource == .evaluator && !$0.deviates && $0.fulfilment == nil })
        #expect(result.subcomponents.first { $0.id == "1.a" }?.note?.contains("diformalkan") == true)
    }

    @Test(
        "suggested grade at every fulfilment border",
        arguments: [
            // 3.b has 9 criteria, all a–e (1 / 0,75 / 0,5 / 0,25 / 0); one letter per criterion.
            ("aaaaaaaaa", "BB", "100.00"),
            ("aaaaaaaab", "B", "97.22"),
            ("bbbbbbbbb", "CC", "75.00"),  // exactly 75 % is not > 75 %
            ("bbbbbbbba", "B", "77.78"),
            ("ccccccccc", "C", "50.00"),
            ("ccccccccb", "CC", "52.78"),
            ("ddddddddd", "D", "25.00"),
            ("ddddddddc", "C", "27.78"),
            ("eeeeeeeee", "E", "0.00"),
            ("eeeeeeeed", "D", "2.78"),
        ])
    func suggestion(_ letters: String, _ grade: String, _ percent: String) throws {
        let codes = letters.map(String.init)
        let result = scorer.score(
            AssessmentInput(subcomponents: ["3.b": SubcomponentInput(answers: answers("3.b", codes))]))
        #expect(result.problems.isEmpty)
        let sub = try #require(result.subcomponents.first { $0.id == "3.b" })
        #expect(sub.suggestedGrade == grade)
        #expect(sub.grade == grade)
        #expect(sub.gradeSource == .suggestion)
        #expect(sub.fulfilment?.percent().plain(places: 2) == percent)
        #expect(sub.score == defaultFramework.grade(grade)!.value.exactProduct(d("4.5"))!.exactQuotient(100))
    }

    @Test("Y/T criteria: 7 of 7 is BB, 6 of 7 (85,71 %) is B")
    func yesNo() {
        let full = scorer.score(
            AssessmentInput(subcomponents: ["1.a": .init(answers: answers("1.a", Array(repeating: "Y", count: 7)))]))
        #expect(full.subcomponents[0].suggestedGrade == "BB")
        #expect(full.subcomponents[0].score == d("4.8"))
        let six = scorer.score(
            AssessmentInput(subcomponents: [
                "1.a": .init(answers: answers("1.a", Array(repeating: "Y", count: 6) + ["T"]))
            ]))
        #expect(six.subcomponents[0].suggestedGrade == "B")
        #expect(six.subcomponents[0].score == d("4.2"))
    }

    @Test("a grade other than the suggestion needs a justification, and is marked as a deviation")
    func justification() {
        let codes = Array(repeating: "Y", count: 6) + ["T"]  // suggests B
        let bare = scorer.score(
            AssessmentInput(subcomponents: ["1.a": .init(answers: answers("1.a", codes), grade: "CC")]))
        #expect(bare.problems.map(\.path) == ["subcomponents.1.a.justification"])
        #expect(bare.problems[0].message.contains("berbeda dari saran B"))
        let blank = scorer.score(
            AssessmentInput(subcomponents: [
                "1.a": .init(answers: answers("1.a", codes), grade: "CC", justification: "  ")
            ]))
        #expect(blank.problems.count == 1)
        let justified = scorer.score(
            AssessmentInput(
                subcomponents: [
                    "1.a": .init(answers: answers("1.a", codes), grade: "CC", justification: "Renja belum ditetapkan")
                ]))
        #expect(justified.problems.isEmpty)
        #expect(justified.subcomponents[0].deviates)
        #expect(justified.subcomponents[0].grade == "CC")
        #expect(justified.subcomponents[0].score == d("3.6"))
        let same = scorer.score(
            AssessmentInput(subcomponents: ["1.a": .init(answers: answers("1.a", codes), grade: "B")]))
        #expect(same.problems.isEmpty)
        #expect(!same.subcomponents[0].deviates)
    }

    @Test("A and AA only at 100 % fulfilment")
    func topGrades() {
        let full = answers("1.a", Array(repeating: "Y", count: 7))
        let ok = scorer.score(
            AssessmentInput(subcomponents: [
                "1.a": .init(answers: full, grade: "A", justification: "Dipertahankan sejak 2022")
            ]))
        #expect(ok.problems.isEmpty)
        #expect(ok.subcomponents[0].score == d("5.4"))
        let partial = answers("1.a", Array(repeating: "Y", count: 6) + ["T"])
        let refused = scorer.score(
            AssessmentInput(subcomponents: ["1.a": .init(answers: partial, grade: "AA", justification: "Inovatif")]))
        #expect(refused.problems.map(\.path) == ["subcomponents.1.a.grade"])
        #expect(refused.problems[0].message.contains("100 %"))
        #expect(refused.total == nil)
    }

    @Test("AA and A need a justification naming their condition, also when graded directly")
    func topGradesNeedJustification() {
        // Seed 001 §IV.B.2: a grade alone, as the letters give it, is not enough for AA or A.
        let direct = scorer.score(AssessmentInput(subcomponents: ["1.a": .init(grade: "AA")]))
        #expect(direct.problems.map(\.path) == ["subcomponents.1.a.justification"])
        #expect(direct.problems[0].message.contains("Keberadaan"))
        #expect(direct.problems[0].message.contains("setidaknya 5 tahun terakhir"))
        let quality = scorer.score(AssessmentInput(subcomponents: ["1.b": .init(grade: "A", justification: " ")]))
        #expect(quality.problems.map(\.path) == ["subcomponents.1.b.justification"])
        #expect(quality.problems[0].message.contains("upaya yang bisa dihargai"))
        let justified = scorer.score(
            AssessmentInput(subcomponents: ["1.a": .init(grade: "AA", justification: "Dipertahankan sejak 2019")]))
        #expect(justified.problems.isEmpty)
        #expect(justified.subcomponents[0].score == d("6"))
        // With every criterion met and no justification: one problem, the condition's.
        let full = scorer.score(
            AssessmentInput(subcomponents: [
                "1.a": .init(answers: answers("1.a", Array(repeating: "Y", count: 7)), grade: "A")
            ]))
        #expect(full.problems.count == 1)
        #expect(full.problems[0].message.contains("1 tahun terakhir"))
        // Every complete assessment graded A everywhere is refused until each carries its reason.
        #expect(scorer.score(allGraded("A")).total == nil)
        #expect(scorer.score(allGraded("BB")).total?.indonesian() == "80,00")
    }

    @Test("a sub-component's grade kept over earlier years: 1 year for A, 5 for AA")
    func heldYears() {
        let f = defaultFramework
        let history = GradeHistory(years: [
            (2023, "BB"), (2022, "A"), (2021, "AA"), (2020, "B"), (2019, "BB"),
        ])
        #expect(history.heldYears(before: 2024, framework: f) == 3)
        #expect(history.summary(before: 2024, framework: f) == "terpenuhi penuh dan dipertahankan 3 tahun (2021–2023)")
        #expect(history.heldYears(before: 2023, framework: f) == 2)
        #expect(history.heldYears(before: 2021, framework: f) == 0)
        #expect(history.summary(before: 2021, framework: f) == "tidak terpenuhi penuh pada 2020: belum dipertahankan")
        // A gap in the years ends the run: 2023 missing.
        #expect(GradeHistory(years: [(2022, "BB")]).heldYears(before: 2024, framework: f) == 0)
        #expect(GradeHistory(years: []).summary(before: 2024, framework: f) == "belum ada riwayat periode sebelumnya")
        #expect(GradeHistory(years: [(2023, "AA")]).summary(before: 2024, framework: f).hasSuffix("1 tahun (2023)"))
    }

    @Test("not applicable only with a reason, and left out of the mean")
    func notApplicable() {
        var a = answers("1.a", Array(repeating: "Y", count: 6) + ["T"])
        a["1.a.7"] = .notApplicable(reason: "Tidak memiliki unit di bawahnya")
        let result = scorer.score(AssessmentInput(subcomponents: ["1.a": .init(answers: a)]))
        #expect(result.problems.isEmpty)
        #expect(result.subcomponents[0].notApplicable == 1)
        #expect(result.subcomponents[0].suggestedGrade == "BB")  // 6 of 6 applicable
        a["1.a.7"] = .notApplicable(reason: "")
        let noReason = scorer.score(AssessmentInput(subcomponents: ["1.a": .init(answers: a)]))
        #expect(noReason.problems.map(\.path) == ["subcomponents.1.a.answers.1.a.7"])
    }

    @Test("all criteria not applicable: no suggestion, the grade must be given")
    func allNotApplicable() {
        var a: [String: CriterionAnswer] = [:]
        for i in 1...3 { a["4.a.\(i)"] = .notApplicable(reason: "Belum ada pedoman nasional") }
        let result = scorer.score(AssessmentInput(subcomponents: ["4.a": .init(answers: a)]))
        let sub = result.subcomponents.first { $0.id == "4.a" }!
        #expect(sub.fulfilment == nil && sub.suggestedGrade == nil && sub.grade == nil)
        #expect(result.missing.contains(MissingItem(id: "4.a", kind: .grade)))
    }

    @Test("not yet answered is not zero: an incomplete assessment says what is missing and has no total")
    func incomplete() {
        var input = allGraded("B")
        input.subcomponents["2.b"] = SubcomponentInput(answers: ["2.b.1": .code("a"), "2.b.3": .code("Y")])
        input.subcomponents["3.c"] = nil
        let result = scorer.score(input)
        #expect(!result.complete)
        #expect(result.total == nil)
        #expect(result.predikat == nil)
        #expect(result.missing.map(\.id) == ["2.b.2", "2.b.4", "2.b.5", "3.c"])
        #expect(result.missing.last?.description == "sub-komponen 3.c belum dinilai")
        #expect(result.components[0].score == d("21"))
        #expect(result.components[1].score == nil)
        #expect(result.components[2].score == nil)
        #expect(result.subcomponents.first { $0.id == "2.b" }?.fulfilment == nil)
    }

    @Test("unknown ids and codes are problems naming the field")
    func invalidInput() {
        var input = allGraded("B")
        input.subcomponents["1.a"] = SubcomponentInput(answers: ["1.a.1": .code("Ya"), "1.b.1": .code("Y")])
        input.subcomponents["9.z"] = SubcomponentInput(grade: "B")
        input.subcomponents["2.a"] = SubcomponentInput(grade: "B+")
        let result = scorer.score(input)
        #expect(
            result.problems.map(\.path) == [
                "subcomponents.1.a.answers.1.a.1", "subcomponents.1.a.answers.1.b.1", "subcomponents.2.a.grade",
                "subcomponents.9.z",
            ])
        #expect(result.problems[0].message == "jawaban \"Ya\" tidak sah; pilihan: Y/T")
        #expect(result.total == nil)
    }

    @Test("every grade everywhere: the total is the grade value")
    func uniform() {
        for grade in defaultFramework.grades {
            let result = scorer.score(allGraded(grade.code, justifyTopGrades: true))
            #expect(result.total == grade.value, "\(grade.code)")
        }
    }

    @Test("a sub-component graded directly scores the same as one answered to that suggestion")
    func directEqualsAnswered() {
        let answered = scorer.score(
            AssessmentInput(subcomponents: ["3.b": .init(answers: answers("3.b", Array(repeating: "b", count: 9)))]))
        let direct = scorer.score(
            AssessmentInput(subcomponents: ["3.b": .init(grade: answered.subcomponents[7].grade)]))
        #expect(answered.subcomponents[7].grade == "CC")
        #expect(direct.subcomponents[7].score == answered.subcomponents[7].score)
        #expect(direct.subcomponents[7].score == d("2.7"))
        #expect(direct.components[2].score == nil)  // 3.a and 3.c not yet scored
    }

    @Test("reads the assessment JSON and names a bad field")
    func jsonInput() throws {
        let good = try JSONValue.parse(
            #"{"subcomponents": {"1.a": {"answers": {"1.a.1": "Y", "1.a.2": {"not_applicable": "RPJPD belum ada"}, "1.a.3": null}}}}"#
        )
        let (input, _) = try AssessmentInput.parse(json: good)
        #expect(input.subcomponents["1.a"]?.answers.count == 2)
        #expect(input.subcomponents["1.a"]?.answers["1.a.2"] == .notApplicable(reason: "RPJPD belum ada"))
        let bad = try JSONValue.parse(#"{"subcomponents": {"1.a": {"answers": {"1.a.1": 1}}}}"#)
        let error = try #require(throws: InputFieldError.self) { try AssessmentInput.parse(json: bad) }
        #expect(error.path == "subcomponents.1.a.answers.1.a.1")
        let typo = try JSONValue.parse(#"{"subcomponent": {}}"#)
        #expect(throws: InputFieldError.self) { try AssessmentInput.parse(json: typo) }
    }
}
