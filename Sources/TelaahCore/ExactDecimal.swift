/// An exact decimal number with six decimal places, kept as an integer count of millionths.
///
/// Scores are never `Double`: every weight, value and score of an LKE is a short decimal
/// (`4,5`, `0,75`, `19,50`), and the framework validator proves that every score of a framework
/// is exact at this scale. Quotients (means, percentages) are rounded only when shown, half up,
/// through `ExactDecimal.quotient(_:_:places:)`, which rounds the exact rational value once.
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Decimal places kept.
    public static let scale = 6
    /// 10^scale.
    public static let unitsPerOne: Int64 = 1_000_000

    /// The value in millionths.
    public let units: Int64

    public init(units: Int64) { self.units = units }

    public init(_ integer: Int) { self.units = Int64(integer) * Self.unitsPerOne }

    public static let zero = ExactDecimal(units: 0)
    public static let hundred = ExactDecimal(100)

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.units < rhs.units }
    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        ExactDecimal(units: lhs.units + rhs.units)
    }
    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        ExactDecimal(units: lhs.units - rhs.units)
    }
    public static func += (lhs: inout ExactDecimal, rhs: ExactDecimal) { lhs = lhs + rhs }

    /// `self × other`, or nil when the product has more than six decimals or overflows.
    public func exactProduct(_ other: ExactDecimal) -> ExactDecimal? {
        let product = Int128(units) * Int128(other.units)
        let (q, r) = product.quotientAndRemainder(dividingBy: Int128(Self.unitsPerOne))
        guard r == 0, let result = Int64(exactly: q) else { return nil }
        return ExactDecimal(units: result)
    }

    /// `self / divisor` when exact at six decimals, else nil.
    public func exactQuotient(_ divisor: Int64) -> ExactDecimal? {
        guard divisor != 0, units % divisor == 0 else { return nil }
        return ExactDecimal(units: units / divisor)
    }

    /// `numerator / denominator` rounded half up (away from zero) to `places` decimals.
    /// Both operands are exact; the rounding happens once, on the exact rational value.
    public static func quotient(_ numerator: ExactDecimal, _ denominator: ExactDecimal, places: Int = 2)
        -> ExactDecimal
    {
        precondition(denominator.units != 0, "division by zero")
        precondition((0...scale).contains(places))
        // result units = round(num / den * 10^scale), kept at `places` decimals:
        // r = round(num * 10^places / den) then scaled up by 10^(scale - places).
        let step = pow10(scale - places)
        let (n, d) = (Int128(numerator.units) * Int128(pow10(places)), Int128(denominator.units))
        let negative = (n < 0) != (d < 0)
        let (an, ad) = (n.magnitude, d.magnitude)
        let rounded = (an * 2 + ad) / (ad * 2)
        let signed = negative ? -Int128(rounded) : Int128(rounded)
        return ExactDecimal(units: Int64(signed) * step)
    }

    /// `sum / count` rounded half up to `places` decimals.
    public static func mean(sum: ExactDecimal, count: Int, places: Int = 2) -> ExactDecimal {
        quotient(sum, ExactDecimal(count), places: places)
    }

    /// This value rounded half up to `places` decimals.
    public func rounded(places: Int = 2) -> ExactDecimal {
        Self.quotient(self, ExactDecimal(1), places: places)
    }

    /// Number of decimals needed to write this value exactly (0...6).
    public var significantDecimals: Int {
        var places = Self.scale
        var u = units.magnitude
        while places > 0 && u % 10 == 0 {
            u /= 10
            places -= 1
        }
        return places
    }

    static func pow10(_ n: Int) -> Int64 {
        var r: Int64 = 1
        for _ in 0..<n { r *= 10 }
        return r
    }

    /// Machine form with a decimal point: `4.5`, `19.50` when `places` is given, `-0.25`.
    public func plain(places: Int? = nil) -> String {
        format(places: places ?? significantDecimals, decimalSeparator: ".", groupSeparator: nil)
    }

    /// Indonesian form: `74,62`, `1.234,50`.
    public func indonesian(places: Int = 2) -> String {
        format(places: places, decimalSeparator: ",", groupSeparator: ".")
    }

    public var description: String { plain() }

    func format(places: Int, decimalSeparator: Character, groupSeparator: Character?) -> String {
        let value = places < Self.scale ? rounded(places: places) : self
        let magnitude = value.units.magnitude
        let per = UInt64(Self.unitsPerOne)
        var integerDigits = String(magnitude / per)
        if let group = groupSeparator, integerDigits.count > 3 {
            var grouped = ""
            for (i, c) in integerDigits.enumerated() {
                if i > 0 && (integerDigits.count - i) % 3 == 0 { grouped.append(group) }
                grouped.append(c)
            }
            integerDigits = grouped
        }
        var result = value.units < 0 ? "-" + integerDigits : integerDigits
        if places > 0 {
            var fraction = String(magnitude % per)
            fraction = String(repeating: "0", count: Self.scale - fraction.count) + fraction
            result.append(decimalSeparator)
            result += fraction.prefix(places)
        }
        return result
    }

    /// Reads `4.5`, `4,5`, `08,55`, `75,7`, `-1`, `0.75`. A decimal comma is Indonesian;
    /// where a comma is present, dots are thousands separators (`1.234,5`). Without a comma a
    /// single dot is the decimal point. At most six decimals. Returns nil for anything else.
    public init?(parsing text: some StringProtocol) {
        var s = Substring(text.trimmingWhitespace())
        guard !s.isEmpty else { return nil }
        var negative = false
        if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        let integerPart: Substring
        var fractionPart: Substring = ""
        if let comma = s.firstIndex(of: ",") {
            let whole = s[..<comma]
            fractionPart = s[s.index(after: comma)...]
            guard Self.validGrouping(whole) else { return nil }
            integerPart = Substring(whole.filter { $0 != "." })
        } else if let dot = s.firstIndex(of: ".") {
            integerPart = s[..<dot]
            fractionPart = s[s.index(after: dot)...]
        } else {
            integerPart = s
        }
        guard !integerPart.isEmpty || !fractionPart.isEmpty,
            integerPart.allSatisfy(\.isASCIIDigit), fractionPart.allSatisfy(\.isASCIIDigit),
            fractionPart.count <= Self.scale, integerPart.count <= 12
        else { return nil }
        if s.contains(",") && fractionPart.isEmpty { return nil }
        if !s.contains(",") && s.contains(".") && fractionPart.isEmpty { return nil }
        let whole = Int64(integerPart.isEmpty ? "0" : String(integerPart)) ?? 0
        let padded = String(fractionPart) + String(repeating: "0", count: Self.scale - fractionPart.count)
        let fraction = Int64(padded) ?? 0
        let units = whole * Self.unitsPerOne + fraction
        self.units = negative ? -units : units
    }

    private static func validGrouping(_ whole: Substring) -> Bool {
        guard whole.contains(".") else { return true }
        let groups = whole.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end && self[start].isWhitespace { start = index(after: start) }
        while end > start && self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }
}

/// An exact fraction `numerator / denominator` of two decimals, such as a fulfilment
/// (the sum of criterion values over the number of applicable criteria).
public struct ExactRatio: Hashable, Sendable {
    public let numerator: ExactDecimal
    public let denominator: ExactDecimal

    public init(_ numerator: ExactDecimal, _ denominator: ExactDecimal) {
        precondition(denominator.units > 0)
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The ratio as a percentage, rounded half up to `places` decimals (for display).
    public func percent(places: Int = 2) -> ExactDecimal {
        ExactDecimal.quotient(
            ExactDecimal(units: numerator.units * 100), denominator, places: places)
    }

    /// Compares `ratio × 100` with `percent`, exactly.
    public func comparePercent(_ percent: ExactDecimal) -> ComparisonResult3 {
        let lhs = Int128(numerator.units) * 100 * Int128(ExactDecimal.unitsPerOne)
        let rhs = Int128(percent.units) * Int128(denominator.units)
        return lhs < rhs ? .less : (lhs == rhs ? .equal : .greater)
    }
}

/// The outcome of an exact comparison.
public enum ComparisonResult3: Sendable { case less, equal, greater }
