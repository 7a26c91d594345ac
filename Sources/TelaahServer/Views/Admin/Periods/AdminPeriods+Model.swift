/// Periods and LKE framework versions (`/admin/periode`): opening a period (after a confirmation
/// naming its year), closing and reopening one, uploading a framework version.
enum AdminPeriodsPage {
    struct Row {
        var id: String
        var name: String
        var years: String
        var framework: String
        var status: String
        var open: Bool
        var version: Int
        /// The review tiers skipped and the due dates (TTTT-BB-HH).
        var cycle: PeriodCycle
    }

    struct FrameworkRow {
        var name: String
        var title: String
        var sha: String
        var frozen: Bool
    }

    struct Model {
        var frame: Frame
        var periods: [Row]
        var frameworks: [FrameworkRow]
        var frameworkChoices: [Choice]
        /// The year the form proposes.
        var nextYear: Int
        /// The latest year a period may open (next year).
        var maxYear: Int
    }

    /// The year after the newest period (this year when there is none), at most next year: the
    /// latest a period may open (`AccountRules.evaluationYearProblem`).
    static func proposedYear(taken: Set<Int>, currentYear: Int) -> Int {
        min((taken.max() ?? currentYear - 1) + 1, currentYear + 1)
    }
}
