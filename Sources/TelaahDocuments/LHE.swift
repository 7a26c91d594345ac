import Foundation
import TelaahCore

/// What an LHE (Laporan Hasil Evaluasi: the result letter of the Inspektorat to one Perangkat
/// Daerah, seed 001 §V.A) says besides its figures, which come from the core's `ScoreResult`.
public struct LHEContent: Sendable, Decodable {
    public var letterhead: Letterhead
    public var place: String
    public var date: DocumentDate
    public var number: String
    public var sifat: String
    public var lampiran: String
    public var addressee: [String]
    public var addresseePlace: String?
    /// The Perangkat Daerah, e.g. `Dinas Kesehatan`.
    public var unit: String
    /// `Kabupaten Murung Raya`.
    public var government: String
    /// The regency's own guideline, e.g. `Peraturan Bupati Murung Raya Nomor 5 Tahun 2024`.
    public var perbup: String
    public var evaluationYear: Int
    /// "Hal-hal yang perlu diperhatikan".
    public var findings: [ListItem]
    public var recommendations: [ListItem]
    /// Last year's component scores, when known: a column of the table.
    public var previous: PreviousYear?
    public var signatory: Signatory
    public var tembusan: [String]
    /// The kondisi of each component as the Ketua Tim wrote them (the rancangan LHE), listed under
    /// item 1 of the uraian, whose sentence speaks of "kondisi terakhir"; none: the seed's letter.
    public var conditions: [ListItem] = []
    /// A draft (before the Penanggung Jawab signs): "KONSEP" on every page, no signature.
    public var draft = false
    /// A signed LHE's seal, printed at the foot of every page: its revision and the audit chain's
    /// head when it was signed.
    public var seal: String?
    /// How the PD followed up last year's recommendations (seed 001 §V: "menyajikan informasi
    /// tindak lanjut dari rekomendasi tahun sebelumnya"): item 3 of the uraian.
    public var priorFollowUp: PriorFollowUp?

    public struct PriorFollowUp: Sendable, Equatable {
        public var year: Int
        /// Each recommendation of that year's signed LHE with its status in words.
        public var items: [Item]
        public var tally: FollowUp.Tally

        public struct Item: Sendable, Equatable {
            public var recommendation: ListItem
            /// `Dalam proses`, `Sesuai`: the status's title.
            public var status: String

            public init(recommendation: ListItem, status: String) {
                self.recommendation = recommendation
                self.status = status
            }
        }

        public init(year: Int, items: [Item], tally: FollowUp.Tally = FollowUp.Tally()) {
            self.year = year
            self.items = items
            self.tally = tally
        }

        /// `1 telah ditindaklanjuti sesuai rekomendasi dan 8 dalam proses, tingkat tindak lanjut 11,11%`.
        public var summary: String {
            tally.inWords + (tally.rate.map { ", tingkat tindak lanjut \($0.indonesian(places: 2))%" } ?? "")
        }
    }

    public struct PreviousYear: Sendable, Decodable, Equatable {
        public var year: Int
        /// By component id; in JSON as Indonesian or plain decimal text (`"20,10"`) or numbers.
        public var components: [String: ExactDecimal]

        public init(year: Int, components: [String: ExactDecimal]) {
            self.year = year
            self.components = components
        }

        enum CodingKeys: String, CodingKey { case year, components }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            year = try c.decode(Int.self, forKey: .year)
            components = try c.decode([String: FlexibleDecimal].self, forKey: .components).mapValues(\.value)
        }
    }

    public init(
        letterhead: Letterhead, place: String, date: DocumentDate, number: String, sifat: String = "Rahasia",
        lampiran: String = "-", addressee: [String], addresseePlace: String?, unit: String, government: String,
        perbup: String, evaluationYear: Int, findings: [ListItem], recommendations: [ListItem],
        previous: PreviousYear? = nil, signatory: Signatory, tembusan: [String]
    ) {
        self.letterhead = letterhead
        self.place = place
        self.date = date
        self.number = number
        self.sifat = sifat
        self.lampiran = lampiran
        self.addressee = addressee
        self.addresseePlace = addresseePlace
        self.unit = unit
        self.government = government
        self.perbup = perbup
        self.evaluationYear = evaluationYear
        self.findings = findings
        self.recommendations = recommendations
        self.previous = previous
        self.signatory = signatory
        self.tembusan = tembusan
    }

    enum CodingKeys: String, CodingKey {
        case letterhead, place, date, number, sifat, lampiran, addressee, unit, government, perbup, findings
        case recommendations, previous, signatory, tembusan
        case addresseePlace = "addressee_place"
        case evaluationYear = "evaluation_year"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        letterhead = try c.decode(Letterhead.self, forKey: .letterhead)
        place = try c.decode(String.self, forKey: .place)
        date = try c.decode(DocumentDate.self, forKey: .date)
        number = try c.decode(String.self, forKey: .number)
        sifat = try c.decodeIfPresent(String.self, forKey: .sifat) ?? "Rahasia"
        lampiran = try c.decodeIfPresent(String.self, forKey: .lampiran) ?? "-"
        addressee = try c.decode([String].self, forKey: .addressee)
        addresseePlace = try c.decodeIfPresent(String.self, forKey: .addresseePlace)
        unit = try c.decode(String.self, forKey: .unit)
        government = try c.decode(String.self, forKey: .government)
        perbup = try c.decodeIfPresent(String.self, forKey: .perbup) ?? ""
        evaluationYear = try c.decode(Int.self, forKey: .evaluationYear)
        findings = try c.decodeIfPresent([ListItem].self, forKey: .findings) ?? []
        recommendations = try c.decodeIfPresent([ListItem].self, forKey: .recommendations) ?? []
        previous = try c.decodeIfPresent(PreviousYear.self, forKey: .previous)
        signatory = try c.decode(Signatory.self, forKey: .signatory)
        tembusan = try c.decodeIfPresent([String].self, forKey: .tembusan) ?? []
    }
}

/// A decimal in JSON input: a number literal or text (`"19,50"`, `"19.5"`).
struct FlexibleDecimal: Decodable {
    var value: ExactDecimal

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text: String
        if let s = try? c.decode(String.self) {
            text = s
        } else {
            // JSONDecoder gives numbers as Double; its shortest description is the literal.
            text = String(describing: try c.decode(Double.self))
        }
        guard let v = ExactDecimal(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "bukan angka: \(text)"))
        }
        value = v
    }
}

public enum LHERenderer {
    /// What the evaluation follows: the national regulation, and the regency's own where it has one.
    static func guideline(_ perbup: String) -> String {
        let national =
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi nomor 88 Tahun 2021 tentang "
            + "Evaluasi Akuntabilitas Kinerja Instansi Pemerintah"
        let own = perbup.trimmingCharacters(in: .whitespacesAndNewlines)
        return own.isEmpty ? national : "\(national) dan \(own)"
    }

    /// The LHE as a Word document. `result` must be complete (a total and a predikat).
    public static func document(
        _ content: LHEContent, result: ScoreResult, framework: Framework,
        template: DocumentTemplate = .builtIn(.lhe)
    ) throws(DocumentError) -> WordDocument {
        guard let total = result.total, let band = result.predikat else {
            throw .input("penilaian \(content.unit) belum lengkap: LHE membutuhkan nilai akhir dan predikat")
        }
        let values: [String: String] = [
            "pd": content.unit, "pemerintah": content.government, "PEMERINTAH": content.government.uppercased(),
            "perbup": content.perbup, "pedoman": guideline(content.perbup),
            "tahun_evaluasi": String(content.evaluationYear),
            "tahun_kinerja": String(content.evaluationYear - 1), "nilai": total.indonesian(),
            "predikat": band.code, "interpretasi": "(\(band.name)). \(band.interpretation)",
        ]
        var doc = WordDocument(title: "LHE AKIP \(content.unit) Tahun \(content.evaluationYear)", pageNumbers: true)
        Letter.letterhead(content.letterhead, into: &doc)
        Letter.placeAndDate(content.place, content.date, into: &doc)
        Letter.heading(
            number: content.number, sifat: content.sifat, lampiran: content.lampiran,
            perihal: try template.text("perihal", values), addressee: content.addressee,
            addresseePlace: content.addresseePlace, into: &doc)
        for p in try template.texts("pembuka", values) { Letter.body(p, into: &doc) }
        Letter.body(try template.text("hasil", values), into: &doc)
        Letter.body(try template.text("rincian_pengantar", values), keepWithNext: true, into: &doc)
        doc.add(
            try table(content, result: result, framework: framework, band: band, template: template, values: values))
        Letter.body(try template.text("uraian_pengantar", values), keepWithNext: true, into: &doc)
        let hang = Letter.cm * 6 / 10
        let butir1 = try template.text("butir1", values)
        let diperhatikan = try template.text("diperhatikan_pengantar", values)
        // A lead-in stands only before a list that has items; the items are numbered as they come.
        var item = 0
        // A lead-in is kept on the page of what it announces.
        func numbered(_ text: String, leadIn: Bool = true) {
            item += 1
            doc.add(
                WordParagraph(
                    [WordRun("\(item).\t" + text)], alignment: .both, indent: hang, hanging: hang,
                    keepWithNext: leadIn, tabs: [hang]))
        }
        if content.conditions.isEmpty {
            numbered(content.findings.isEmpty ? butir1 : butir1 + " " + diperhatikan, leadIn: !content.findings.isEmpty)
        } else {
            numbered(butir1)
            Letter.list(content.conditions, marker: .parenNumbers, indent: hang, into: &doc)
            if !content.findings.isEmpty {
                doc.add(WordParagraph([WordRun(diperhatikan)], alignment: .both, indent: hang, keepWithNext: true))
            }
        }
        Letter.list(content.findings, marker: .letters, indent: hang, into: &doc)
        if !content.recommendations.isEmpty {
            // "Terhadap permasalahan tersebut" only after the permasalahan; templates made before
            // the other wording lack it: the built-in one's then.
            let key = content.findings.isEmpty ? "rekomendasi_pengantar_tanpa_temuan" : "rekomendasi_pengantar"
            numbered(try (template.has(key) ? template : .builtIn(.lhe)).text(key, values))
            Letter.list(content.recommendations, marker: .letters, indent: hang, into: &doc)
        }
        // Last year's register is reported only when it held recommendations: each one's text and
        // its status in words, as a small table.
        if let prior = content.priorFollowUp, !prior.items.isEmpty {
            var v = values
            v["tahun_lalu"] = String(prior.year)
            v["ringkasan"] = prior.summary
            v["jumlah_rekomendasi"] = String(prior.items.count)
            // Templates made before this item lack its words: the built-in template's then.
            let words = try (template.has("tindak_lanjut_pengantar") ? template : .builtIn(.lhe))
                .text("tindak_lanjut_pengantar", v)
            numbered(words)
            doc.add(priorTable(prior, indent: hang))
        }
        // The closing paragraph goes with the signature: a signature never stands alone on a page.
        for p in try template.texts("penutup", values) { Letter.body(p, keepWithNext: true, into: &doc) }
        if content.draft {
            doc.header = "KONSEP"
            var unsigned = content.signatory
            unsigned.name = "(belum ditandatangani)"
            unsigned.rank = nil
            unsigned.nip = nil
            Letter.signature(unsigned, opening: [try template.text("mengetahui", values)], into: &doc)
        } else {
            Letter.signature(content.signatory, opening: [try template.text("mengetahui", values)], into: &doc)
        }
        doc.footerNote = content.seal
        doc.add(WordParagraph(""))
        Letter.tembusan("Tembusan Yth. :", content.tembusan, into: &doc)
        return doc
    }

    /// No, the recommendation (with its points), its status: last year's follow-up in the uraian.
    static func priorTable(_ prior: LHEContent.PriorFollowUp, indent: Int) -> WordTable {
        let head = "D9E2F3"
        let width = WordDocument.textWidth - indent
        var t = WordTable(columnWidths: [450, width - 450 - 2000, 2000], headerRows: 1)
        t.indent = indent
        t.rows.append(
            WordTableRow(
                ["No", "Rekomendasi Tahun \(prior.year)", "Status Tindak Lanjut"].map {
                    WordTableCell($0, bold: true, alignment: .center, shading: head, size: 10)
                }))
        for (i, item) in prior.items.enumerated() {
            var text = [WordParagraph([WordRun(item.recommendation.text, size: 10)], alignment: .both, spacingAfter: 0)]
            for (j, point) in item.recommendation.items.enumerated() {
                text.append(
                    WordParagraph(
                        [WordRun("\(ListMarker.parenNumbers.marker(j))\t\(point.text)", size: 10)], alignment: .both,
                        indent: 400, hanging: 400, spacingAfter: 0, tabs: [400]))
            }
            t.rows.append(
                WordTableRow([
                    WordTableCell("\(i + 1)", alignment: .center, size: 10), WordTableCell(text),
                    WordTableCell(item.status, size: 10),
                ]))
        }
        return t
    }

    static func table(
        _ content: LHEContent, result: ScoreResult, framework: Framework, band: PredikatBand,
        template: DocumentTemplate, values: [String: String]
    ) throws(DocumentError) -> WordTable {
        let previous = content.previous
        let head = "D9E2F3"
        var widths = [4200, 1000]
        if previous != nil { widths.append(1400) }
        widths += [1400, 1070]
        var t = WordTable(columnWidths: widths, headerRows: 1)
        var header = [
            WordTableCell(try template.text("tabel.komponen", values), bold: true, alignment: .center, shading: head),
            WordTableCell("Bobot", bold: true, alignment: .center, shading: head),
        ]
        if let previous {
            header.append(WordTableCell("Nilai \(previous.year)", bold: true, alignment: .center, shading: head))
        }
        header += [
            WordTableCell("Nilai \(content.evaluationYear)", bold: true, alignment: .center, shading: head),
            WordTableCell("%", bold: true, alignment: .center, shading: head),
        ]
        t.rows.append(WordTableRow(header))
        var previousTotal = ExactDecimal.zero
        var previousComplete = previous != nil
        for (i, component) in framework.components.enumerated() {
            let r = result.components.first { $0.id == component.id }
            var row = [
                WordTableCell("\(ListMarker.letters.marker(i)) \(component.title)"),
                WordTableCell(component.weight.indonesian(), alignment: .right),
            ]
            if let previous {
                let p = previous.components[component.id]
                if let p { previousTotal += p } else { previousComplete = false }
                row.append(WordTableCell(p?.indonesian() ?? "-", alignment: .right))
            }
            row += [
                WordTableCell(r?.score?.indonesian() ?? "-", alignment: .right),
                WordTableCell(r?.percent.map { "\($0.indonesian()) %" } ?? "-", alignment: .right),
            ]
            t.rows.append(WordTableRow(row))
        }
        let total = result.total ?? .zero
        var totalRow = [
            WordTableCell(try template.text("tabel.nilai_hasil", values), bold: true),
            WordTableCell(framework.totalWeight.indonesian(), bold: true, alignment: .right),
        ]
        if previous != nil {
            totalRow.append(
                WordTableCell(previousComplete ? previousTotal.indonesian() : "-", bold: true, alignment: .right))
        }
        totalRow += [
            WordTableCell(total.indonesian(), bold: true, alignment: .right),
            WordTableCell(
                "\(ExactDecimal.quotient(ExactDecimal(100).exactProduct(total) ?? .zero, framework.totalWeight).indonesian()) %",
                bold: true, alignment: .right),
        ]
        t.rows.append(WordTableRow(totalRow))
        let span = widths.count - 1
        var predikatRow = [WordTableCell(try template.text("tabel.tingkat", values), bold: true)]
        if previous != nil, previousComplete {
            predikatRow.append(WordTableCell("", span: 1))
            predikatRow.append(
                WordTableCell(framework.predikat(of: previousTotal)?.code ?? "-", bold: true, alignment: .center))
            predikatRow.append(WordTableCell(band.code, bold: true, alignment: .center, span: 2))
        } else {
            predikatRow.append(WordTableCell(band.code, bold: true, alignment: .center, span: span))
        }
        t.rows.append(WordTableRow(predikatRow))
        t.rows.append(
            WordTableRow([
                WordTableCell(try template.text("tabel.interpretasi", values), bold: true),
                WordTableCell(band.name, alignment: .center, span: span),
            ]))
        return t
    }
}
