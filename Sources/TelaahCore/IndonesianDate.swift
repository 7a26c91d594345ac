/// Dates the way Indonesian government documents write them: `16 Oktober 2024`.
public enum IndonesianDate {
    public static let months = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
        "November", "Desember",
    ]

    /// `16 Oktober 2024`; nil for a day or month out of range.
    public static func format(year: Int, month: Int, day: Int) -> String? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return "\(day) \(months[month - 1]) \(year)"
    }
}

/// A date in a document: read from `2024-10-16`, printed `16 Oktober 2024`.
public struct DocumentDate: Sendable, Equatable, Comparable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(iso text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
            let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= Self.days(month: m, year: y)
        else { return nil }
        year = y
        month = m
        day = d
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func days(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var indonesian: String { IndonesianDate.format(year: year, month: month, day: day) ?? "" }

    /// `2024-10-16`.
    public var isoText: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = DocumentDate(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "tanggal harus berbentuk TTTT-BB-HH: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(isoText)
    }

    public static func < (a: DocumentDate, b: DocumentDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
