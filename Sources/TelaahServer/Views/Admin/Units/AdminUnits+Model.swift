/// Perangkat Daerah and clusters (`/admin/pd`): add one, import a CSV, rename, move, deactivate.
enum AdminUnitsPage {
    struct Row {
        var id: String
        var name: String
        var cluster: String
        var active: Bool
        var version: Int
    }

    struct Model {
        var frame: Frame
        var units: [Row]
        var clusters: [String]
    }
}
