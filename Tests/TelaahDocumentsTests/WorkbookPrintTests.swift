import Foundation
import TelaahCore
import Testing

@testable import TelaahDocuments

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A worksheet part read back: each cell's text or value, formula and row height, by reference.
final class SheetReader: NSObject, XMLParserDelegate {
    var values: [String: String] = [:]
    var formulas: [String: String] = [:]
    var heights: [Int: Double] = [:]
    var orientation: String?
    var fitToWidth: String?
    var fitToHeight: String?
    var fitToPage = false
    private var cell: String?
    private var text = ""

    init(_ xml: String) throws {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        switch name {
        case "row":
            if let r = attributes["r"].flatMap(Int.init), let ht = attributes["ht"].flatMap(Double.init),
                attributes["customHeight"] == "1"
            {
                heights[r] = ht
            }
        case "c": cell = attributes["r"]
        case "f", "v", "t": text = ""
        case "pageSetup":
            orientation = attributes["orientation"]
            fitToWidth = attributes["fitToWidth"]
            fitToHeight = attributes["fitToHeight"]
        case "pageSetUpPr": fitToPage = attributes["fitToPage"] == "1"
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard let cell else { return }
        switch name {
        case "f": formulas[cell] = text
        case "v", "t": values[cell] = text
        case "c": self.cell = nil
        default: break
        }
    }

    /// The 1-based row whose column A or B holds `label`.
    func row(labelled label: String) -> Int? {
        values.first { ref, value in value == label && (ref.hasPrefix("A") || ref.hasPrefix("B")) }
            .flatMap { Int($0.key.drop { $0.isLetter }) }
    }
}

func sheet(_ package: OfficePackage, _ number: Int) throws -> SheetReader {
    try SheetReader(try #require(package.part("xl/worksheets/sheet\(number).xml")).text)
}

func printTitles(_ package: OfficePackage) throws -> String {
    try #require(package.part("xl/workbook.xml")).text
}

@Suite struct WorkbookPrintTests {
    func kutasari() throws -> OfficePackage {
        let (input, _) = try AssessmentInput.parse(
            json: try JSONValue.parse(try fixtureText("purbalingga-kutasari-2024.json")))
        return LKEWorkbookRenderer.workbook(
            unit: LKEUnit(name: "Kecamatan Kutasari", input: input, result: Scorer(framework: framework).score(input)),
            framework: framework, government: "Kabupaten Purbalingga"
        ).package()
    }

    @Test("the LKE's sheets: headings repeated, rows tall enough, fit to the page's width")
    func lkePrintSetup() throws {
        let package = try kutasari()
        let workbook = try printTitles(package)
        // Four title lines and a blank above the summary's heading; three above the criteria's.
        #expect(
            workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'Rekapitulasi'!$6:$6"#))
        #expect(workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="1">'LKE'!$5:$5"#))
        let summary = try sheet(package, 1)
        let criteria = try sheet(package, 2)
        for (s, titles) in [(summary, 4), (criteria, 3)] {
            #expect(s.fitToPage && s.fitToWidth == "1" && s.fitToHeight == "0")
            #expect((1...titles).allSatisfy { s.heights[$0] == 18 }, "\(s.heights)")
        }
        #expect(summary.orientation == "portrait")
        #expect(criteria.orientation == "landscape")
        // The criteria heading "Komponen/Sub Komponen/Kriteria" fits one line; "Daftar Evidence" too.
        #expect(criteria.heights[5] == 15)
        // A criterion's long text wraps over more than one line.
        let long = try #require(
            criteria.values.first { $0.key.hasPrefix("B") && $0.value.count > 70 }.flatMap { Int($0.key.dropFirst()) })
        #expect((criteria.heights[long] ?? 0) >= 30)
    }

    @Test("the sub-component's grade sits under Nilai; scores and the total are formulas giving the printed figures")
    func lkeFormulas() throws {
        let package = try kutasari()
        let summary = try sheet(package, 1)
        let criteria = try sheet(package, 2)
        #expect(criteria.values["D5"] == "Jawaban" && criteria.values["E5"] == "Nilai")
        let sub = try #require(criteria.row(labelled: "1.a"))
        #expect(criteria.values["D\(sub)"] == nil)
        #expect(["AA", "A", "BB", "B", "CC", "C", "D"].contains(criteria.values["E\(sub)"] ?? ""))

        let subs = framework.components[0].subcomponents.count
        #expect(summary.formulas["E7"] == "SUM(E8:E\(7 + subs))" && summary.values["E7"] == "19.5")
        let total = try #require(summary.row(labelled: "NILAI AKUNTABILITAS KINERJA"))
        #expect(summary.formulas["E\(total)"]?.hasPrefix("SUM(E7,") == true)
        #expect(summary.values["E\(total)"] == "64.85")
        #expect(summary.formulas["F7"] == "ROUND(E7*100/C7,2)" && summary.values["F7"] == "65")

        let component = try #require(criteria.row(labelled: framework.components[0].title.uppercased()))
        #expect(criteria.formulas["F\(component)"]?.hasPrefix("SUM(F\(component + 1):F") == true)
        #expect(criteria.values["F\(component)"] == "19.5")
        let criteriaTotal = try #require(criteria.row(labelled: "NILAI AKUNTABILITAS KINERJA"))
        #expect(criteria.values["F\(criteriaTotal)"] == "64.85" && criteria.formulas["F\(criteriaTotal)"] != nil)
        #expect(criteria.values["E\(criteriaTotal)"] == "B")
    }

    @Test("Tabel 4: totals per PD and the means are formulas over the rows above")
    func compiledFormulas() throws {
        let compilation = try banyuasinCompilation()
        let book = CompiledReportRenderer.workbook(
            try banyuasinReport(), compilation: compilation, framework: framework)
        let package = book.package()
        #expect(try printTitles(package).contains(#"localSheetId="0">'Tabel 4'!$5:$6</definedName>"#))
        let tabel4 = try sheet(package, 1)
        #expect(tabel4.orientation == "landscape" && tabel4.fitToWidth == "1")
        #expect(tabel4.heights[5] != nil && tabel4.heights[6] != nil)
        let last = 6 + compilation.units.count
        let mean = last + 1
        #expect(tabel4.values["B\(mean)"] == "Rata-rata")
        #expect(tabel4.formulas["C\(mean)"] == "ROUND(AVERAGE(C7:C\(last)),2)" && tabel4.values["C\(mean)"] == "24.45")
        #expect(tabel4.formulas["G\(mean)"] == "ROUND(AVERAGE(G7:G\(last)),2)" && tabel4.values["G\(mean)"] == "75.59")
        let inspektorat = try #require(tabel4.row(labelled: "Inspektorat"))
        #expect(tabel4.formulas["G\(inspektorat)"] == "SUM(C\(inspektorat):F\(inspektorat))")
        #expect(tabel4.values["G\(inspektorat)"] == "89.1")

        let names = book.uniqueSheetNames()
        let ringkasan = try sheet(package, 1 + (try #require(names.firstIndex(of: "Ringkasan"))))
        let totalRow = try #require(ringkasan.row(labelled: "Nilai Akuntabilitas Kinerja"))
        #expect(
            ringkasan.formulas["C\(totalRow)"] == "'Tabel 4'!G\(mean)" && ringkasan.values["C\(totalRow)"] == "75.59")
        #expect(ringkasan.formulas["D\(totalRow)"] == "ROUND(C\(totalRow)*100/B\(totalRow),2)")
        let count = try #require(ringkasan.row(labelled: "Jumlah"))
        #expect(ringkasan.formulas["B\(count)"]?.hasPrefix("SUM(B") == true)
        #expect(ringkasan.values["B\(count)"] == String(compilation.units.count))
    }

    @Test("the follow-up summary: the sums and the rate are formulas")
    func followUpFormulas() throws {
        let units = [
            FollowUpMatrixUnit(
                unit: "Dinas Kesehatan", plan: "",
                tally: FollowUp.Tally([.compliant, .compliant, .inProgress, .impossible]), overdue: 1),
            FollowUpMatrixUnit(
                unit: "Sekretariat Daerah", plan: "", tally: FollowUp.Tally([.open, .compliant]), overdue: 0),
        ]
        let package = FollowUpMatrixRenderer.workbook(rows: [], units: units, government: "Kabupaten Uji", year: 2024)
            .package()
        #expect(try printTitles(package).contains(#"localSheetId="1">'Rekap per PD'!$4:$4</definedName>"#))
        let summary = try sheet(package, 2)
        #expect(summary.heights[4] != nil)
        #expect(summary.values["B7"] == "Jumlah")
        #expect(summary.formulas["D7"] == "SUM(D5:D6)" && summary.values["D7"] == "6")
        #expect(summary.formulas["J7"] == "SUM(J5:J6)" && summary.values["J7"] == "1")
        #expect(summary.formulas["I7"] == "ROUND(E7*100/D7,2)" && summary.values["I7"] == "50")
        #expect(summary.formulas["I5"] == "ROUND(E5*100/D5,2)" && summary.values["I5"] == "50")
    }
}

@Suite("Letters as signed")
struct LetterPartsTests {
    @Test("a recommendation typed over several lines keeps its sub-items, their own markers dropped")
    func subItems() {
        let item = ListItem(
            parsing:
                "Hasil Pengukuran Rencana Aksi agar menjadi dasar untuk:\n1) Menyampaikan kemajuan;\n- Mengambil tindakan.\n"
        )
        #expect(item.text == "Hasil Pengukuran Rencana Aksi agar menjadi dasar untuk:")
        #expect(item.items.map(\.text) == ["Menyampaikan kemajuan;", "Mengambil tindakan."])
        #expect(ListItem(parsing: "Satu baris saja.").items.isEmpty)
    }

    @Test("a kop line is sized to stand on one line; a heading's words are sized to fit their column")
    func fitting() {
        let width = WordDocument.textWidth - 2 * Letter.cm * 5 / 2
        let size = Letter.fittingSize("INSPEKTORAT DAERAH KABUPATEN BANYUASIN", preferred: 16, width: width)
        #expect(size < 16)
        #expect(Letter.fittingSize("INSPEKTORAT", preferred: 16, width: width) == 16)
        #expect(Letter.wordFittingSize("Perencanaan Kinerja", preferred: 9, width: 1000) < 9)
    }
}
