import TelaahCore

extension Demo {
    /// Criteria answers of `sub` whose fulfilment the framework's suggestion turns into `grade`,
    /// as a team's worksheet that led to it would hold them: every criterion at its best answer,
    /// then answers lowered one step at a time (chosen by `rng`) until the suggestion is the
    /// grade. `exact` is false where the criteria cannot reach it (three Y/T criteria have no
    /// fulfilment between 67 % and 100 %): the grade then needs its justification.
    static func backing(_ grade: String, _ sub: Subcomponent, _ framework: Framework, rng: inout SplitMix64)
        -> (answers: [(criterion: String, code: String, lowered: Bool)], exact: Bool)
    {
        let options = sub.criteria.map { framework.answerType($0.answerType)?.options ?? [] }
        var picks = Array(repeating: 0, count: options.count)
        func suggested() -> String? {
            guard !picks.isEmpty else { return nil }
            var sum = ExactDecimal.zero
            for (k, p) in picks.enumerated() { sum += options[k][p].value }
            let ratio = ExactRatio(sum, ExactDecimal(picks.count))
            return framework.suggestionRules.first { $0.matches(ratio) }?.grade
        }
        let order = framework.grades.map(\.code)
        let target = order.firstIndex(of: grade) ?? 0
        var attempts = 0
        while let now = suggested(), let at = order.firstIndex(of: now), at < target, attempts < 200 {
            attempts += 1
            let lowerable = picks.indices.filter { picks[$0] < options[$0].count - 1 }
            guard !lowerable.isEmpty else { break }
            let k = lowerable[Int(rng.next() % UInt64(lowerable.count))]
            picks[k] += 1
            if let after = suggested(), let i = order.firstIndex(of: after), i > target {
                picks[k] -= 1  // one step too far: another criterion instead
                if lowerable.allSatisfy({ j in
                    picks[j] += 1
                    defer { picks[j] -= 1 }
                    return (suggested().flatMap { order.firstIndex(of: $0) } ?? 0) > target
                }) {
                    break
                }
            }
        }
        let answers = sub.criteria.enumerated().map { k, c in (c.id, options[k][picks[k]].code, picks[k] > 0) }
        return (answers, suggested() == grade)
    }

    /// A title inside a sentence: its capitalised words lowered, acronyms ("SAKIP", "SMART") as
    /// typed.
    static func midSentence(_ title: String) -> String {
        title.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let letters = word.filter(\.isLetter)
            return !letters.isEmpty && letters.allSatisfy(\.isUppercase) && letters.count > 1
                ? String(word) : word.prefix(1).lowercased() + word.dropFirst()
        }.joined(separator: " ")
    }

    /// What the team writes under a sub-component graded below its maximum: the finding the PD
    /// answers.
    static func finding(_ grade: String, _ sub: Subcomponent) -> String {
        let about = "Terkait “\(sub.title)”"
        switch grade {
        case "AA": return "\(about), seluruh kriteria terpenuhi dan hasilnya dimanfaatkan secara berkelanjutan."
        case "A", "BB":
            return "\(about), bukti dukung telah memadai, namun pemanfaatannya belum menjangkau seluruh unit kerja."
        case "B": return "\(about), dokumen telah ada, namun kualitas dan pemanfaatannya belum sepenuhnya memadai."
        default:
            return "\(about), bukti dukung belum seluruhnya lengkap dan hasilnya belum dimanfaatkan."
        }
    }
}

extension Demo {
    /// Under a criterion answered below its best in the demo's worksheets.
    static let criterionNote = "Bukti dukung belum menunjukkan kriteria ini terpenuhi seluruhnya."

    /// The justification of a grade the criteria cannot suggest exactly.
    static func deviation(_ grade: String) -> String {
        "Nilai \(grade) diberikan atas pertimbangan kualitas dokumen dan pemanfaatannya, yang tidak tergambar sepenuhnya oleh jawaban kriteria."
    }

    /// `Dinas Kesehatan` → `dinas-kesehatan`, for the demo's links.
    static func slug(_ name: String) -> String {
        name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }
}
