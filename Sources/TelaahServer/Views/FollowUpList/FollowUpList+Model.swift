/// The follow-up of a period's signed LHE (`/periode/:period/tindak-lanjut`): a line per PD with
/// its plan and rate, and every recommendation, filtered by status, PD or overdue; the matrix as
/// XLSX.
enum FollowUpListPage {
    struct UnitLine {
        var link: String
        var name: String
        var plan: String
        var summary: String
        var overdue: Int
    }

    struct Line {
        var link: String
        var unit: String
        /// The sub-component's id and title: a person reads no register code.
        var subcomponent: String
        var text: String
        /// The whole text, on hover.
        var full: String
        var actions: String
        var status: String
        var closed: Bool
        var overdue: Bool
    }

    struct Model {
        var frame: Frame
        var period: String
        var back: String
        var units: [UnitLine]
        var lines: [Line]
        var total: Int
        var statusChoices: [Choice]
        var unitChoices: [Choice]
        var overdueOnly: Bool
        var matrix: String
    }
}
