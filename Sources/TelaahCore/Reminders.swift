/// Reminders of due dates, to whoever's turn it is (issue 23): the period's deadline for the stage
/// a PD is at, to the accounts whose move it is (`Cycle.isTurn`), and a rencana aksi's action, to
/// the PD's operator while its recommendation is open. Each goes out `daysBefore` days ahead, on
/// the day, and once when late; each of these moments once per recipient (`key`).
public enum Reminders {
    /// How many days ahead of a due date the first reminder goes out.
    public static let daysBefore = 3

    /// Where today stands against a due date.
    public enum Moment: String, Sendable, Equatable, CaseIterable {
        /// Within `daysBefore` days ahead.
        case soon
        /// The due date is today.
        case today
        /// The due date has passed.
        case late

        /// `3 hari lagi`, `hari ini`, `lewat 2 hari`.
        public func words(days: Int) -> String {
            switch self {
            case .soon: "\(days) hari lagi"
            case .today: "hari ini"
            case .late: "lewat \(-days) hari"
            }
        }
    }

    /// The moment of `due` on `today`, and the days left (negative once late); nil while it is
    /// further ahead than `daysBefore`.
    public static func moment(due: DocumentDate, today: DocumentDate) -> (moment: Moment, days: Int)? {
        let days = dayNumber(due) - dayNumber(today)
        if days > daysBefore { return nil }
        return (days > 0 ? .soon : days == 0 ? .today : .late, days)
    }

    /// One reminder to one account.
    public struct Item: Sendable, Equatable {
        /// What it is about, in words: `Penilaian mandiri dikirim: Dinas Kesehatan`.
        public var title: String
        public var due: DocumentDate
        public var moment: Moment
        public var days: Int
        /// The same reminder has the same key on every run: it goes to a recipient once.
        public var key: String

        /// `Penilaian mandiri dikirim: Dinas Kesehatan, batas 10 Desember 2026 (3 hari lagi)`.
        public var line: String { "\(title), batas \(due.indonesian) (\(moment.words(days: days)))" }
    }

    /// Reminders as a person reads them: the nearest due date first.
    public static func inOrder(_ items: [Item]) -> [Item] { items.sorted { ($0.due, $0.title) < ($1.due, $1.title) } }

    /// The reminder of a period's deadline for a PD at `stage`, for an account whose turn it is.
    public static func stage(
        _ stage: Cycle.Stage, unit: String, assessment: String, due: DocumentDate, today: DocumentDate
    ) -> Item? {
        guard let deadline = Cycle.Deadline.of(stage), let (moment, days) = moment(due: due, today: today) else {
            return nil
        }
        return Item(
            title: "\(deadline.title): \(unit) (tahap \(stage.title))", due: due, moment: moment, days: days,
            key: "stage:\(assessment):\(stage.rawValue):\(due.isoText):\(moment.rawValue)")
    }

    /// The reminder of a rencana aksi's action while its recommendation is open.
    public static func action(
        _ action: String, id: String, unit: String, due: DocumentDate, status: FollowUp.Status, today: DocumentDate
    ) -> Item? {
        guard status == .open || status == .inProgress, let (moment, days) = moment(due: due, today: today) else {
            return nil
        }
        return Item(
            title: "Rencana aksi \(unit): \(action)", due: due, moment: moment, days: days,
            key: "action:\(id):\(due.isoText):\(moment.rawValue)")
    }

    /// Days since 1970-01-01 (civil calendar), to count the days between two dates.
    static func dayNumber(_ d: DocumentDate) -> Int {
        let y = d.month <= 2 ? d.year - 1 : d.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (d.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + d.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// How a government's reminders are mailed, and what its settings must hold.
public enum MailSettings {
    public enum Transport: String, Sendable, CaseIterable {
        /// The machine's sendmail interface (`sendmail -t -i`: postfix, exim, msmtp…), which
        /// knows the relay, its TLS and its credentials.
        case sendmail
        /// An SMTP relay that takes mail from this machine as it is (plain SMTP, no login).
        case smtp
    }

    /// Why an address is refused: one `name@domain`, no spaces or line breaks (a header injection).
    public static func addressProblem(_ address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), address.count <= 254,
            !address.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "<" || $0 == ">" || $0 == "," })
        else { return "Alamat surel \"\(address)\" tidak sah (contoh: nama@banyuasinkab.go.id)." }
        return nil
    }

    /// Why the settings are refused; none set: no e-mail, which is fine.
    public static func problem(transport: String?, from: String?, host: String?, port: Int?) -> String? {
        guard let transport, !transport.isEmpty else { return nil }
        guard let t = Transport(rawValue: transport) else {
            return "Cara kirim surel harus \"sendmail\" atau \"smtp\" (kosong: tanpa surel)."
        }
        guard let from, !from.isEmpty else { return "Alamat pengirim surel wajib diisi untuk mengirim pengingat." }
        if let p = addressProblem(from) { return p }
        if t == .smtp {
            guard let host, !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" }) else {
                return "Server SMTP wajib diisi (nama atau alamat relai, mis. 127.0.0.1)."
            }
            if let port, !(1...65535).contains(port) { return "Port SMTP harus 1–65535." }
        }
        return nil
    }
}
