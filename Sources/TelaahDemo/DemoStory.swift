import Foundation
import TelaahCore
import TelaahServer

extension Demo {
    /// The demo's calendar, counted from the day it is seeded (WIB), so that every list and count
    /// tells one story: this year's evaluation under way around that day, last year's letters signed
    /// on the day they print (16 Oktober), their follow-up due 60 days later and mostly done since.
    public struct Story: Sendable {
        /// The demo's "today": the day it is made, or the day a test fixes.
        public let today: DocumentDate

        public init(today: DocumentDate = .today()) { self.today = today }

        /// The evaluation under way: the year of `today`.
        public var year: Int { today.year }

        /// The day `days` after `today` (before, when negative).
        public func day(_ days: Int) -> DocumentDate { Story.day(days, after: today) }

        /// 09.00 WIB of `day(days)`: when the demo did what it dates on that day.
        public func moment(_ days: Int) -> Date { day(days).wibMorning }

        /// The day last year's LHE were signed and printed.
        public var lastYearsLetters: DocumentDate { DocumentDate(year: year - 1, month: 10, day: 16) }

        static func day(_ days: Int, after date: DocumentDate) -> DocumentDate {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let start = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
            let c = calendar.dateComponents(
                [.year, .month, .day], from: calendar.date(byAdding: .day, value: days, to: start)!)
            return DocumentDate(year: c.year!, month: c.month!, day: c.day!)
        }
    }
}

extension Demo {
    /// A rencana aksi's action for a recommendation, as a PD writes it (seed 004): the
    /// recommendation's first line turned into what the PD will do, and the evidence it will attach.
    static func action(for recommendation: String) -> String {
        var head = FollowUp.items(in: recommendation).first?.head ?? recommendation
        if head.hasSuffix(":") { head.removeLast() }
        for prefix in ["Agar Perangkat Daerah ", "Agar ", "Perangkat Daerah "] where head.hasPrefix(prefix) {
            head.removeFirst(prefix.count)
        }
        for (passive, active) in [("dilakukan ", "melakukan "), ("segera ", "")] where head.hasPrefix(passive) {
            head = active + head.dropFirst(passive.count)
        }
        let first = head.split(separator: " ").first.map(String.init) ?? ""
        let verb = first.hasPrefix("me") || first.hasPrefix("Me")
        var text = verb ? head.prefix(1).uppercased() + head.dropFirst() : "Menindaklanjuti agar " + head
        text = Demo.clause(text, limit: 150)
        if text.hasSuffix(".") || text.hasSuffix(";") { text.removeLast() }
        return text + ", dan melampirkan dokumennya sebagai bukti tindak lanjut."
    }

    /// `text` cut after a word at most `limit` characters in, at a comma where there is one.
    static func clause(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        if let comma = cut.lastIndex(of: ","), cut.distance(from: cut.startIndex, to: comma) > limit / 2 {
            return String(cut[..<comma])
        }
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)])
    }

    /// The demo's people in charge of a PD's follow-up (names made up for the demo).
    static let followUpPeople = [
        "Rita Susanti, S.E.", "Ahmad Fauzi, S.Sos.", "Dedi Kurniawan, S.T.", "Sri Wahyuni, S.Kom.",
        "M. Ridwan, S.H.", "Yuliana Sari, S.AP.", "Hendra Saputra, S.E., M.Si.", "Nurhayati, S.Pd.",
    ]
}
