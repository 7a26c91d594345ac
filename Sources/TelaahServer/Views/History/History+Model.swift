/// The audit history of one PD's assessment (`/periode/:period/pd/:unit/riwayat`), newest first.
enum HistoryPage {
    struct Entry {
        var seq: String
        var at: String
        var user: String
        var action: String
        var what: String
        var before: String
        var after: String
    }

    struct Model {
        var frame: Frame
        var unit: String
        var back: String
        var entries: [Entry]
    }
}
