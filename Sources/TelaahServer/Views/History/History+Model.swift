/// The audit history of one PD's assessment (`/periode/:period/pd/:unit/riwayat`), newest first,
/// each change in words, its entry's data one click away.
enum HistoryPage {
    struct Entry {
        var seq: String
        /// `16 Oktober 2024 09.12 WIB`.
        var at: String
        /// The account's name as the Inspektorat knows it, and its user name.
        var user: String
        /// The change in words (`words(action:before:after:)`).
        var change: String
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
