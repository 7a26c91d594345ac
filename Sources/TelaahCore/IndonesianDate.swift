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
