/// Every period of the government, to switch between them (`/periode`): the 2024 work stays one
/// click away after a new period opens.
enum PeriodsPage {
    struct Row {
        var link: String
        var name: String
        var years: String
        var status: String
        var current: Bool
    }

    struct Model {
        var frame: Frame
        var periods: [Row]
    }
}
