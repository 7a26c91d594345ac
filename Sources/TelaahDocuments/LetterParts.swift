import Foundation
import TelaahCore

/// The kop surat: the issuing body's name lines, address and town, with an optional logo.
public struct Letterhead: Sendable, Codable, Equatable {
    /// e.g. `["PEMERINTAH KABUPATEN BANYUASIN", "INSPEKTORAT"]`, or `["BUPATI PURBALINGGA"]`.
    public var lines: [String]
    public var address: String?
    public var city: String?
    /// A PNG logo shown at the left of the kop (not part of JSON input; set by the caller).
    public var logoPNG: Data?

    public init(lines: [String], address: String? = nil, city: String? = nil, logoPNG: Data? = nil) {
        self.lines = lines
        self.address = address
        self.city = city
        self.logoPNG = logoPNG
    }

    enum CodingKeys: String, CodingKey { case lines, address, city }
}

/// Who signs: the title lines (`INSPEKTUR KABUPATEN MURUNG RAYA`), name, rank and NIP.
public struct Signatory: Sendable, Codable, Equatable {
    public var title: [String]
    public var name: String
    public var rank: String?
    public var nip: String?

    public init(title: [String], name: String, rank: String? = nil, nip: String? = nil) {
        self.title = title
        self.name = name
        self.rank = rank
        self.nip = nip
    }
}

/// One item of a lettered or numbered list, optionally with sub-items (`1)`, `2)`).
/// In JSON either a string or `{"text": "...", "items": ["..."]}`.
public struct ListItem: Sendable, Codable, Equatable, ExpressibleByStringLiteral {
    public var text: String
    public var items: [ListItem]
    /// A line under the item and its points, e.g. which PD a compiled recommendation was given to
    /// (not part of JSON input).
    public var remark: String?

    public init(_ text: String, items: [ListItem] = []) {
        self.text = text
        self.items = items
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// One recommendation as the register keeps it: its first line the item, each further line
    /// a point (its own marker, `1)`, `a.`, `-` or `•`, dropped: the letter numbers them).
    public init(parsing text: String) {
        let lines = text.split(whereSeparator: \.isNewline).map { FollowUp.unmarked($0) }.filter { !$0.isEmpty }
        self.init(lines.first ?? "", items: lines.dropFirst().map { ListItem($0) })
    }

    /// The items of a text as an evaluator types it (`FollowUp.items(in:)`): one per line, the
    /// lines after one ending in ":" its points.
    public static func items(parsing text: String) -> [ListItem] {
        FollowUp.items(in: text).map { ListItem($0.head, items: $0.points.map { ListItem($0) }) }
    }

    enum CodingKeys: String, CodingKey { case text, items }

    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let s = try? single.decode(String.self) {
            self.init(s)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try c.decode(String.self, forKey: .text),
            items: try c.decodeIfPresent([ListItem].self, forKey: .items) ?? [])
    }

    public func encode(to encoder: Encoder) throws {
        if items.isEmpty {
            var c = encoder.singleValueContainer()
            try c.encode(text)
        } else {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text)
            try c.encode(items, forKey: .items)
        }
    }
}

/// List markers as Indonesian letters write them.
public enum ListMarker: Sendable {
    case letters  // a. b. c.
    case numbers  // 1. 2. 3.
    case parenNumbers  // 1) 2) 3)
    case upperLetters  // A. B. C.

    public func marker(_ index: Int) -> String {
        switch self {
        case .letters: "\(letter(index))."
        case .numbers: "\(index + 1)."
        case .parenNumbers: "\(index + 1))"
        case .upperLetters: "\(letter(index).uppercased())."
        }
    }

    func letter(_ index: Int) -> String {
        // a … z, then aa, ab, …
        index < 26
            ? String(UnicodeScalar(UInt8(97 + index)))
            : letter(index / 26 - 1) + String(UnicodeScalar(UInt8(97 + index % 26)))
    }
}

/// Building blocks shared by the letters.
enum Letter {
    static let cm = 567

    /// The kop: centred name lines (the last in larger type), address, town, a rule below. With a
    /// logo, as Indonesian letterheads set it: the logo at the left, the lines centred beside it
    /// (a borderless table; an empty cell of the logo's width at the right keeps them centred on
    /// the page).
    static func letterhead(_ head: Letterhead, into doc: inout WordDocument) {
        let side = cm * 5 / 2  // 2,5 cm
        let width = head.logoPNG == nil ? WordDocument.textWidth : WordDocument.textWidth - 2 * side
        var lines: [WordParagraph] = []
        for (i, line) in head.lines.enumerated() {
            let size = fittingSize(line, preferred: i == head.lines.count - 1 ? 16 : 14, width: width)
            lines.append(
                WordParagraph([WordRun(line, bold: true, size: size)], alignment: .center, spacingAfter: 0))
        }
        if let address = head.address {
            lines.append(WordParagraph([WordRun(address, size: 10)], alignment: .center, spacingAfter: 0))
        }
        if let city = head.city {
            lines.append(WordParagraph([WordRun(city, bold: true, size: 10)], alignment: .center, spacingAfter: 0))
        }
        if let logo = head.logoPNG {
            doc.images.append(WordImage(name: "logo", png: logo, widthCM: 2.2, heightCM: 2.2))
            var picture = WordParagraph([], alignment: .left, spacingAfter: 0)
            picture.image = "logo"
            doc.add(
                WordTable(
                    columnWidths: [side, WordDocument.textWidth - 2 * side, side],
                    rows: [WordTableRow([WordTableCell([picture]), WordTableCell(lines), WordTableCell([])])],
                    borders: false))
        } else {
            for line in lines { doc.add(line) }
        }
        // The double rule under the kop, across the whole text width.
        var rule = WordParagraph([WordRun("", size: 4)], spacingAfter: 120)
        rule.ruleBelow = true
        doc.add(rule)
    }

    /// The largest size up to `preferred` at which every word of `text` fits a table cell `width`
    /// twips wide (its margins taken off), so that no heading breaks inside a word.
    static func wordFittingSize(_ text: String, preferred: Double, width: Int) -> Double {
        let longest = text.split(whereSeparator: { $0 == " " || $0.isNewline }).map(ems).max() ?? 0
        return fitting(ems: longest, preferred: preferred, room: width - 160, smallest: 6)
    }

    /// The largest size up to `preferred` (in points, whole or half) at which a bold capital line
    /// fits `width` (twips) on one line, so that no word of a name wraps alone.
    static func fittingSize(_ line: String, preferred: Double, width: Int) -> Double {
        fitting(ems: ems(Substring(line)), preferred: preferred, room: width, smallest: 10)
    }

    /// The largest size, from `preferred` down by half points to `smallest`, at which `ems` of
    /// text fit `room` twips.
    static func fitting(ems: Double, preferred: Double, room: Int, smallest: Double) -> Double {
        var size = preferred
        while size > smallest, ems * size * 20 > Double(room) { size -= 0.5 }
        return size
    }

    /// A bold word's width in ems, generously (bold Arial or its Liberation Sans stand-in, the
    /// widest of the fonts a reader's office may put in), so that an estimate never falls short.
    static func ems(_ word: Substring) -> Double {
        word.reduce(0.0) { $0 + ($1.isUppercase ? 0.75 : $1 == " " ? 0.28 : $1 == "i" || $1 == "l" ? 0.3 : 0.6) }
    }

    /// `Tempat, 16 Oktober 2024` at the right.
    static func placeAndDate(_ place: String, _ date: DocumentDate, into doc: inout WordDocument) {
        doc.add(WordParagraph("\(place), \(date.indonesian)", alignment: .right))
    }

    /// Nomor / Sifat / Lampiran / Perihal at the left, Kepada Yth. at the right.
    static func heading(
        number: String, sifat: String, lampiran: String, perihal: String, addressee: [String], addresseePlace: String?,
        into doc: inout WordDocument
    ) {
        let left: [(String, String)] = [
            ("Nomor", number), ("Sifat", sifat), ("Lampiran", lampiran), ("Perihal", perihal),
        ]
        var right = ["Kepada"] + addressee
        if let place = addresseePlace { right.append(place) }
        // The addressee in one cell down the right of all four rows: a long title wraps there
        // without pushing "Lampiran" and "Perihal" down; the number column wide enough for a
        // whole register number on one line.
        var table = WordTable(columnWidths: [1100, 250, 3950, 150, 3620], borders: false)
        let addressCell = right.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map {
            WordParagraph(String($0), spacingAfter: 0)
        }
        for (r, l) in left.enumerated() {
            table.rows.append(
                WordTableRow([
                    WordTableCell(l.0), WordTableCell(":"), WordTableCell(l.1), WordTableCell(""),
                    r == 0
                        ? WordTableCell(addressCell, verticalMerge: .restart)
                        : WordTableCell([], verticalMerge: .continue),
                ]))
        }
        doc.add(table)
    }

    /// The signature block at the right: opening line, title lines, room to sign, name, rank, NIP.
    /// Every line is kept on the page of the next, so the block never breaks across pages
    /// ("Mengetahui" on one page and the NIP on the next).
    static func signature(
        _ s: Signatory, opening: [String] = [], indent: Int = 9 * cm, into doc: inout WordDocument
    ) {
        var lines: [WordParagraph] = []
        for line in opening { lines.append(WordParagraph(line, indent: indent, spacingAfter: 0)) }
        for line in s.title { lines.append(WordParagraph(line, bold: true, indent: indent, spacingAfter: 0)) }
        for _ in 0..<3 { lines.append(WordParagraph("", indent: indent, spacingAfter: 0)) }
        lines.append(WordParagraph([WordRun(s.name, bold: true, underline: true)], indent: indent, spacingAfter: 0))
        if let rank = s.rank { lines.append(WordParagraph(rank, indent: indent, spacingAfter: 0)) }
        if let nip = s.nip { lines.append(WordParagraph("NIP. \(nip)", indent: indent, spacingAfter: 0)) }
        for (i, var line) in lines.enumerated() {
            if i < lines.count - 1 { line.keepWithNext = true }
            doc.add(line)
        }
    }

    /// `Tembusan Yth. :` and the numbered copies, each ending in `;`, the last in `.` (seed 002).
    static func tembusan(_ heading: String, _ items: [String], into doc: inout WordDocument) {
        guard !items.isEmpty else { return }
        doc.add(WordParagraph([WordRun(heading, underline: true)], spacingAfter: 0, keepWithNext: true))
        let punctuated = items.enumerated().map { i, item in
            var text = item.trimmingCharacters(in: .whitespaces)
            while let last = text.last, ";.,".contains(last) { text.removeLast() }
            return ListItem(text + (i == items.count - 1 ? "." : ";"))
        }
        list(punctuated, marker: .numbers, indent: 0, into: &doc, spacingAfter: 0)
    }

    /// A list with hanging markers; sub-items one level deeper with `1)`.
    static func list(
        _ items: [ListItem], marker: ListMarker, indent: Int, into doc: inout WordDocument, spacingAfter: Int? = 60
    ) {
        let hang = cm * 6 / 10
        for (i, item) in items.enumerated() {
            doc.add(
                WordParagraph(
                    [WordRun("\(marker.marker(i))\t\(item.text)")], alignment: .both, indent: indent + hang,
                    hanging: hang, spacingAfter: spacingAfter, keepWithNext: !item.items.isEmpty,
                    tabs: [indent + hang]))
            if !item.items.isEmpty {
                list(item.items, marker: .parenNumbers, indent: indent + hang, into: &doc, spacingAfter: spacingAfter)
            }
            if let remark = item.remark {
                doc.add(
                    WordParagraph(
                        [WordRun(remark, italic: true)], alignment: .both, indent: indent + hang,
                        spacingAfter: spacingAfter))
            }
        }
    }

    static func body(_ text: String, indent: Int = 0, keepWithNext: Bool = false, into doc: inout WordDocument) {
        doc.add(
            WordParagraph([WordRun(text)], alignment: .both, indent: indent, firstLine: 0, keepWithNext: keepWithNext))
    }
}
