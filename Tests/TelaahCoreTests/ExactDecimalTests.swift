import Testing

@testable import TelaahCore

@Suite("Exact decimals: reading, showing, rounding")
struct ExactDecimalTests {
    @Test(
        "reads numbers as published",
        arguments: [
            ("08,55", "8.55"), ("75,7", "75.7"), ("4.5", "4.5"), ("4,5", "4.5"), ("100", "100"), ("0.75", "0.75"),
            ("1.234,5", "1234.5"), ("-0,25", "-0.25"), (" 19,50 ", "19.5"), ("0,000001", "0.000001"),
        ])
    func reads(_ text: String, _ expected: String) {
        #expect(ExactDecimal(parsing: text)?.plain() == expected)
    }

    @Test(
        "refuses what is not a number",
        arguments: ["", "abc", "1,2,3", "12,", "1.2.3", "7,5%", "0,0000001", "1.23,4", "--1", "1e3"])
    func refuses(_ text: String) {
        #expect(ExactDecimal(parsing: text) == nil)
    }

    @Test("shows numbers the Indonesian way")
    func indonesian() {
        #expect(d("74.62").indonesian() == "74,62")
        #expect(d("19.5").indonesian() == "19,50")
        #expect(d("7.5").indonesian() == "7,50")
        #expect(d("0").indonesian() == "0,00")
        #expect(d("1234.5").indonesian() == "1.234,50")
        #expect(d("1234567").indonesian(places: 0) == "1.234.567")
    }

    @Test("rounds half up, once, from the exact value")
    func rounding() {
        #expect(d("74.625").rounded().plain(places: 2) == "74.63")
        #expect(d("74.624999").rounded().plain(places: 2) == "74.62")
        #expect(d("-0.005").rounded().plain(places: 2) == "-0.01")
        // 1 / 3 = 0,333… → 0,33; 2 / 3 → 0,67; 1155 / 51 = 22,647… → 22,65
        #expect(ExactDecimal.quotient(d("1"), d("3")).plain(places: 2) == "0.33")
        #expect(ExactDecimal.quotient(d("2"), d("3")).plain(places: 2) == "0.67")
        #expect(ExactDecimal.mean(sum: d("1155"), count: 51).plain(places: 2) == "22.65")
        // A mean exactly at a half: 0,125 / 1 → 0,13 (half up, not half even).
        #expect(ExactDecimal.mean(sum: d("0.25"), count: 2).plain(places: 2) == "0.13")
    }

    @Test("products are exact or refused")
    func products() {
        #expect(d("4.5").exactProduct(d("70"))?.exactQuotient(100) == d("3.15"))
        #expect(d("0.000001").exactProduct(d("0.5")) == nil)
    }

    @Test("compares a fulfilment with a percentage exactly")
    func ratio() {
        let threeQuarters = ExactRatio(d("6.75"), d("9"))
        #expect(threeQuarters.comparePercent(d("75")) == .equal)
        #expect(ExactRatio(d("5"), d("7")).comparePercent(d("71.43")) == .less)
        #expect(ExactRatio(d("5"), d("7")).percent().plain(places: 2) == "71.43")
    }
}

@Suite("Indonesian dates")
struct IndonesianDateTests {
    @Test("16 Oktober 2024")
    func format() {
        #expect(IndonesianDate.format(year: 2024, month: 10, day: 16) == "16 Oktober 2024")
        #expect(IndonesianDate.format(year: 2024, month: 1, day: 1) == "1 Januari 2024")
        #expect(IndonesianDate.format(year: 2024, month: 13, day: 1) == nil)
    }
}
