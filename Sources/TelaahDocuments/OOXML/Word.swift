import Foundation

/// A Word document (WordprocessingML) built from blocks: paragraphs, tables, page breaks and a
/// table of contents. Lists are written as text markers ("a.", "1.") with a hanging indent, the
/// way Indonesian letters number them, so the numbering reads back exactly as it prints.
public struct WordDocument: Sendable {
    public var title: String
    public var blocks: [WordBlock]
    /// Page numbers centred in the footer.
    public var pageNumbers: Bool
    public var images: [WordImage]
    /// A line at the top of every page, bold (`KONSEP` on a draft).
    public var header: String?
    /// A small line at the foot of every page, above the page number (a signed letter's seal).
    public var footerNote: String?
    /// A4 across (the rencana aksi's wide table); `textWidth` is then `landscapeTextWidth`.
    public var landscape = false
    /// The first page (a report's cover) carries no header or footer: no page number on it.
    public var plainFirstPage = false

    public init(title: String, blocks: [WordBlock] = [], pageNumbers: Bool = false, images: [WordImage] = []) {
        self.title = title
        self.blocks = blocks
        self.pageNumbers = pageNumbers
        self.images = images
    }

    var hasFooter: Bool { pageNumbers || footerNote != nil }

    public mutating func add(_ block: WordBlock) { blocks.append(block) }
    public mutating func add(_ paragraph: WordParagraph) { blocks.append(.paragraph(paragraph)) }
    public mutating func add(_ table: WordTable) { blocks.append(.table(table)) }

    /// Every piece of text in reading order, one string per paragraph (tests and checks read this).
    public var paragraphTexts: [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .paragraph(let p): [p.text]
            case .table(let t): t.rows.flatMap { $0.cells.flatMap { $0.paragraphs.map(\.text) } }
            case .tableOfContents(let entries): entries.map(\.text)
            case .pageBreak: []
            }
        }
    }
}

public enum WordBlock: Sendable {
    case paragraph(WordParagraph)
    case table(WordTable)
    case pageBreak
    /// A table-of-contents field, pre-filled with its entries (Word refreshes it on request).
    case tableOfContents([WordParagraph])
}

public struct WordRun: Sendable {
    public var text: String
    public var bold = false
    public var italic = false
    public var underline = false
    /// Font size in points; nil for the paragraph style's size.
    public var size: Double?

    public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false, size: Double? = nil)
    {
        self.text = text
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.size = size
    }
}

public struct WordParagraph: Sendable {
    public enum Alignment: String, Sendable { case left, center, right, both }
    public enum Style: String, Sendable {
        case title = "Title"
        case heading1 = "Heading1"
        case heading2 = "Heading2"
        case toc1 = "TOC1"
    }

    public var runs: [WordRun]
    public var alignment: Alignment = .left
    public var style: Style?
    /// Left indent and hanging indent, in twentieths of a point (567 ≈ 1 cm).
    public var indent = 0
    public var hanging = 0
    public var firstLine = 0
    /// Space after, in twentieths of a point.
    public var spacingAfter: Int?
    public var keepWithNext = false
    /// Tab stops, in twentieths of a point from the left margin.
    public var tabs: [Int] = []
    /// An image (by its name in `WordDocument.images`) shown before the runs.
    public var image: String?
    /// A thick-thin double rule under the paragraph across the text width (the kop's rule).
    public var ruleBelow = false
    /// A right-aligned tab stop with a dotted leader (a table of contents' page numbers).
    public var dottedRightTab: Int?

    public init(
        _ runs: [WordRun], alignment: Alignment = .left, style: Style? = nil, indent: Int = 0, hanging: Int = 0,
        firstLine: Int = 0, spacingAfter: Int? = nil, keepWithNext: Bool = false, tabs: [Int] = []
    ) {
        self.runs = runs
        self.alignment = alignment
        self.style = style
        self.indent = indent
        self.hanging = hanging
        self.firstLine = firstLine
        self.spacingAfter = spacingAfter
        self.keepWithNext = keepWithNext
        self.tabs = tabs
    }

    public init(
        _ text: String, bold: Bool = false, alignment: Alignment = .left, style: Style? = nil, indent: Int = 0,
        hanging: Int = 0, spacingAfter: Int? = nil
    ) {
        self.init(
            [WordRun(text, bold: bold)], alignment: alignment, style: style, indent: indent, hanging: hanging,
            spacingAfter: spacingAfter)
    }

    public var text: String { runs.map(\.text).joined() }
}

public struct WordTable: Sendable {
    /// Column widths in twentieths of a point; their sum is the table's width.
    public var columnWidths: [Int]
    public var rows: [WordTableRow]
    public var borders = true
    /// Rows repeated at the top of every page.
    public var headerRows = 0
    /// A row may break across pages: for rows of free text that can be taller than a page,
    /// which would otherwise be cut at its foot.
    public var rowsMaySplit = false
    /// From the left margin, in twips (a table under a numbered item, aligned with its text).
    public var indent = 0

    public init(columnWidths: [Int], rows: [WordTableRow] = [], borders: Bool = true, headerRows: Int = 0) {
        self.columnWidths = columnWidths
        self.rows = rows
        self.borders = borders
        self.headerRows = headerRows
    }
}

public struct WordTableRow: Sendable {
    public var cells: [WordTableCell]
    public init(_ cells: [WordTableCell]) { self.cells = cells }
}

public struct WordTableCell: Sendable {
    public enum VerticalMerge: String, Sendable { case restart, `continue` }
    public var paragraphs: [WordParagraph]
    public var span = 1
    public var shading: String?
    public var verticalMerge: VerticalMerge?

    public init(
        _ paragraphs: [WordParagraph], span: Int = 1, shading: String? = nil, verticalMerge: VerticalMerge? = nil
    ) {
        self.paragraphs = paragraphs
        self.span = span
        self.shading = shading
        self.verticalMerge = verticalMerge
    }

    public init(
        _ text: String, bold: Bool = false, alignment: WordParagraph.Alignment = .left, span: Int = 1,
        shading: String? = nil, size: Double? = nil
    ) {
        self.init(
            [WordParagraph([WordRun(text, bold: bold, size: size)], alignment: alignment, spacingAfter: 0)], span: span,
            shading: shading)
    }
}

public struct WordImage: Sendable {
    public var name: String
    public var png: Data
    /// Displayed size in centimetres.
    public var widthCM: Double
    public var heightCM: Double

    public init(name: String, png: Data, widthCM: Double, heightCM: Double) {
        self.name = name
        self.png = png
        self.widthCM = widthCM
        self.heightCM = heightCM
    }
}

// MARK: - Writing the parts

extension WordDocument {
    /// A4 portrait, margins 2,5 cm left/right... the page of an Indonesian government letter.
    static let pageWidth = 11906
    static let pageHeight = 16838
    static let margin = 1418
    /// The width of the text area, for tables that span it.
    public static let textWidth = pageWidth - 2 * margin
    public static let landscapeTextWidth = pageHeight - 2 * margin

    public func package() -> OfficePackage {
        var parts: [PackagePart] = []
        var types = """
            \(xmlDeclaration)<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>
            """
        if !images.isEmpty { types += "<Default Extension=\"png\" ContentType=\"image/png\"/>" }
        types += """
            <Override PartName="/word/document.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            <Override PartName="/word/styles.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
            <Override PartName="/word/settings.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
            """
        if hasFooter {
            types += """
                <Override PartName="/word/footer1.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
                """
        }
        if header != nil {
            types += """
                <Override PartName="/word/header1.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
                """
        }
        parts += commonParts(types: types, main: "word/document.xml", title: title)
        var rels = """
            \(xmlDeclaration)<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
            Target="styles.xml"/>\
            <Relationship Id="rIdSettings" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
            """
        if hasFooter {
            rels += """
                <Relationship Id="rIdFooter1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
                """
        }
        if header != nil {
            rels += """
                <Relationship Id="rIdHeader1" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
                """
        }
        for (i, image) in images.enumerated() {
            rels += """
                <Relationship Id="rIdImage\(i + 1)" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" \
                Target="media/\(xmlEscaped(image.name)).png"/>
                """
        }
        rels += "</Relationships>"
        parts.append(PackagePart(path: "word/_rels/document.xml.rels", xml: rels))
        parts.append(PackagePart(path: "word/document.xml", xml: documentXML()))
        parts.append(PackagePart(path: "word/styles.xml", xml: Self.stylesXML))
        let hasContents = blocks.contains { if case .tableOfContents = $0 { true } else { false } }
        parts.append(PackagePart(path: "word/settings.xml", xml: Self.settingsXML(updateFields: hasContents)))
        if hasFooter { parts.append(PackagePart(path: "word/footer1.xml", xml: footerXML())) }
        if let header { parts.append(PackagePart(path: "word/header1.xml", xml: Self.headerXML(header))) }
        for image in images { parts.append(PackagePart(path: "word/media/\(image.name).png", data: image.png)) }
        return OfficePackage(parts: parts)
    }

    func documentXML() -> String {
        var x = xmlDeclaration
        x += """
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
            xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
            xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
            xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>
            """
        for block in blocks { write(block, into: &x) }
        x += "<w:sectPr>"
        if header != nil { x += "<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>" }
        if hasFooter { x += "<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>" }
        if plainFirstPage { x += "<w:titlePg/>" }
        x += """
            \(landscape ? "<w:pgSz w:w=\"\(Self.pageHeight)\" w:h=\"\(Self.pageWidth)\" w:orient=\"landscape\"/>" : "<w:pgSz w:w=\"\(Self.pageWidth)\" w:h=\"\(Self.pageHeight)\"/>")\
            <w:pgMar w:top="1134" w:right="\(Self.margin)" w:bottom="1134" w:left="\(Self.margin)" \
            w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>
            """
        return x
    }

    func write(_ block: WordBlock, into x: inout String) {
        switch block {
        case .paragraph(let p): write(p, into: &x)
        case .pageBreak: x += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        case .table(let t): write(t, into: &x)
        case .tableOfContents(let entries):
            x += """
                <w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>\
                <w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>\
                <w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>
                """
            for entry in entries { write(entry, into: &x) }
            x += "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        }
    }

    func write(_ p: WordParagraph, into x: inout String) {
        x += "<w:p><w:pPr>"
        if let style = p.style { x += "<w:pStyle w:val=\"\(style.rawValue)\"/>" }
        if p.keepWithNext { x += "<w:keepNext/>" }
        if p.ruleBelow {
            x += "<w:pBdr><w:bottom w:val=\"thinThickSmallGap\" w:sz=\"24\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
        }
        if !p.tabs.isEmpty || p.dottedRightTab != nil {
            x += "<w:tabs>" + p.tabs.map { "<w:tab w:val=\"left\" w:pos=\"\($0)\"/>" }.joined()
            if let right = p.dottedRightTab { x += "<w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"\(right)\"/>" }
            x += "</w:tabs>"
        }
        if let after = p.spacingAfter { x += "<w:spacing w:after=\"\(after)\"/>" }
        if p.indent != 0 || p.hanging != 0 || p.firstLine != 0 {
            x += "<w:ind w:left=\"\(p.indent)\""
            if p.hanging != 0 { x += " w:hanging=\"\(p.hanging)\"" }
            if p.firstLine != 0 { x += " w:firstLine=\"\(p.firstLine)\"" }
            x += "/>"
        }
        if p.alignment != .left { x += "<w:jc w:val=\"\(p.alignment.rawValue)\"/>" }
        x += "</w:pPr>"
        if let name = p.image, let index = images.firstIndex(where: { $0.name == name }) {
            writeImage(images[index], number: index + 1, into: &x)
        }
        for run in p.runs { write(run, into: &x) }
        x += "</w:p>"
    }

    func write(_ run: WordRun, into x: inout String) {
        x += "<w:r>"
        if run.bold || run.italic || run.underline || run.size != nil {
            x += "<w:rPr>"
            if run.bold { x += "<w:b/>" }
            if run.italic { x += "<w:i/>" }
            if run.underline { x += "<w:u w:val=\"single\"/>" }
            if let size = run.size { x += "<w:sz w:val=\"\(Int((size * 2).rounded()))\"/>" }
            x += "</w:rPr>"
        }
        var first = true
        for line in run.text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { x += "<w:br/>" }
            first = false
            var firstPiece = true
            for piece in line.split(separator: "\t", omittingEmptySubsequences: false) {
                if !firstPiece { x += "<w:tab/>" }
                firstPiece = false
                if !piece.isEmpty { x += "<w:t xml:space=\"preserve\">\(xmlEscaped(String(piece)))</w:t>" }
            }
        }
        x += "</w:r>"
    }

    func writeImage(_ image: WordImage, number: Int, into x: inout String) {
        let cx = Int(image.widthCM * 360_000)
        let cy = Int(image.heightCM * 360_000)
        x += """
            <w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="\(cx)" cy="\(cy)"/>\
            <wp:docPr id="\(number)" name="\(xmlEscaped(image.name))"/><a:graphic><a:graphicData \
            uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>\
            <pic:cNvPr id="\(number)" name="\(xmlEscaped(image.name)).png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>\
            <a:blip r:embed="rIdImage\(number)"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>\
            <a:xfrm><a:off x="0" y="0"/><a:ext cx="\(cx)" cy="\(cy)"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>\
            </a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>
            """
    }

    func write(_ t: WordTable, into x: inout String) {
        let width = t.columnWidths.reduce(0, +)
        x += "<w:tbl><w:tblPr><w:tblW w:w=\"\(width)\" w:type=\"dxa\"/>"
        if t.indent > 0 { x += "<w:tblInd w:w=\"\(t.indent)\" w:type=\"dxa\"/>" }
        if t.borders {
            x += "<w:tblBorders>"
            for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                x += "<w:\(side) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            }
            x += "</w:tblBorders>"
        }
        x += """
            <w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="72" w:type="dxa"/><w:right w:w="72" w:type="dxa"/>\
            </w:tblCellMar></w:tblPr><w:tblGrid>
            """
        for w in t.columnWidths { x += "<w:gridCol w:w=\"\(w)\"/>" }
        x += "</w:tblGrid>"
        for (r, row) in t.rows.enumerated() {
            x += "<w:tr>"
            // No row breaks across pages unless the table allows it; heading rows repeat on every page.
            if r < t.headerRows {
                x += "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            } else if !t.rowsMaySplit {
                x += "<w:trPr><w:cantSplit/></w:trPr>"
            }
            var column = 0
            for cell in row.cells {
                let cellWidth = t.columnWidths[column..<min(column + cell.span, t.columnWidths.count)].reduce(0, +)
                column += cell.span
                x += "<w:tc><w:tcPr><w:tcW w:w=\"\(cellWidth)\" w:type=\"dxa\"/>"
                if cell.span > 1 { x += "<w:gridSpan w:val=\"\(cell.span)\"/>" }
                if let merge = cell.verticalMerge { x += "<w:vMerge w:val=\"\(merge.rawValue)\"/>" }
                if let fill = cell.shading { x += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(fill)\"/>" }
                x += "</w:tcPr>"
                if cell.paragraphs.isEmpty { x += "<w:p/>" }
                for p in cell.paragraphs { write(p, into: &x) }
                x += "</w:tc>"
            }
            x += "</w:tr>"
        }
        x += "</w:tbl><w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>"
    }

    static let stylesXML = """
        \(xmlDeclaration)<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial"/>\
        <w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="id-ID" w:eastAsia="id-ID" w:bidi="ar-SA"/></w:rPr>\
        </w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>\
        </w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>\
        <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr>\
        <w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>\
        <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:jc w:val="center"/><w:spacing w:before="240" \
        w:after="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>\
        <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="120"/>\
        <w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/>\
        <w:next w:val="Normal"/><w:pPr><w:spacing w:after="60"/></w:pPr></w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr>\
        <w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
        <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        </w:styles>
        """

    /// `updateFields`: Word refreshes the table of contents' page numbers when the file opens.
    static func settingsXML(updateFields: Bool) -> String {
        """
        \(xmlDeclaration)<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/>\
        \(updateFields ? "<w:updateFields w:val=\"true\"/>" : "")\
        <w:themeFontLang w:val="id-ID"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>
        """
    }

    func footerXML() -> String {
        var x = xmlDeclaration + "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        if let footerNote {
            x += """
                <w:p><w:pPr><w:jc w:val="center"/><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:sz w:val="16"/></w:rPr>\
                <w:t xml:space="preserve">\(xmlEscaped(footerNote))</w:t></w:r></w:p>
                """
        }
        if pageNumbers {
            x += """
                <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r>\
                <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>\
                <w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
                """
        }
        return x + "</w:ftr>"
    }

    static func headerXML(_ text: String) -> String {
        """
        \(xmlDeclaration)<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="C00000"/><w:sz w:val="28"/></w:rPr>\
        <w:t xml:space="preserve">\(xmlEscaped(text))</w:t></w:r></w:p></w:hdr>
        """
    }
}

func corePropertiesXML(title: String) -> String {
    """
    \(xmlDeclaration)<cp:coreProperties \
    xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
    xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>\(xmlEscaped(title))</dc:title>\
    <dc:creator>Telaah</dc:creator><dc:language>id-ID</dc:language></cp:coreProperties>
    """
}

let appPropertiesXML = """
    \(xmlDeclaration)<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
    <Application>Telaah</Application></Properties>
    """
