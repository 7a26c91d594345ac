/// One period's teams and the assignment of every PD (`/admin/periode/:period/tim`): the surat
/// tugas, built in the browser.
enum AdminTeamsPage {
    struct Member {
        var name: String
        var role: String
        var removeLink: String
    }

    struct TeamRow {
        var id: String
        var name: String
        /// The surat tugas: number and date (TTTT-BB-HH), empty until issued.
        var letterNumber: String
        var letterDate: String
        var version: Int
        var members: [Member]
        var units: Int
    }

    struct AssignmentRow {
        var unit: String
        var cluster: String
        var link: String
        var choices: [Choice]
    }

    struct Model {
        var frame: Frame
        var period: String
        var periodID: String
        var teams: [TeamRow]
        var staffChoices: [Choice]
        var teamRoleChoices: [Choice]
        var assignments: [AssignmentRow]
        var unassigned: Int
    }
}
