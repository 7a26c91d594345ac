import TelaahCore

/// The panel's calibration view (`/periode/:period/panel`): every PD with evaluators' grades, one
/// row each, its grade per sub-component (a grade other than the suggestion marked, a review
/// tier's decision marked), its total and predikat, and how far it stands from its cluster. The
/// panel changes a grade in place with its reason and approves the PD (calibrated) from here.
enum PanelPage {
    struct Cell {
        var grade: String
        var suggested: String?
        /// The grade differs from the suggestion.
        var deviates: Bool
        /// The review tier that set it, when one did.
        var tier: String?
        /// Where the account may change it now (the grade's API), else nil.
        var revise: Revise?
    }

    struct Revise {
        var url: String
        var version: Int
    }

    struct Row {
        var link: String
        var name: String
        var cluster: String
        var stage: String
        var cells: [Cell]
        var total: String
        var predikat: String
        var deviations: Int
        /// `+18,00 dari rata-rata 62,00`, or "—" where the cluster gives no measure.
        var standing: String
        var outlier: Bool
        /// The cycle's API where the account approves this PD's tier now, and the stage approved.
        var approve: (url: String, from: Cycle.Stage)?
    }

    struct Model {
        var frame: Frame
        var period: String
        var periodID: String
        var subcomponents: [(id: String, title: String)]
        var grades: [String]
        var rows: [Row]
        var stageChoices: [Choice]
        var clusterChoices: [Choice]
        var sortChoices: [Choice]
        var summary: String
    }
}
