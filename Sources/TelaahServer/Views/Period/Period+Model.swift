import TelaahCore

/// One period's overview (`/periode/:period`): every PD the account may see, with its stage,
/// progress, total and predikat; the regency summary for those who see it; the period's documents
/// for the Admin and the Inspektur.
enum PeriodPage {
    /// The session's key for the period last opened (the home page returns to it).
    static let sessionKey = "periode"

    struct Row {
        var link: String?
        var name: String
        var cluster: String
        var stage: String
        var progress: String
        var percent: Int
        var total: String
        var predikat: String
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
        var columns: [String]
        var summary: [SummaryRow]
        var counts: [String]
        var complete: String
        /// Where the period's documents are (Admin and Inspektur), else nil.
        var documents: String?
    }
}
