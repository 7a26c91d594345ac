import Foundation
import TelaahCore
import Testing

@testable import TelaahDocuments

#if canImport(FoundationXML)
    import FoundationXML
#endif

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

func fixtureText(_ name: String) throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
}

func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(try fixtureText(name).utf8))
}

let framework = BundledFrameworks.default

/// Purbalingga's Kutasari assessment, scored by the core.
func purbalinggaResult() throws -> ScoreResult {
    let (input, _) = try AssessmentInput.parse(
        json: try JSONValue.parse(try fixtureText("purbalingga-kutasari-2024.json")))
    return Scorer(framework: framework).score(input)
}

/// Banyuasin's Tabel 4 compiled by the core.
func banyuasinCompilation() throws -> Compilation {
    let rows = try UnitTableReader.read(try fixtureText("banyuasin-2024-tabel4.csv"), framework: framework)
    return try Compiler.compile(rows.map(\.scores), framework: framework)
}

func banyuasinReport() throws -> CompiledReportContent {
    let recommendations = try decode([String: [ListItem]].self, "banyuasin-2024-rekomendasi.json")
    return CompiledReportContent(
        government: "Kabupaten Banyuasin", bupati: "Pj. Bupati Banyuasin", evaluationYear: 2024, performanceYear: 2023,
        number: "700 / 332 /LHE-AKIP/INSPEKTORAT/2024", place: "Pangkalan Balai",
        date: DocumentDate(year: 2024, month: 10, day: 16), recommendations: recommendations, previousYear: 2023,
        previousMean: ExactDecimal(parsing: "64,21"),
        signatory: Signatory(
            title: ["INSPEKTUR,"], name: "Ir. Zakirin, SP.,MM.,CGCAE", rank: "Pembina Utama Muda / IV.c",
            nip: "19750214 199903 1 006"),
        tembusan: ["Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi RI di Jakarta"])
}

func sampleLHE() -> LHEContent {
    LHEContent(
        letterhead: Letterhead(
            lines: ["PEMERINTAH KABUPATEN MURUNG RAYA", "INSPEKTORAT"],
            address: "Jl. Utama Praja 01 Telp.(0528) 31895 Fax.(0528) 31894 Kode Pos 73911", city: "PURUK CAHU"),
        place: "Murung Raya", date: DocumentDate(year: 2024, month: 10, day: 16),
        number: "700/12/LHE-AKIP/INSPEKTORAT/2024", addressee: ["Yth. Sdr. Camat Kutasari"],
        addresseePlace: "di -\nTempat",
        unit: "Kecamatan Kutasari", government: "Kabupaten Murung Raya",
        perbup: "Peraturan Bupati Murung Raya Nomor 5 Tahun 2024", evaluationYear: 2024,
        findings: ["Dokumen Perencanaan Kinerja belum seluruhnya diformalkan"],
        recommendations: [ListItem("Memformalkan seluruh dokumen perencanaan kinerja", items: ["Renstra", "Renja"])],
        previous: .init(
            year: 2023,
            components: [
                "1": ExactDecimal(parsing: "18,00")!, "2": ExactDecimal(parsing: "17,40")!,
                "3": ExactDecimal(parsing: "9,75")!, "4": ExactDecimal(parsing: "15,00")!,
            ]),
        signatory: Signatory(
            title: ["INSPEKTUR", "KABUPATEN MURUNG RAYA"], name: "NAMA INSPEKTUR", rank: "Pembina Utama Muda",
            nip: "19700101 199503 1 001"),
        tembusan: ["Bupati Murung Raya"])
}

/// The text of a WordprocessingML part, paragraph by paragraph.
func paragraphs(_ xml: String) -> [String] {
    xml.replacingOccurrences(of: "<w:tab/>", with: "<w:t xml:space=\"preserve\">\t</w:t>")
        .components(separatedBy: "</w:p>").map { chunk in
            var text = ""
            var rest = Substring(chunk)
            while let open = rest.range(of: "<w:t xml:space=\"preserve\">") {
                let after = rest[open.upperBound...]
                guard let close = after.range(of: "</w:t>") else { break }
                text += after[..<close.lowerBound]
                rest = after[close.upperBound...]
            }
            return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
        }.filter { !$0.isEmpty }
}

/// Figures written the English way (`74.62`) anywhere in the visible text.
func englishNumbers(_ texts: [String]) -> [String] {
    let regex = try! NSRegularExpression(pattern: #"(?<![\d./])\d{1,3}\.\d{2}(?![\d./])"#)
    return texts.filter { regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }
}

/// Compares a part with its golden file; `TELAAH_RECORD_GOLDEN=1` rewrites the golden files.
func expectGolden(_ part: PackagePart?, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let part = try #require(part, sourceLocation: sourceLocation)
    let url = golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["TELAAH_RECORD_GOLDEN"] == "1" {
        try part.data.write(to: url)
        return
    }
    let expected = try? Data(contentsOf: url)
    #expect(
        expected == part.data,
        "\(name) berubah; bila disengaja: TELAAH_RECORD_GOLDEN=1 swift test --filter TelaahDocumentsTests",
        sourceLocation: sourceLocation)
}

@Suite struct TemplateTests {
    @Test func everyBuiltInTemplateLoads() throws {
        for t in DocumentTemplate.BuiltIn.allCases {
            _ = try DocumentTemplate(name: t.rawValue, yaml: t.defaultText)
        }
    }

    @Test func anUnknownPlaceholderIsNamed() throws {
        let t = try DocumentTemplate(name: "uji", yaml: "a: \"Nilai {{nilai}} dan {{tidak_ada}}\"")
        #expect(throws: DocumentError.template("uji: a: isian {{tidak_ada}} tidak dikenal")) {
            try t.text("a", ["nilai": "74,62"])
        }
        #expect(try t.text("a", ["nilai": "74,62", "tidak_ada": "x"]) == "Nilai 74,62 dan x")
    }

    @Test func aMissingKeyIsNamed() throws {
        let t = try DocumentTemplate(name: "uji", yaml: "a: b")
        #expect(throws: DocumentError.template("uji: kunci bab1.judul tidak ada")) { try t.text("bab1.judul") }
    }

    @Test func datesAreIndonesian() {
        #expect(DocumentDate(iso: "2024-10-16")?.indonesian == "16 Oktober 2024")
        #expect(DocumentDate(iso: "2024-02-30") == nil)
        #expect(DocumentDate(iso: "16-10-2024") == nil)
    }
}

@Suite struct FollowUpLetterTests {
    @Test func purbalinggaFiguresPerComponent() throws {
        let content = try decode(FollowUpLetterContent.self, "purbalingga-kutasari-2024-tindak-lanjut.json")
        let doc = try FollowUpLetterRenderer.document(content, result: try purbalinggaResult(), framework: framework)
        let texts = paragraphs(doc.package().part("word/document.xml")!.text)
        for line in [
            "Perencanaan Kinerja, Bobot 30 mendapat nilai 19,50", "Pengukuran Kinerja, Bobot 30 mendapat nilai 18,60",
            "Pelaporan Kinerja, Bobot 15 mendapat nilai 10,50",
            "Evaluasi Akuntabilitas Kinerja Internal, Bobot 25 mendapat nilai 16,25",
        ] {
            #expect(texts.contains { $0.contains(line) }, "\(line)")
        }
        #expect(texts.contains("Rahasia"))
        #expect(texts.contains { $0.contains("21 November 2024") })
        #expect(texts.contains { $0.contains("08 Juli 2024") || $0.contains("8 Juli 2024") })
        // The tembusan as seed 002 prints it: ";" after each, "." after the last; page numbers.
        #expect(texts.contains("1.\tWakil Bupati Purbalingga;"))
        #expect(texts.contains("2.\tInspektur Inspektorat Daerah Kabupaten Purbalingga."))
        #expect(doc.pageNumbers)
        #expect(englishNumbers(texts).isEmpty, "\(englishNumbers(texts))")
    }

    @Test func golden() throws {
        let content = try decode(FollowUpLetterContent.self, "purbalingga-kutasari-2024-tindak-lanjut.json")
        let package = try FollowUpLetterRenderer.document(
            content, result: try purbalinggaResult(), framework: framework
        )
        .package()
        try expectGolden(package.part("word/document.xml"), "tindak-lanjut-document.xml")
    }
}

@Suite struct LHETests {
    @Test func resultSentenceTableAndLists() throws {
        let doc = try LHERenderer.document(sampleLHE(), result: try purbalinggaResult(), framework: framework)
        let texts = paragraphs(doc.package().part("word/document.xml")!.text)
        #expect(texts.contains("16 Oktober 2024") || texts.contains { $0.hasSuffix("16 Oktober 2024") })
        #expect(texts.contains { $0.contains("memperoleh nilai 64,85") })
        for figure in ["19,50", "18,60", "10,50", "16,25", "64,85", "65,00 %", "62,00 %", "70,00 %", "65,00 %"] {
            #expect(texts.contains(figure), "\(figure)")
        }
        #expect(texts.contains("Nilai 2023") && texts.contains("60,15"))
        #expect(texts.contains { $0.hasPrefix("a.\tDokumen Perencanaan Kinerja belum") })
        #expect(texts.contains("1)\tRenstra"))
        #expect(englishNumbers(texts).isEmpty, "\(englishNumbers(texts))")
    }

    @Test("a PD evaluated before: item 3 gives last year's recommendations with their status in words, no code")
    func priorFollowUp() throws {
        var content = sampleLHE()
        var tally = FollowUp.Tally([.compliant, .inProgress])
        tally.add(.open)
        content.priorFollowUp = LHEContent.PriorFollowUp(
            year: 2023,
            items: [
                .init(recommendation: "Menyusun SOP", status: "Sesuai"),
                .init(
                    recommendation: ListItem(
                        parsing: "Hasil pengukuran agar menjadi dasar untuk:\n1) Menyampaikan kemajuan;"),
                    status: "Dalam proses"),
                .init(recommendation: "Memantau IKU", status: "Belum ditindaklanjuti"),
            ], tally: tally)
        let doc = try LHERenderer.document(content, result: try purbalinggaResult(), framework: framework)
        let texts = paragraphs(doc.package().part("word/document.xml")!.text)
        #expect(
            texts.contains(
                "3.\tAtas 3 rekomendasi hasil evaluasi tahun 2023, 1 telah ditindaklanjuti sesuai rekomendasi, 1 dalam proses dan 1 belum ditindaklanjuti, tingkat tindak lanjut 33,33%, dengan rincian sebagai berikut :"
            ), "\(texts.filter { $0.hasPrefix("3.") })")
        #expect(texts.contains("Rekomendasi Tahun 2023") && texts.contains("Status Tindak Lanjut"))
        #expect(
            texts.contains("Hasil pengukuran agar menjadi dasar untuk:") && texts.contains("1)\tMenyampaikan kemajuan;")
        )
        #expect(texts.contains("Memantau IKU") && texts.contains("Belum ditindaklanjuti"))
        #expect(!texts.contains { $0.contains("2023-") })
        // Without one, the letter is the seed's (the golden file).
        let plain = paragraphs(
            try LHERenderer.document(sampleLHE(), result: try purbalinggaResult(), framework: framework).package()
                .part("word/document.xml")!.text)
        #expect(!plain.contains { $0.hasPrefix("3.\t") })
    }

    @Test func anIncompleteAssessmentIsRefused() throws {
        let empty = Scorer(framework: framework).score(AssessmentInput())
        #expect(throws: DocumentError.self) {
            try LHERenderer.document(sampleLHE(), result: empty, framework: framework)
        }
    }

    @Test func golden() throws {
        let package = try LHERenderer.document(sampleLHE(), result: try purbalinggaResult(), framework: framework)
            .package()
        try expectGolden(package.part("word/document.xml"), "lhe-document.xml")
        try expectGolden(package.part("word/styles.xml"), "docx-styles.xml")
    }

    @Test func aLogoIsEmbedded() throws {
        var content = sampleLHE()
        content.letterhead.logoPNG = Data([0x89, 0x50, 0x4E, 0x47])
        let package = try LHERenderer.document(content, result: try purbalinggaResult(), framework: framework).package()
        #expect(package.part("word/media/logo.png") != nil)
        #expect(package.part("word/_rels/document.xml.rels")!.text.contains("media/logo.png"))
    }
}

@Suite struct CompiledReportTests {
    @Test func banyuasinTrueMeansAndCounts() throws {
        let doc = try CompiledReportRenderer.document(
            try banyuasinReport(), compilation: try banyuasinCompilation(), framework: framework)
        let texts = paragraphs(doc.package().part("word/document.xml")!.text)
        // Tabel 4's mean row carries the true means, not the printed 24,50 / 21,80 / 11,16 / 15,75 / 74,62.
        let meanRow = try #require(texts.firstIndex(of: "Rata-rata"))
        #expect(Array(texts[(meanRow + 1)...(meanRow + 6)]) == ["24,45", "22,59", "11,60", "16,95", "75,59", "BB"])
        #expect(texts.contains("Inspektorat") && texts.contains("89,10"))
        #expect(texts.contains { $0.contains("75,59 (BB)") })
        #expect(texts.contains { $0.contains("64,21") })
        #expect(texts.contains { $0.contains("sebanyak 23 Perangkat Daerah") })
        #expect(texts.contains { $0.contains("Tabel 8") })
        #expect(texts.contains { $0.contains("16 Oktober 2024") })
        #expect(englishNumbers(texts).isEmpty, "\(englishNumbers(texts))")
    }

    @Test("last year's recommendations per PD and how they were followed up: Bab II C and a sheet")
    func followUpSection() throws {
        var content = try banyuasinReport()
        var dinkes = FollowUp.Tally([.compliant, .compliant, .inProgress, .impossible])
        let setda = FollowUp.Tally([.open, .compliant])
        content.followUp = .init(year: 2023, units: [("Dinas Kesehatan", dinkes), ("Sekretariat Daerah", setda)])
        let doc = try CompiledReportRenderer.document(
            content, compilation: try banyuasinCompilation(), framework: framework)
        let texts = paragraphs(doc.package().part("word/document.xml")!.text)
        #expect(texts.contains("C. Tindak Lanjut Rekomendasi Tahun 2023"))
        // As BPK counts it, over all six: 3 sesuai, 50,00 %; Dinas Kesehatan 2 of 4: 50,00.
        #expect(
            texts.contains {
                $0.hasPrefix(
                    "Atas 6 rekomendasi hasil evaluasi tahun 2023 pada 2 Perangkat Daerah, 3 telah ditindaklanjuti")
                    && $0.contains("(tingkat tindak lanjut 50,00%)")
            })
        #expect(texts.contains("50,00") && texts.contains("Jumlah"))
        dinkes.add(setda)
        #expect(dinkes.rate?.indonesian(places: 2) == "50,00")
        let book = CompiledReportRenderer.workbook(
            content, compilation: try banyuasinCompilation(), framework: framework)
        #expect(book.sheets.last?.name == "Tindak Lanjut 2023")
        #expect(englishNumbers(texts).isEmpty, "\(englishNumbers(texts))")
    }

    @Test func workbookStoresNumbersWithIndonesianFormats() throws {
        let book = CompiledReportRenderer.workbook(
            try banyuasinReport(), compilation: try banyuasinCompilation(), framework: framework)
        let package = book.package()
        let sheet = try #require(package.part("xl/worksheets/sheet1.xml")).text
        #expect(sheet.contains("<v>89.1</v>"))
        #expect(sheet.contains("<v>75.59</v>"))
        #expect(package.part("xl/styles.xml")!.text.contains("[$-421]#,##0.00"))
        #expect(book.sheets.map(\.name).contains("Ringkasan"))
        try expectGolden(package.part("xl/worksheets/sheet1.xml"), "kompilasi-tabel4-sheet.xml")
    }

    @Test func golden() throws {
        let package = try CompiledReportRenderer.document(
            try banyuasinReport(), compilation: try banyuasinCompilation(), framework: framework
        ).package()
        try expectGolden(package.part("word/document.xml"), "kompilasi-document.xml")
    }
}

@Suite struct ActionPlanTests {
    @Test func balanganForm() throws {
        let content = try decode(ActionPlanContent.self, "balangan-kesbangpol-2024-rencana-aksi.json")
        let package = try ActionPlanRenderer.document(content, framework: framework).package()
        let texts = paragraphs(package.part("word/document.xml")!.text)
        #expect(texts.contains { $0.contains("RENCANA AKSI ATAS TINDAK LANJUT HASIL EVALUASI SAKIP TAHUN 2024") })
        #expect(texts.contains("085350088005"))
        #expect(texts.contains { $0.hasPrefix("a.Keberadaan; Terdapat pedoman teknis") })
        #expect(texts.contains("H. SYAHIDIN TAJAH, S.Pd., MM"))
        try expectGolden(package.part("word/document.xml"), "rencana-aksi-document.xml")
    }
}

@Suite struct LKEWorkbookTests {
    @Test func criteriaAndScores() throws {
        let (input, _) = try AssessmentInput.parse(
            json: try JSONValue.parse(try fixtureText("purbalingga-kutasari-2024.json")))
        let result = Scorer(framework: framework).score(input)
        let book = LKEWorkbookRenderer.workbook(
            unit: LKEUnit(name: "Kecamatan Kutasari", input: input, result: result), framework: framework,
            government: "Kabupaten Purbalingga")
        let package = book.package()
        let summary = try #require(package.part("xl/worksheets/sheet1.xml")).text
        #expect(summary.contains("<v>19.5</v>") && summary.contains("<v>64.85</v>"))
        let criteria = try #require(package.part("xl/worksheets/sheet2.xml")).text
        #expect(criteria.contains("Terdapat pedoman teknis perencanaan kinerja."))
        #expect(criteria.contains("Kriteria:"))
        try expectGolden(package.part("xl/worksheets/sheet1.xml"), "lke-rekap-sheet.xml")
        try expectGolden(package.part("xl/styles.xml"), "xlsx-styles.xml")
    }

    @Test func sheetNamesAreValidAndUnique() {
        let book = Workbook(
            title: "x",
            sheets: [
                Worksheet(name: "Dinas A/B: [uji]", columnWidths: []),
                Worksheet(name: "Dinas A/B: [uji]", columnWidths: []),
            ])
        #expect(book.uniqueSheetNames() == ["Dinas A-B- -uji-", "Dinas A-B- -uji- (2)"])
    }

    @Test func columnNames() {
        #expect([0, 25, 26, 51, 52].map(columnName) == ["A", "Z", "AA", "AZ", "BA"])
    }
}

@Suite struct PackageTests {
    @Test func aZipHoldsEveryPartAndIsReproducible() throws {
        let package = try LHERenderer.document(sampleLHE(), result: try purbalinggaResult(), framework: framework)
            .package()
        let a = try package.zipped()
        let b = try package.zipped()
        #expect(a == b)
        #expect(a.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }

    @Test func xmlEscaping() {
        #expect(xmlEscaped("A & B <C> \"D\"\u{1}") == "A &amp; B &lt;C&gt; &quot;D&quot;")
        #expect(xmlEscaped("Jl.\u{FFFE} Merdeka\u{FFFF}") == "Jl. Merdeka")
    }

    @Test("U+FFFE and U+FFFF in any text still give well-formed parts")
    func noncharacters() throws {
        var content = sampleLHE()
        content.letterhead.address = "Jl. Merdeka\u{FFFE} No. 1\u{FFFF}"
        content.findings = ["Catatan\u{FFFF} evaluator"]
        content.number = "700/\u{FFFE}/LHE"
        let lhe = try LHERenderer.document(content, result: try purbalinggaResult(), framework: framework).package()
        var input = AssessmentInput(unit: "Dinas\u{FFFE} Uji")
        input.subcomponents["1.a"] = SubcomponentInput(grade: "B", note: "Catatan\u{FFFF}")
        let workbook = LKEWorkbookRenderer.workbook(
            unit: LKEUnit(
                name: "Dinas\u{FFFE} Uji", input: input, result: Scorer(framework: framework).score(input),
                criterionNotes: ["1.a.1": "x\u{FFFF}"]),
            framework: framework, government: "Kabupaten\u{FFFE} Uji"
        ).package()
        for part in lhe.parts + workbook.parts where part.path.hasSuffix(".xml") || part.path.hasSuffix(".rels") {
            let parser = XMLParser(data: part.data)
            #expect(parser.parse(), "\(part.path): \(parser.parserError.map { "\($0)" } ?? "")")
            #expect(!part.text.contains("\u{FFFE}") && !part.text.contains("\u{FFFF}"), "\(part.path)")
        }
    }

    @Test func fileNames() {
        #expect(
            safeFileName("Dinas Perumahan Rakyat & Kawasan Permukiman / Pertanahan")
                == "Dinas-Perumahan-Rakyat-Kawasan-Permukiman-Pertanahan")
    }
}
