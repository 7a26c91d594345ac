import TelaahCore

/// One period's overview (`/periode/:period`): every PD the account may see, with its stage,
/// progress, total and predikat; the regency summary for those who see it; the period's documents
/// for the Admin and the Inspektur.
enum PeriodPage {
    /// The session's key for the period last opened (the home page returns to it).
    static let sessionKey = "periode"

    struct Row {
        var link: String?
        /// The signed LHE, for an account that reads it but not the PD's page (the Bupati): the
        /// final one, or the last signed revision of a reopened one.
        var signedLHE: String?
        var name: String
        var cluster: String
        var stage: String
        /// `Cycle.Stage`'s raw value (the filter).
        var stageID: String
        /// The team assigned, and whose turn the stage is.
        var team: String
        var owner: String
        var due: Due?
        var progress: String
        var percent: Int
        var total: String
        var predikat: String
    }

    /// A due date, and whether it has passed.
    struct Due {
        var text: String
        var overdue: Bool
    }

    /// A PD waiting for the account: its stage, since when, until when.
    struct Waiting {
        var link: String
        var name: String
        var stage: String
        var since: String
        var due: Due?
    }

    struct SummaryRow {
        var name: String
        var units: String
        var means: [String]
        var predikat: String
    }

    struct Model {
        var frame: Frame
        var period: String
        var periodID: String
        var years: String
        /// The regency's own regulation on the evaluation (its settings), not the framework's.
        var legalBasis: String
        var framework: String
        var rows: [Row]
        /// What waits for the account, oldest first; nil where no move of the cycle is ever its own.
        var waiting: [Waiting]
        /// The account's reminders of due dates, in words (`Reminders`): the same it is mailed.
        var reminders: [String]
        /// The stage the table shows (`?tahap=`), and the stages to choose from with their counts.
        var stageFilter: String?
        var stageChoices: [Choice]
        var columns: [String]
        var summary: [SummaryRow]
        var counts: [String]
        var complete: String
        /// The panel's view, for those who see it.
        var panel: String?
        /// Where the period's documents are (Admin and Inspektur), else nil.
        var documents: String?
        /// Follow-up actions past their due day on the PD the account reads, one line per PD.
        var overdue: [Overdue] = []
        var overdueActions = 0
        var overdueUnits = 0
        /// The regency's result for who sees it: the predikat counts, the mean against last year,
        /// the PD that need attention.
        var result: RegencyResult?
        /// The period's PD per stage, for the Admin and the Inspektur: whose turn, until when.
        var stages: [StageLine] = []
        /// The Bupati's page leads with the result and the follow-up: no move of the cycle is his.
        var leadsWithResult = false
        var followUpList: String = ""
        /// The Inspektur's recommendations beyond the four components, one per line (the Laporan
        /// Kompilasi's E, F, ...), shown to who sees the documents; `general` the form's API
        /// path when the account writes them.
        var generalText = ""
        var generalVersion = 0
        var general: String?
    }

    struct Overdue {
        var link: String
        var unit: String
        var year: Int
        var actions: Int
        var oldest: String
    }

    struct RegencyResult {
        var counts: [(code: String, count: Int)]
        var mean: String
        /// "naik 2,10 dari 69,00 (2025)", or nil without last year's figure.
        var againstLastYear: String?
        var attention: [(name: String, link: String?, total: String, predikat: String)]
    }

    struct StageLine {
        var stage: String
        var filter: String
        var units: Int
        var owner: String
        var due: Due?
    }
}
