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
    public var landscape = false

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
}

public enum SheetCell: Sendable, Equatable {
    case empty
    case text(String, SheetStyle = .plain)
    case number(ExactDecimal, SheetStyle = .decimal)
    case integer(Int, SheetStyle = .integer)
    /// A border-only cell, for blanks inside a table.
    case blank(SheetStyle)
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
        workbook += "</sheets></workbook>"
        rels += "</Relationships>"
        parts.append(PackagePart(path: "xl/workbook.xml", xml: workbook))
        parts.append(PackagePart(path: "xl/_rels/workbook.xml.rels", xml: rels))
        parts.append(PackagePart(path: "xl/styles.xml", xml: Self.stylesXML))
        for (i, sheet) in sheets.enumerated() {
            parts.append(PackagePart(path: "xl/worksheets/sheet\(i + 1).xml", xml: sheet.xml()))
        }
        return OfficePackage(parts: parts)
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
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
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
            x += "<row r=\"\(r + 1)\">"
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
            </worksheet>
            """
        return x
    }
}
