/// How long a sub-component has kept every criterion fulfilled, from the grades of earlier
/// periods: the condition of A ("dipertahankan dalam setidaknya 1 tahun terakhir") and AA
/// (5 years) in the Keberadaan table of seed 001 §IV.B.2, which the system can check from its
/// own history.
public struct GradeHistory: Sendable, Equatable {
    /// Earlier evaluation years, newest first, with the final grade of the sub-component that year.
    public var years: [(year: Int, grade: String)]

    public init(years: [(year: Int, grade: String)]) {
        self.years = years.sorted { $0.year > $1.year }
    }

    public static func == (lhs: GradeHistory, rhs: GradeHistory) -> Bool {
        lhs.years.elementsEqual(rhs.years) { $0 == $1 }
    }

    /// The number of consecutive evaluation years right before `year` in which the sub-component
    /// was fully fulfilled: graded at or above the grade that 100 % fulfilment suggests (BB). A
    /// year without a grade, or a gap between years, ends the run.
    public func heldYears(before year: Int, framework: Framework) -> Int {
        guard let full = framework.suggestedGrade(for: ExactRatio(.hundred, .hundred)),
            let fullIndex = framework.grades.firstIndex(of: full)
        else { return 0 }
        var expected = year - 1
        var held = 0
        for entry in years where entry.year < year {
            guard entry.year == expected, let index = framework.grades.firstIndex(where: { $0.code == entry.grade }),
                index <= fullIndex
            else { break }
            held += 1
            expected -= 1
        }
        return held
    }

    /// For the LKE page: "dipertahankan 2 tahun (2022–2023)", or that it was not.
    public func summary(before year: Int, framework: Framework) -> String {
        let held = heldYears(before: year, framework: framework)
        guard held > 0 else {
            return years.contains { $0.year < year }
                ? "tidak terpenuhi penuh pada \(year - 1): belum dipertahankan"
                : "belum ada riwayat periode sebelumnya"
        }
        let range = held == 1 ? "\(year - 1)" : "\(year - held)–\(year - 1)"
        return "terpenuhi penuh dan dipertahankan \(held) tahun (\(range))"
    }
}
