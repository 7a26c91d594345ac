/// The government's accounts (`/admin/pengguna`): add one; change name, role, PD, password, active.
enum AdminUsersPage {
    struct Row {
        var id: String
        var username: String
        var name: String
        var role: String
        var roleChoices: [Choice]
        var unitChoices: [Choice]
        var nip: String
        var email: String
        var rank: String
        var active: Bool
        var version: Int
    }

    struct Model {
        var frame: Frame
        var users: [Row]
        var roleChoices: [Choice]
        var unitChoices: [Choice]
    }
}
