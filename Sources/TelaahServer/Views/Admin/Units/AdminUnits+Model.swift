/// Perangkat Daerah and clusters (`/admin/pd`): add one, import a CSV, rename, move, deactivate.
enum AdminUnitsPage {
    struct Row {
        var id: String
        var name: String
        var cluster: String
        /// As entered; empty: the default by the kind of PD, shown as the placeholder.
        var headTitle: String
        var defaultHeadTitle: String
        /// As entered; empty: the default, shown as the placeholder.
        var place: String
        var defaultPlace: String
        var active: Bool
        var version: Int
    }

    struct Model {
        var frame: Frame
        var units: [Row]
        var clusters: [String]
    }
}
