/// The Inspektorat's settings (`/admin`): letterhead, signatory, the regency's own regulation,
/// tembusan, LHE number pattern, logo.
enum SettingsPage {
    struct Field {
        var name: String
        var label: String
        var value: String
        var hint: String
        /// A whole number (sent as one; empty as null).
        var integer = false
    }

    struct Model {
        var frame: Frame
        var government: String
        var version: Int
        var fields: [Field]
        /// Texts of several lines (a textarea each).
        var longFields: [Field]
        var counts: [String]
        var hasLogo: Bool
        /// The latest reminders mailed (the sent-mail log): when, to whom, subject, sent or why not.
        var mails: [(at: String, to: String, subject: String, status: String)] = []
    }
}
