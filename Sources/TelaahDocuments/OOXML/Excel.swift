import Foundation
import TelaahCore

/// An Excel workbook (SpreadsheetML). Figures are stored as numbers and shown with Indonesian
/// display formats (`[$-421]`, the Indonesian locale: `74,62`), never as text, so that a reader
/// can sum and sort them.
public struct Workbook: Sendable {
    public var title: String
    public var sheets: [Worksheet]

    public init(title: String, sheets: [Worksheet] = []) {
        self.title = title
        self.sheets = sheets
    }
}

public struct Worksheet: Sendable {
    /// At most 31 characters, none of `[]:*?/\`; `Workbook.package()` trims and replaces.
    public var name: String
    /// Column widths in characters.
    public var columnWidths: [Double]
    public var rows: [[SheetCell]] = []
    /// Merged ranges, as (row, column, rows, columns), zero-based.
    public var merges: [(row: Int, column: Int, rows: Int, columns: Int)] = []
    /// Rows kept in view when scrolling (the header).
    public var frozenRows = 0
    /// Rows printed again at the top of every page (the table's column headings), zero-based.
    public var printTitleRows: Range<Int>?
    public var landscape = false
    /// Heights in points that replace the estimate, by zero-based row.
    public var rowHeights: [Int: Double] = [:]

    public init(name: String, columnWidths: [Double]) {
        self.name = name
        self.columnWidths = columnWidths
    }

    public mutating func append(_ row: [SheetCell]) { rows.append(row) }

    public mutating func merge(row: Int, column: Int, rows: Int = 1, columns: Int) {
        merges.append((row, column, rows, columns))
    }

    /// The row index the next `append` fills.
    public var nextRow: Int { rows.count }

    /// Appends the table's column headings: frozen on screen and repeated on every printed page.
    public mutating func appendHeadings(_ headings: [[SheetCell]]) {
        let first = nextRow
        for row in headings { append(row) }
        printTitleRows = first..<nextRow
        frozenRows = nextRow
    }
}

public enum SheetCell: Sendable, Equatable {
    case empty
    case text(String, SheetStyle = .plain)
    case number(ExactDecimal, SheetStyle = .decimal)
    case integer(Int, SheetStyle = .integer)
    /// A border-only cell, for blanks inside a table.
    case blank(SheetStyle)
    /// A formula (without `=`) with the value it gives, which a reader that does not recalculate shows:
    /// it must be the figure Telaah prints elsewhere.
    case formula(String, cached: ExactDecimal, SheetStyle = .decimal)
}

/// `C7` for a zero-based row and column.
func cellReference(row: Int, column: Int) -> String { "\(columnName(column))\(row + 1)" }

/// `'Tabel 4'!C7`: a cell of another sheet, by the name it has in the workbook.
func cellReference(sheet: String, row: Int, column: Int) -> String {
    "'\(sheet.replacingOccurrences(of: "'", with: "''"))'!\(cellReference(row: row, column: column))"
}

/// `C7:C12` for zero-based rows `rows` of one column.
func columnRange(_ rows: ClosedRange<Int>, column: Int) -> String {
    "\(cellReference(row: rows.lowerBound, column: column)):\(cellReference(row: rows.upperBound, column: column))"
}

/// The fixed set of cell formats our workbooks use (their order is the `cellXfs` index).
public enum SheetStyle: Int, Sendable, CaseIterable {
    case plain = 0
    case bold
    case title
    case header
    case cell
    case cellBold
    case decimal
    case decimalBold
    case percent
    case integer
    case cellCentered
    case cellWrap
}

extension Workbook {
    public func package() -> OfficePackage {
        var parts: [PackagePart] = []
        var types = """
            \(xmlDeclaration)<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for i in sheets.indices {
            types += """
                <Override PartName="/xl/worksheets/sheet\(i + 1).xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                """
        }
        parts += commonParts(types: types, main: "xl/workbook.xml", title: title)
        var workbook = """
            \(xmlDeclaration)<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        var rels = """
            \(xmlDeclaration)<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
            Target="styles.xml"/>
            """
        for (i, name) in uniqueSheetNames().enumerated() {
            workbook += "<sheet name=\"\(xmlEscaped(name))\" sheetId=\"\(i + 1)\" r:id=\"rIdSheet\(i + 1)\"/>"
            rels += """
                <Relationship Id="rIdSheet\(i + 1)" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
                Target="worksheets/sheet\(i + 1).xml"/>
                """
        }
        workbook += "</sheets>"
        workbook += printTitlesXML()
        workbook += "</workbook>"
        rels += "</Relationships>"
        parts.append(PackagePart(path: "xl/workbook.xml", xml: workbook))
        parts.append(PackagePart(path: "xl/_rels/workbook.xml.rels", xml: rels))
        parts.append(PackagePart(path: "xl/styles.xml", xml: Self.stylesXML))
        for (i, sheet) in sheets.enumerated() {
            parts.append(PackagePart(path: "xl/worksheets/sheet\(i + 1).xml", xml: sheet.xml()))
        }
        return OfficePackage(parts: parts)
    }

    /// `_xlnm.Print_Titles` per sheet that repeats rows: Excel's way to print the headings on every page.
    func printTitlesXML() -> String {
        let names = uniqueSheetNames()
        var defined = ""
        for (i, sheet) in sheets.enumerated() {
            guard let rows = sheet.printTitleRows, !rows.isEmpty else { continue }
            let quoted = "'" + names[i].replacingOccurrences(of: "'", with: "''") + "'"
            defined += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">"
            defined += xmlEscaped("\(quoted)!$\(rows.lowerBound + 1):$\(rows.upperBound)") + "</definedName>"
        }
        return defined.isEmpty ? "" : "<definedNames>\(defined)</definedNames>"
    }

    /// Sheet names as Excel accepts them: no `[]:*?/\`, at most 31 characters, unique.
    func uniqueSheetNames() -> [String] {
        var used = Set<String>()
        return sheets.map { sheet in
            var base = String(sheet.name.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
            if base.isEmpty { base = "Lembar" }
            var name = base
            var n = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    // Number formats carry the Indonesian locale ([$-421]) so that every reader shows 74,62.
    static let stylesXML = """
        \(xmlDeclaration)<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="3"><numFmt numFmtId="164" formatCode="[$-421]#,##0.00"/>\
        <numFmt numFmtId="165" formatCode="[$-421]0.00&quot; %&quot;"/><numFmt numFmtId="166" formatCode="[$-421]0"/>\
        </numFmts>\
        <fonts count="3"><font><sz val="11"/><name val="Arial"/></font><font><b/><sz val="11"/><name val="Arial"/></font>\
        <font><b/><sz val="13"/><name val="Arial"/></font></fonts>\
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFD9E2F3"/><bgColor indexed="64"/></patternFill></fill>\
        </fills>\
        <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
        <border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>\
        <top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>\
        </borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="12">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
        <alignment vertical="center" wrapText="1"/></xf>\
        <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" \
        applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">\
        <alignment vertical="top"/></xf>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">\
        <alignment vertical="top" wrapText="1"/></xf>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" \
        applyAlignment="1"><alignment vertical="top"/></xf>\
        <xf numFmtId="164" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" \
        applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" \
        applyAlignment="1"><alignment vertical="top"/></xf>\
        <xf numFmtId="166" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" \
        applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">\
        <alignment horizontal="center" vertical="top"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">\
        <alignment vertical="top" wrapText="1"/></xf>\
        </cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """
}

/// `A`, `B`, … `Z`, `AA` for a zero-based column.
func columnName(_ index: Int) -> String {
    var n = index + 1
    var name = ""
    while n > 0 {
        let r = (n - 1) % 26
        name = String(UnicodeScalar(UInt8(65 + r))) + name
        n = (n - 1) / 26
    }
    return name
}

extension Worksheet {
    func xml() -> String {
        var x = xmlDeclaration
        x += """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """
        x += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        x += "<sheetViews><sheetView workbookViewId=\"0\">"
        if frozenRows > 0 {
            x += """
                <pane ySplit="\(frozenRows)" topLeftCell="A\(frozenRows + 1)" activePane="bottomLeft" state="frozen"/>
                """
        }
        x += "</sheetView></sheetViews>"
        if !columnWidths.isEmpty {
            x += "<cols>"
            for (i, w) in columnWidths.enumerated() {
                x += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"/>"
            }
            x += "</cols>"
        }
        x += "<sheetData>"
        for (r, row) in rows.enumerated() {
            if let height = rowHeights[r] ?? estimatedHeight(row: r) {
                x += "<row r=\"\(r + 1)\" ht=\"\(height)\" customHeight=\"1\">"
            } else {
                x += "<row r=\"\(r + 1)\">"
            }
            for (c, cell) in row.enumerated() {
                let ref = "\(columnName(c))\(r + 1)"
                switch cell {
                case .empty: continue
                case .blank(let style): x += "<c r=\"\(ref)\" s=\"\(style.rawValue)\"/>"
                case .text(let text, let style):
                    x += "<c r=\"\(ref)\" s=\"\(style.rawValue)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                    x += xmlEscaped(text)
                    x += "</t></is></c>"
                case .number(let value, let style):
                    x += "<c r=\"\(ref)\" s=\"\(style.rawValue)\"><v>\(value.plain())</v></c>"
                case .integer(let value, let style):
                    x += "<c r=\"\(ref)\" s=\"\(style.rawValue)\"><v>\(value)</v></c>"
                case .formula(let formula, let cached, let style):
                    x += "<c r=\"\(ref)\" s=\"\(style.rawValue)\"><f>\(xmlEscaped(formula))</f>"
                    x += "<v>\(cached.plain())</v></c>"
                }
            }
            x += "</row>"
        }
        x += "</sheetData>"
        if !merges.isEmpty {
            x += "<mergeCells count=\"\(merges.count)\">"
            for m in merges {
                let from = "\(columnName(m.column))\(m.row + 1)"
                let to = "\(columnName(m.column + m.columns - 1))\(m.row + m.rows)"
                x += "<mergeCell ref=\"\(from):\(to)\"/>"
            }
            x += "</mergeCells>"
        }
        x += """
            <pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>\
            <pageSetup paperSize="9" orientation="\(landscape ? "landscape" : "portrait")" fitToWidth="1" fitToHeight="0"/>\
            <headerFooter><oddFooter>&amp;CHalaman &amp;P dari &amp;N</oddFooter></headerFooter>\
            </worksheet>
            """
        return x
    }
}

extension Worksheet {
    /// Points per line of 11-point Arial as Excel spaces it.
    static let lineHeight = 15.0
    /// Points per line of the 13-point title font.
    static let titleLineHeight = 18.0
    /// Excel refuses taller rows.
    static let maximumHeight = 409.0
    static let boldStyles: Set<SheetStyle> = [.bold, .title, .header, .cellBold]
    static let wrappingStyles: Set<SheetStyle> = [.title, .header, .cellBold, .cellWrap]

    /// Characters the cell at (row, column) can show on a line: a merged cell spans its columns; nil
    /// for a cell merged over several rows, whose text those rows share.
    func cellWidth(row: Int, column: Int) -> Double? {
        let width = { (c: Int) in c < columnWidths.count ? columnWidths[c] : 8.43 }
        guard let m = merges.first(where: { $0.row == row && $0.column == column }) else { return width(column) }
        return m.rows > 1 ? nil : (column..<column + m.columns).reduce(0) { $0 + width($1) }
    }

    /// A row's height from its text: lines per paragraph at about one character per unit of column
    /// width (less for bold), so that wrapped headings and long names are not clipped; nil for an empty row.
    func estimatedHeight(row r: Int) -> Double? {
        var height: Double?
        for (c, cell) in rows[r].enumerated() {
            if case .empty = cell { continue }
            var lineHeight = Self.lineHeight
            var lines = 1
            if case .text(let text, let style) = cell {
                guard let width = cellWidth(row: r, column: c) else { continue }
                let perLine = max(1, Int((width - 1) * (Self.boldStyles.contains(style) ? 0.8 : 0.95)))
                let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
                lines =
                    Self.wrappingStyles.contains(style)
                    ? paragraphs.reduce(0) { $0 + max(1, ($1.count + perLine - 1) / perLine) } : paragraphs.count
                if style == .title { lineHeight = Self.titleLineHeight }
            }
            height = max(height ?? 0, min(Self.maximumHeight, Double(lines) * lineHeight))
        }
        return height
    }
}
