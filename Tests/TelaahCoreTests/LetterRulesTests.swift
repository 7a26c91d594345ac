import Testing

@testable import TelaahCore

@Suite("What an LHE must say before review")
struct LetterRulesTests {
    /// Every sub-component graded `grade` (directly, as the letters do), with `recommendation` on the first.
    func result(_ grade: String, _ justification: String? = nil) -> ScoreResult {
        var input = AssessmentInput(unit: "Uji")
        for sub in defaultFramework.allSubcomponents {
            input.subcomponents[sub.id] = SubcomponentInput(grade: grade, justification: justification)
        }
        return Scorer(framework: defaultFramework).score(input)
    }

    @Test("below A with no recommendation: refused, naming the sub-components below their maximum, lowest first")
    func belowAWithoutRecommendation() {
        let b = result("B")
        #expect(b.predikat?.code == "BB" || b.predikat?.code == "B")
        let named = LetterRules.missingRecommendations(result: b, framework: defaultFramework, recommendations: [:])
        #expect(named.count == defaultFramework.allSubcomponents.count)
        #expect(
            named.first?.hasPrefix("1.a ") == true && named.first?.contains(" dari ") == true, "\(named.first ?? "")")
        #expect(
            LetterRules.missingRecommendations(result: b, framework: defaultFramework, recommendations: ["2.a": "  "])
                .count == named.count)
        // One recommendation is enough: the letter has something to say.
        #expect(
            LetterRules.missingRecommendations(
                result: b, framework: defaultFramework, recommendations: ["2.a": "Agar IKU direviu."]
            ).isEmpty)
    }

    @Test("at A and above, and while the result is incomplete, nothing is asked")
    func atAOrIncomplete() {
        let a = result("A", "Seluruh kriteria terpenuhi.")
        #expect(a.predikat?.code == "A")
        #expect(
            LetterRules.missingRecommendations(result: a, framework: defaultFramework, recommendations: [:]).isEmpty)
        let empty = Scorer(framework: defaultFramework).score(AssessmentInput())
        #expect(
            LetterRules.missingRecommendations(result: empty, framework: defaultFramework, recommendations: [:]).isEmpty
        )
    }

    @Test("the cycle refuses the draft with the rule's words")
    func cycleRefusal() {
        let c = Cycle.Conditions(unrecommended: ["1.a Dokumen Perencanaan kinerja telah tersedia (4,20 dari 6,00)"])
        #expect(
            throws: Cycle.Refusal.notReady(
                "Nilai di bawah A: rancangan LHE memerlukan sedikitnya satu rekomendasi atas sub-komponen yang belum mencapai nilai maksimal, misalnya 1.a Dokumen Perencanaan kinerja telah tersedia (4,20 dari 6,00)."
            )
        ) {
            try Cycle.move(
                .submitDraft, from: .evaluation, by: .init(role: .auditor, teamRoles: [.ketuaTim]), conditions: c)
        }
    }

    @Test("a tally in the letters' words, counts of none left out")
    func tallyInWords() {
        var t = FollowUp.Tally([.compliant, .inProgress, .inProgress])
        #expect(t.inWords == "1 telah ditindaklanjuti sesuai rekomendasi dan 2 dalam proses")
        t.add(.open)
        t.add(.impossible)
        #expect(
            t.inWords
                == "1 telah ditindaklanjuti sesuai rekomendasi, 2 dalam proses, 1 belum ditindaklanjuti dan 1 tidak dapat ditindaklanjuti"
        )
        #expect(FollowUp.Tally().inWords == "belum ada yang ditindaklanjuti")
    }
}

@Suite("Attention")
struct AttentionTests {
    @Test("the PD below B need attention, lowest first; B and above do not, at the border too")
    func belowB() {
        let units: [(String, ExactDecimal, String)] = [
            ("a", ExactDecimal(parsing: "60.01")!, "B"), ("b", ExactDecimal(parsing: "59.99")!, "CC"),
            ("c", ExactDecimal(parsing: "20.00")!, "D"),
            ("d", ExactDecimal(parsing: "45.00")!, "C"), ("e", ExactDecimal(parsing: "80.00")!, "A"),
        ]
        #expect(Attention.pick(units, total: \.1, predikat: { $0.2 }).map(\.0) == ["c", "d", "b"])
        #expect(Attention.pick(Array(units.prefix(1)), total: \.1, predikat: { $0.2 }).isEmpty)
    }
}
