import Foundation
import TelaahCore

/// What the Laporan Kompilasi (seed 000: the Inspektorat's compiled report to the Bupati over
/// all PD of a period) says besides the figures, which all come from the core's `Compilation`.
public struct CompiledReportContent: Sendable, Decodable {
    /// `Kabupaten Banyuasin`.
    public var government: String
    /// The addressee of the recommendations, e.g. `Pj. Bupati Banyuasin`.
    public var bupati: String
    public var evaluationYear: Int
    public var performanceYear: Int
    public var number: String
    public var place: String
    public var date: DocumentDate
    /// The compiled recommendations, by component id, plus `umum` for those of no one component.
    public var recommendations: [String: [ListItem]]
    /// Last year's mean total, when last year's PD rows are not given (then the core computes it).
    public var previousYear: Int?
    public var previousMean: ExactDecimal?
    public var signatory: Signatory
    public var tembusan: [String]
    /// The PD whose evaluation is not final yet (its LHE unsigned): the report covers the final
    /// ones only and names these.
    public var pending: [String] = []
    /// How the PD followed up last year's recommendations (seed 000, D.1 and E): a section of
    /// Bab II and a sheet of the workbook; nil in a regency's first year in Telaah.
    public var followUp: FollowUpSummary?
    /// The regency's own regulation on the evaluation (its settings), cited beside PermenPAN-RB
    /// 88/2021; empty when it has none.
    public var perbup = ""
    /// The regency's order of its clusters (Utama, Pendukung, Tambahan).
    public var clusterOrder: [String] = []
    /// The regency's own legal bases after the national ones (its settings: the Perda RPJMD,
    /// the decree on the PKPT, the Inspektur's pedoman), each a full title.
    public var legalBases: [String] = []
    /// The period's surat tugas (seed 000 A.7), each team's number and date once.
    public var assignments: [Assignment] = []

    public struct Assignment: Sendable, Equatable {
        public var number: String
        public var date: DocumentDate?

        public init(number: String, date: DocumentDate?) {
            self.number = number
            self.date = date
        }
    }

    public struct FollowUpSummary: Sendable, Equatable {
        /// The year of the LHE whose recommendations these are.
        public var year: Int
        public var units: [(name: String, tally: FollowUp.Tally)]

        public init(year: Int, units: [(name: String, tally: FollowUp.Tally)]) {
            self.year = year
            self.units = units
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.year == b.year && a.units.elementsEqual(b.units) { $0.name == $1.name && $0.tally == $1.tally }
        }

        public var total: FollowUp.Tally {
            var t = FollowUp.Tally()
            for u in units { t.add(u.tally) }
            return t
        }
    }

    public init(
        government: String, bupati: String, evaluationYear: Int, performanceYear: Int, number: String, place: String,
        date: DocumentDate, recommendations: [String: [ListItem]], previousYear: Int? = nil,
        previousMean: ExactDecimal? = nil, signatory: Signatory, tembusan: [String]
    ) {
        self.government = government
        self.bupati = bupati
        self.evaluationYear = evaluationYear
        self.performanceYear = performanceYear
        self.number = number
        self.place = place
        self.date = date
        self.recommendations = recommendations
        self.previousYear = previousYear
        self.previousMean = previousMean
        self.signatory = signatory
        self.tembusan = tembusan
    }

    enum CodingKeys: String, CodingKey {
        case government, bupati, number, place, date, recommendations, signature, tembusan, perbup
        case clusterOrder = "cluster_order"
        case evaluationYear = "evaluation_year"
        case performanceYear = "performance_year"
        case previousYear = "previous_year"
        case previousMean = "previous_mean"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        government = try c.decode(String.self, forKey: .government)
        bupati = try c.decodeIfPresent(String.self, forKey: .bupati) ?? "Bupati"
        evaluationYear = try c.decode(Int.self, forKey: .evaluationYear)
        performanceYear = try c.decodeIfPresent(Int.self, forKey: .performanceYear) ?? evaluationYear - 1
        number = try c.decode(String.self, forKey: .number)
        place = try c.decode(String.self, forKey: .place)
        date = try c.decode(DocumentDate.self, forKey: .date)
        recommendations = try c.decodeIfPresent([String: [ListItem]].self, forKey: .recommendations) ?? [:]
        previousYear = try c.decodeIfPresent(Int.self, forKey: .previousYear)
        previousMean = try c.decodeIfPresent(FlexibleDecimal.self, forKey: .previousMean)?.value
        signatory = try c.decode(Signatory.self, forKey: .signature)
        tembusan = try c.decodeIfPresent([String].self, forKey: .tembusan) ?? []
        perbup = try c.decodeIfPresent(String.self, forKey: .perbup) ?? ""
        clusterOrder = try c.decodeIfPresent([String].self, forKey: .clusterOrder) ?? []
    }
}

public enum CompiledReportRenderer {
    static let small = 9.0
    static let head = "D9E2F3"

    /// The figures the narrative needs, by placeholder name.
    static func baseValues(_ content: CompiledReportContent, _ compilation: Compilation, _ framework: Framework)
        -> [String: String]
    {
        let overall = compilation.overall
        let mean = overall.means.last ?? .zero
        let band = framework.predikat(of: mean)
        var values: [String: String] = [
            "PEMERINTAH": content.government.uppercased(), "pemerintah": content.government, "bupati": content.bupati,
            "tahun_evaluasi": String(content.evaluationYear), "tahun_kinerja": String(content.performanceYear),
            "jumlah_pd": String(overall.units), "rata_rata": mean.indonesian(), "predikat": band?.code ?? "-",
            "sebutan": band?.name ?? "-", "tempat": content.place, "tanggal": content.date.indonesian,
            "pedoman": LHERenderer.guideline(content.perbup),
        ]
        if let previous = previousMean(content, compilation) {
            let pBand = framework.predikat(of: previous)
            values["tahun_lalu"] = String(content.previousYear ?? content.evaluationYear - 1)
            values["rata_rata_tahun_lalu"] = previous.indonesian()
            values["predikat_tahun_lalu"] = pBand?.code ?? "-"
            values["sebutan_tahun_lalu"] = pBand?.name ?? "-"
            values["perubahan"] = mean > previous ? "meningkat" : mean < previous ? "menurun" : "tetap"
            values["perubahan_nilai"] = mean > previous ? "peningkatan" : mean < previous ? "penurunan" : "kesamaan"
        }
        return values
    }

    /// The sentence naming the PD not yet final, or nil when all are; from the built-in wording
    /// when a custom template predates it.
    static func pendingNote(_ content: CompiledReportContent, template: DocumentTemplate, _ values: [String: String])
        throws(DocumentError) -> String?
    {
        guard !content.pending.isEmpty else { return nil }
        var values = values
        values["jumlah_belum_final"] = String(content.pending.count)
        values["daftar_belum_final"] = content.pending.joined(separator: ", ")
        let source = template.has("belum_final") ? template : .builtIn(.laporanKompilasi)
        return try source.text("belum_final", values)
    }

    static func previousMean(_ content: CompiledReportContent, _ compilation: Compilation) -> ExactDecimal? {
        compilation.yearOverYear?.previous.means.last ?? content.previousMean
    }

    /// The heading of the Daftar Isi, and how its page is told from the pages it lists.
    static let contentsTitle = "DAFTAR ISI"

    /// The Daftar Isi's entries, each with the first line its heading prints in the body (how its
    /// page is found in the PDF: `PDFConverter.headingPages`).
    static func contents(bab1: String, bab2: String, bab3: String, followUpYear: Int?, components: [String] = []) -> [(
        title: String, heading: String
    )] {
        let sub = { (t: String) in (t, t) }
        var entries: [(title: String, heading: String)] = [
            ("Ringkasan Eksekutif", "RINGKASAN EKSEKUTIF"), ("BAB I \(bab1)", "BAB I"),
            sub("A. Dasar Hukum Evaluasi"), sub("B. Latar Belakang Evaluasi"), sub("C. Tujuan Evaluasi"),
            sub("D. Ruang Lingkup Evaluasi"), sub("E. Metodologi dan Teknik Evaluasi"),
            sub("F. Gambaran Umum Objek Evaluasi"), sub("G. Gambaran Umum Implementasi SAKIP"),
            ("BAB II \(bab2)", "BAB II"), sub("A. Hasil Evaluasi"),
        ]
        entries += components.map(sub)
        entries.append(sub("B. Rekomendasi Tindak Lanjut"))
        if let year = followUpYear { entries.append(sub("C. Tindak Lanjut Rekomendasi Tahun \(year)")) }
        entries += [("BAB III \(bab3)", "BAB III"), sub("A. Kesimpulan"), sub("B. Saran")]
        return entries
    }

    /// The report with the pages a PDF of it prints in its Daftar Isi: made twice, once to find
    /// them (`PDFConverter.paginated`); as `document` makes it where LibreOffice or pdftotext is
    /// missing.
    public static func paginatedDocument(
        _ content: CompiledReportContent, compilation: Compilation, framework: Framework,
        template: DocumentTemplate = .builtIn(.laporanKompilasi)
    ) throws -> WordDocument {
        // The chapter titles as `document` fills them: the pages are found by these entries.
        let values = baseValues(content, compilation, framework)
        let headings = contents(
            bab1: try template.text("bab1.judul", values), bab2: try template.text("bab2.judul", values),
            bab3: try template.text("bab3.judul", values), followUpYear: content.followUp?.year,
            components: try componentHeadings(framework, template: template, values))
        return try PDFConverter.paginated(headings: headings, contentsTitle: contentsTitle) { pages in
            try document(content, compilation: compilation, framework: framework, template: template, pages: pages)
        }
    }

    /// The report as a Word document. `pages`: each Daftar Isi entry's page, when known (from a
    /// first conversion to PDF, `paginatedDocument`); without, Word fills them in when the file opens.
    public static func document(
        _ content: CompiledReportContent, compilation: Compilation, framework: Framework,
        template: DocumentTemplate = .builtIn(.laporanKompilasi), pages: [String: Int] = [:]
    ) throws(DocumentError) -> WordDocument {
        for key in content.recommendations.keys where key != "umum" && framework.component(key) == nil {
            throw .input("rekomendasi untuk komponen \(key), yang tidak ada dalam kerangka \(framework.id)")
        }
        var values = baseValues(content, compilation, framework)
        let hasPrevious = values["rata_rata_tahun_lalu"] != nil
        var doc = WordDocument(
            title: "Laporan Kompilasi Hasil Evaluasi AKIP \(content.government) Tahun \(content.evaluationYear)",
            pageNumbers: true)
        // The cover carries no page number.
        doc.plainFirstPage = true

        // Cover.
        for _ in 0..<6 { doc.add(WordParagraph("")) }
        for (i, line) in try template.texts("sampul", values).enumerated() {
            doc.add(
                WordParagraph(
                    [WordRun(line, bold: true, size: i == 1 ? 20 : 14)], alignment: .center, spacingAfter: 360))
        }
        doc.add(WordParagraph(""))
        doc.add(WordParagraph("Nomor : \(content.number)", alignment: .center, spacingAfter: 0))
        doc.add(WordParagraph("Tanggal : \(content.date.indonesian)", alignment: .center))
        doc.add(.pageBreak)

        // Ringkasan eksekutif, with the compiled recommendations.
        doc.add(WordParagraph("RINGKASAN EKSEKUTIF", style: .heading1))
        for p in try template.texts("ringkasan_eksekutif", values) { Letter.body(p, into: &doc) }
        let pendingNote = try pendingNote(content, template: template, values)
        if let pendingNote { Letter.body(pendingNote, into: &doc) }
        recommendations(content, framework: framework, into: &doc)
        for p in try template.texts("ringkasan_eksekutif_penutup", values) { Letter.body(p, into: &doc) }
        Letter.signature(content.signatory, into: &doc)
        doc.add(WordParagraph(""))
        Letter.tembusan("Tembusan kepada Yth:", content.tembusan, into: &doc)
        doc.add(.pageBreak)

        // Daftar isi.
        let clusterTables = compilation.clusters.enumerated().map { (5 + $0.offset, $0.element) }
        let combinedNumber = 5 + compilation.clusters.count
        let bab1 = try template.text("bab1.judul", values)
        let bab2 = try template.text("bab2.judul", values)
        let bab3 = try template.text("bab3.judul", values)
        doc.add(WordParagraph(contentsTitle, style: .heading1))
        doc.add(
            .tableOfContents(
                contents(
                    bab1: bab1, bab2: bab2, bab3: bab3, followUpYear: content.followUp?.year,
                    components: try componentHeadings(framework, template: template, values)
                ).map { entry in
                    // Chapters at the margin, their sections under them, Bab II.A's components deeper.
                    let level =
                        entry.title.hasPrefix("BAB") || entry.title.hasPrefix("Ringkasan")
                        ? 0 : entry.title.first?.isNumber == true ? 2 : 1
                    var p = WordParagraph(
                        entry.title + (pages[entry.title].map { "\t\($0)" } ?? ""), indent: 567 * level,
                        spacingAfter: 60)
                    p.dottedRightTab = WordDocument.textWidth
                    return p
                }))
        doc.add(.pageBreak)

        // Bab I.
        doc.add(WordParagraph("BAB I\n\(bab1)", style: .heading1))
        doc.add(WordParagraph("A. Dasar Hukum Evaluasi", style: .heading2))
        let builtIn = DocumentTemplate.builtIn(.laporanKompilasi)
        // Templates made before these keys lack them: the built-in wording's then.
        let own = { (key: String) in template.has(key) ? template : builtIn }
        Letter.body(
            try own("bab1.dasar_hukum_pengantar").text("bab1.dasar_hukum_pengantar", values), keepWithNext: true,
            into: &doc)
        var bases = try template.texts("bab1.dasar_hukum", values)
        let perbup = content.perbup.trimmingCharacters(in: .whitespacesAndNewlines)
        if !perbup.isEmpty, !content.legalBases.contains(perbup) { bases.append(perbup + ";") }
        bases += content.legalBases.map { $0.hasSuffix(";") || $0.hasSuffix(".") ? $0 : $0 + ";" }
        for a in content.assignments {
            var v = values
            v["nomor_surat_tugas"] = a.number
            v["tanggal_surat_tugas"] = a.date?.indonesian ?? "-"
            bases.append(try own("bab1.surat_tugas").text("bab1.surat_tugas", v))
        }
        Letter.list(bases.map { ListItem($0) }, marker: .numbers, indent: 0, into: &doc)
        doc.add(WordParagraph("B. Latar Belakang Evaluasi", style: .heading2))
        for p in try template.texts("bab1.latar_belakang", values) { Letter.body(p, into: &doc) }
        doc.add(WordParagraph("C. Tujuan Evaluasi", style: .heading2))
        Letter.body(try template.text("bab1.tujuan_pengantar", values), into: &doc)
        Letter.list(
            try template.texts("bab1.tujuan", values).map { ListItem($0) }, marker: .numbers, indent: 0, into: &doc)
        doc.add(WordParagraph("D. Ruang Lingkup Evaluasi", style: .heading2))
        Letter.body(try template.text("bab1.ruang_lingkup_pengantar", values), into: &doc)
        Letter.list(
            try template.texts("bab1.ruang_lingkup", values).map { ListItem($0) }, marker: .numbers, indent: 0,
            into: &doc)
        doc.add(WordParagraph("E. Metodologi dan Teknik Evaluasi", style: .heading2))
        for p in try template.texts("bab1.metodologi", values) { Letter.body(p, into: &doc) }
        caption(try template.text("bab1.tabel1_judul", values), into: &doc)
        doc.add(weightTable(framework))
        // Templates made before the sentence moved keep it as their last paragraph of metodologi.
        if template.has("bab1.parameter") { Letter.body(try template.text("bab1.parameter", values), into: &doc) }
        for (i, group) in aspectGroups(framework).enumerated() {
            caption("Tabel \(i + 2). Bobot Penilaian Kriteria \(group.names.joined(separator: " dan "))", into: &doc)
            doc.add(gradeTable(framework, aspect: group.aspect))
            if i == 1 { break }
        }
        doc.add(WordParagraph("F. Gambaran Umum Objek Evaluasi", style: .heading2))
        for p in try template.texts("bab1.gambaran_umum_pd", values) { Letter.body(p, into: &doc) }
        Letter.body(try template.text("bab1.daftar_pd_pengantar", values), into: &doc)
        Letter.list(
            compilation.units.map { ListItem($0.name) }, marker: .numbers, indent: 0, into: &doc, spacingAfter: 0)
        if let pendingNote { Letter.body(pendingNote, into: &doc) }
        doc.add(WordParagraph("G. Gambaran Umum Implementasi SAKIP", style: .heading2))
        for p in try template.texts("bab1.gambaran_umum_sakip", values) { Letter.body(p, into: &doc) }
        doc.add(.pageBreak)

        // Bab II.
        doc.add(WordParagraph("BAB II\n\(bab2)", style: .heading1))
        Letter.body(
            try template.text(hasPrevious ? "bab2.pengantar" : "bab2.pengantar_tanpa_tahun_lalu", values), into: &doc)
        doc.add(WordParagraph("A. Hasil Evaluasi", style: .heading2))
        for (i, component) in framework.components.enumerated() {
            var v = values
            v["komponen"] = component.title
            v["bobot"] = component.weight.indonesian()
            v["rata_rata"] = compilation.overall.means[i].indonesian()
            v["persen"] = compilation.overall.percents[i].indonesian()
            for (k, value) in spread(compilation.units, column: i, weight: component.weight) { v[k] = value }
            let key = "bab2.komponen.\(component.id)"
            if template.has(key) {
                let title = try componentHeading(i, key: key, template: template, v)
                doc.add(WordParagraph([WordRun(title, bold: true)], keepWithNext: true))
                let items =
                    template.has("\(key).butir")
                    ? try template.texts("\(key).butir", v)
                    : template.has("bab2.komponen_butir")
                        ? try template.texts("bab2.komponen_butir", v) : []
                if !items.isEmpty {
                    Letter.body(try template.text("\(key).pembuka", v), into: &doc)
                    Letter.list(items.map { ListItem($0) }, marker: .letters, indent: 0, into: &doc)
                } else {
                    Letter.body(Self.withoutLeadIn(try template.text("\(key).pembuka", v)), into: &doc)
                }
            }
        }
        Letter.body(try template.text("bab2.tabel4_pengantar", values), into: &doc)
        caption(try template.text("bab2.tabel4_judul", values), into: &doc)
        doc.add(unitTable(compilation.units, mean: compilation.overall, framework: framework, numbered: true))
        for (i, component) in framework.components.enumerated() {
            var v = values
            v["komponen"] = component.title
            v["bobot"] = component.weight.shortIndonesian
            v["rata_rata"] = compilation.overall.means[i].indonesian()
            v["persen"] = compilation.overall.percents[i].indonesian()
            Letter.body(try template.text("bab2.komponen_persen", v), into: &doc)
        }
        if !compilation.clusters.isEmpty {
            Letter.body(try template.text("bab2.klaster_pengantar", values), into: &doc)
            for (number, cluster) in clusterTables {
                var v = values
                v["nomor"] = String(number)
                v["klaster"] = cluster.name
                caption(try template.text("bab2.tabel_klaster_judul", v), into: &doc)
                caption(try template.text("bab2.tabel_klaster_subjudul", v), into: &doc)
                let units = compilation.units.filter { $0.cluster == cluster.name }
                doc.add(unitTable(units, mean: cluster, framework: framework, numbered: true))
            }
            Letter.body(try template.text("bab2.tabel8_pengantar", values), into: &doc)
            var title = try template.text("bab2.tabel8_judul", values)
            if let dot = title.firstIndex(of: "."), title.hasPrefix("Tabel ") {
                title = "Tabel \(combinedNumber)" + title[dot...]
            }
            caption(title, into: &doc)
            doc.add(combinedTable(compilation, framework: framework))
            Letter.body(try template.text("bab2.simpulan_klaster_pengantar", values), into: &doc)
            var sentences: [ListItem] = []
            for cluster in compilation.clusters {
                var v = values
                let mean = cluster.means.last ?? .zero
                let band = framework.predikat(of: mean)
                v["klaster"] = cluster.name
                v["rata_rata"] = mean.indonesian()
                v["predikat"] = band?.code ?? "-"
                v["sebutan"] = band?.name ?? "-"
                sentences.append(ListItem(try template.text("bab2.simpulan_klaster", v)))
            }
            Letter.list(sentences, marker: .numbers, indent: 0, into: &doc)
        }
        doc.add(WordParagraph("B. Rekomendasi Tindak Lanjut", style: .heading2))
        Letter.body(try template.text("bab2.rekomendasi_pengantar", values), into: &doc)
        recommendations(content, framework: framework, marker: .numbers, into: &doc)
        if let f = content.followUp {
            followUp(f, table: compilation.clusters.isEmpty ? 5 : combinedNumber + 1, into: &doc)
        }
        doc.add(.pageBreak)

        // Bab III.
        doc.add(WordParagraph("BAB III\n\(bab3)", style: .heading1))
        for p in try template.texts("bab3.pembuka", values) { Letter.body(p, into: &doc) }
        doc.add(WordParagraph("A. Kesimpulan", style: .heading2))
        var conclusion = try template.text(hasPrevious ? "bab3.kesimpulan" : "bab3.kesimpulan_tanpa_tahun_lalu", values)
        var parts: [String] = []
        for (code, count) in compilation.overall.counts where count > 0 {
            values["predikat"] = code
            values["jumlah"] = String(count)
            parts.append(try template.text("bab3.kesimpulan_predikat", values))
        }
        if !parts.isEmpty {
            let joined = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + ", dan " + parts.last!
            conclusion += ", " + joined + "."
        }
        Letter.body(conclusion, into: &doc)
        doc.add(WordParagraph("B. Saran", style: .heading2))
        for p in try template.texts("bab3.saran", values) { Letter.body(p, into: &doc) }
        doc.add(WordParagraph(try template.text("penutup_tempat_tanggal", values), indent: 9 * Letter.cm))
        Letter.signature(content.signatory, into: &doc)
        return doc
    }

    /// Bab II C: last year's recommendations per PD and how they were followed up.
    static func followUp(_ f: CompiledReportContent.FollowUpSummary, table: Int, into doc: inout WordDocument) {
        let all = f.total
        doc.add(WordParagraph("C. Tindak Lanjut Rekomendasi Tahun \(f.year)", style: .heading2))
        Letter.body(
            "Atas \(all.total) rekomendasi hasil evaluasi tahun \(f.year) pada \(f.units.count) Perangkat Daerah, "
                + all.inWords + (all.rate.map { " (tingkat tindak lanjut \($0.indonesian(places: 2))%)" } ?? "")
                + ", dengan rincian sebagai berikut:",
            into: &doc)
        caption("Tabel \(table). Tindak Lanjut Rekomendasi Tahun \(f.year) per Perangkat Daerah", into: &doc)
        let w = WordDocument.textWidth
        // "Rekomendasi" on one line at the table's size.
        let widths = [500, w - 500 - 1350 - 4 * 1000 - 900, 1350, 1000, 1000, 1000, 1000, 900]
        var t = WordTable(columnWidths: widths, headerRows: 1)
        let heads = zip(
            ["No", "Perangkat Daerah", "Rekomendasi", "Sesuai", "Dalam Proses", "Belum", "Tidak Dapat", "% TL"], widths
        ).map { ($0, $1) }
        let size = headSize(heads)
        t.rows.append(WordTableRow(heads.map { headCell($0.0, width: $0.1, size: size) }))
        func row(_ number: String, _ name: String, _ t: FollowUp.Tally, bold: Bool) -> WordTableRow {
            WordTableRow(
                [WordTableCell(number, alignment: .center, size: small), WordTableCell(name, bold: bold, size: small)]
                    + [t.total, t.compliant, t.inProgress, t.open, t.impossible].map {
                        WordTableCell(String($0), bold: bold, alignment: .center, size: small)
                    }
                    + [
                        WordTableCell(
                            t.rate.map { $0.indonesian(places: 2) } ?? "—", bold: bold, alignment: .right, size: small)
                    ])
        }
        for (i, u) in f.units.enumerated() { t.rows.append(row(String(i + 1), u.name, u.tally, bold: false)) }
        t.rows.append(row("", "Jumlah", all, bold: true))
        doc.add(t)
    }

    /// Bab II.A's heading of the `i`th component: numbered under "A. Hasil Evaluasi", a letter the
    /// template still carries dropped.
    static func componentHeading(_ i: Int, key: String, template: DocumentTemplate, _ values: [String: String])
        throws(DocumentError) -> String
    {
        "\(i + 1). \(unlettered(try template.text("\(key).judul", values)))"
    }

    /// Every component heading Bab II.A prints (the Daftar Isi's entries under it).
    static func componentHeadings(_ framework: Framework, template: DocumentTemplate, _ values: [String: String])
        throws(DocumentError) -> [String]
    {
        var out: [String] = []
        for (i, component) in framework.components.enumerated() where template.has("bab2.komponen.\(component.id)") {
            var v = values
            v["komponen"] = component.title
            v["bobot"] = component.weight.indonesian()
            out.append(try componentHeading(i, key: "bab2.komponen.\(component.id)", template: template, v))
        }
        return out
    }

    /// "A. Evaluasi atas Perencanaan Kinerja." → "Evaluasi atas Perencanaan Kinerja".
    static func unlettered(_ title: String) -> String {
        var t = Substring(title.trimmingCharacters(in: .whitespaces))
        if t.count > 3, let first = t.first, first.isLetter, first.isUppercase, t.dropFirst().hasPrefix(". ") {
            t = t.dropFirst(3)
        }
        while t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }

    /// A lead-in sentence with no list after it ends where its announcement begins.
    static func withoutLeadIn(_ text: String) -> String {
        for marker in [", dengan rincian sebagai berikut:", ". Dari rincian", ", yaitu dari rincian"] {
            if let r = text.range(of: marker) { return text[..<r.lowerBound] + "." }
        }
        return text
    }

    /// The best and worst values of one column and who reached them, and how many PD reached
    /// three quarters of its weight: the items under each component of Bab II A.
    static func spread(_ units: [CompiledUnit], column: Int, weight: ExactDecimal) -> [String: String] {
        let values = units.map { $0.components[column] }
        guard let high = values.max(), let low = values.min() else { return [:] }
        let names = { (v: ExactDecimal) -> String in
            let who = units.filter { $0.components[column] == v }.map(\.name)
            return who.count <= 3 ? Self.joined(who) : "\(who.count) Perangkat Daerah"
        }
        let threshold = ExactDecimal.quotient(weight.exactProduct(ExactDecimal(3)) ?? .zero, ExactDecimal(4))
        return [
            "tertinggi": high.indonesian(), "pd_tertinggi": names(high), "terendah": low.indonesian(),
            "pd_terendah": names(low), "jumlah_capai": String(values.filter { $0 >= threshold }.count),
        ]
    }

    /// "A", "A dan B", "A, B, dan C".
    public static func joined(_ names: [String]) -> String {
        names.count <= 2
            ? names.joined(separator: " dan ") : names.dropLast().joined(separator: ", ") + ", dan " + names.last!
    }

    /// One size for a whole heading, the largest at which every word of every cell fits its
    /// column on one line: cells of one heading in one size.
    static func headSize(_ cells: [(text: String, width: Int)]) -> Double {
        cells.map { Letter.wordFittingSize($0.text, preferred: small, width: $0.width) }.min() ?? small
    }

    /// A heading cell in `size` (`headSize`), or sized alone so that its words fit its column.
    static func headCell(
        _ text: String, width: Int, span: Int = 1, merge: WordTableCell.VerticalMerge? = nil, size: Double? = nil
    )
        -> WordTableCell
    {
        let size = size ?? Letter.wordFittingSize(text, preferred: small, width: width)
        return WordTableCell(
            [WordParagraph([WordRun(text, bold: true, size: size)], alignment: .center, spacingAfter: 0)], span: span,
            shading: head, verticalMerge: merge)
    }

    static func caption(_ text: String, into doc: inout WordDocument) {
        doc.add(WordParagraph([WordRun(text, bold: true)], alignment: .center, spacingAfter: 60, keepWithNext: true))
    }

    /// The compiled recommendations: `A. Perencanaan Kinerja` and its numbered list, per
    /// component; then those for no one component, lettered on. Under a lettered section (Bab II
    /// B) the components are numbered instead (`marker`), so no letter is used twice.
    static func recommendations(
        _ content: CompiledReportContent, framework: Framework, marker: ListMarker = .upperLetters,
        into doc: inout WordDocument
    ) {
        var letter = 0
        for component in framework.components {
            guard let items = content.recommendations[component.id], !items.isEmpty else { continue }
            doc.add(
                WordParagraph(
                    [WordRun("\(marker.marker(letter)) \(component.title)", bold: true)],
                    keepWithNext: true))
            Letter.list(items, marker: marker == .numbers ? .letters : .numbers, indent: 567, into: &doc)
            letter += 1
        }
        for item in content.recommendations["umum"] ?? [] {
            doc.add(
                WordParagraph(
                    [WordRun("\(marker.marker(letter))\t\(item.text)")], alignment: .both, indent: 567,
                    hanging: 567, tabs: [567]))
            letter += 1
        }
    }

    /// Groups of aspects that share one grade table (seed 000: Keberadaan; Kualitas dan Pemanfaatan).
    static func aspectGroups(_ framework: Framework) -> [(names: [String], aspect: Aspect)] {
        var groups: [(names: [String], aspect: Aspect)] = []
        for aspect in framework.aspects {
            if let i = groups.firstIndex(where: {
                $0.aspect.descriptions.map(\.text) == aspect.descriptions.map(\.text)
            }) {
                groups[i].names.append(aspect.name)
            } else {
                groups.append(([aspect.name], aspect))
            }
        }
        return groups
    }

    /// Tabel 1: components × sub-components with their weights.
    static func weightTable(_ framework: Framework) -> WordTable {
        let subCount = framework.components.map(\.subcomponents.count).max() ?? 0
        let first = framework.components.first?.subcomponents ?? []
        let nameWidth = 3200
        let rest = WordDocument.textWidth - nameWidth
        let colWidth = rest / (subCount + 1)
        var t = WordTable(columnWidths: [nameWidth] + Array(repeating: colWidth, count: subCount + 1), headerRows: 1)
        var header = [WordTableCell("Komponen", bold: true, alignment: .center, shading: head, size: small)]
        for i in 0..<subCount {
            let aspect = i < first.count ? (first[i].aspect ?? "") : ""
            header.append(headCell("Sub Komponen \(i + 1) \(aspect)", width: colWidth))
        }
        header.append(headCell("Total Bobot", width: colWidth))
        t.rows.append(WordTableRow(header))
        var columnTotals = Array(repeating: ExactDecimal.zero, count: subCount)
        for component in framework.components {
            var row = [WordTableCell(component.title, size: small)]
            for i in 0..<subCount {
                if i < component.subcomponents.count {
                    let w = component.subcomponents[i].weight
                    columnTotals[i] += w
                    row.append(WordTableCell(w.indonesian(), alignment: .right, size: small))
                } else {
                    row.append(WordTableCell("", size: small))
                }
            }
            row.append(WordTableCell(component.weight.shortIndonesian, alignment: .right, size: small))
            t.rows.append(WordTableRow(row))
        }
        t.rows.append(
            WordTableRow(
                [WordTableCell("Nilai Akuntabilitas Kinerja", bold: true, size: small)]
                    + columnTotals.map { WordTableCell($0.indonesian(), bold: true, alignment: .right, size: small) }
                    + [WordTableCell(framework.totalWeight.shortIndonesian, bold: true, alignment: .right, size: small)]
            ))
        return t
    }

    /// Tabel 2/3: grade, description, value.
    static func gradeTable(_ framework: Framework, aspect: Aspect) -> WordTable {
        var t = WordTable(columnWidths: [900, WordDocument.textWidth - 2200, 1300], headerRows: 1)
        t.rows.append(
            WordTableRow(
                ["Nilai", "Kriteria Penilaian", "Bobot Nilai"].map {
                    WordTableCell($0, bold: true, alignment: .center, shading: head, size: small)
                }))
        for grade in framework.grades {
            t.rows.append(
                WordTableRow([
                    WordTableCell(grade.code, alignment: .center, size: small),
                    WordTableCell(aspect.description(of: grade.code) ?? "", size: small),
                    WordTableCell(grade.value.shortIndonesian, alignment: .center, size: small),
                ]))
        }
        return t
    }

    /// Tabel 4 (and 5–7): No, Nama Perangkat Daerah, the components, Total Nilai, Kategori, and
    /// the mean row.
    static func unitTable(_ units: [CompiledUnit], mean: GroupFigures, framework: Framework, numbered: Bool)
        -> WordTable
    {
        let n = framework.components.count
        let (numberWidth, totalWidth, bandWidth, nameWidth) = (450, 850, 900, 2500)
        let compWidth = (WordDocument.textWidth - numberWidth - totalWidth - bandWidth - nameWidth) / max(n, 1)
        var t = WordTable(
            columnWidths: [numberWidth, nameWidth] + Array(repeating: compWidth, count: n) + [totalWidth, bandWidth],
            headerRows: 2)
        let size = headSize(
            [
                ("No", numberWidth), ("Nama Perangkat Daerah", nameWidth), ("Total Nilai", totalWidth),
                ("Kategori", bandWidth),
            ] + framework.components.map { ($0.title, compWidth) }
                + framework.components.map { ("Bobot (\($0.weight.shortIndonesian))", compWidth) })
        t.rows.append(
            WordTableRow(
                [
                    headCell("No", width: numberWidth, merge: .restart, size: size),
                    headCell("Nama Perangkat Daerah", width: nameWidth, merge: .restart, size: size),
                ] + framework.components.map { headCell($0.title, width: compWidth, size: size) }
                    + [
                        headCell("Total Nilai", width: totalWidth, merge: .restart, size: size),
                        headCell("Kategori", width: bandWidth, merge: .restart, size: size),
                    ]))
        t.rows.append(
            WordTableRow(
                [
                    WordTableCell([], shading: head, verticalMerge: .continue),
                    WordTableCell([], shading: head, verticalMerge: .continue),
                ]
                    + framework.components.map {
                        headCell("Bobot (\($0.weight.shortIndonesian))", width: compWidth, size: size)
                    }
                    + [
                        WordTableCell([], shading: head, verticalMerge: .continue),
                        WordTableCell([], shading: head, verticalMerge: .continue),
                    ]
            ))
        for (i, unit) in units.enumerated() {
            t.rows.append(
                WordTableRow(
                    [
                        WordTableCell(String(i + 1), alignment: .center, size: small),
                        WordTableCell(unit.name, size: small),
                    ]
                        + unit.components.map { WordTableCell($0.indonesian(), alignment: .right, size: small) }
                        + [
                            WordTableCell(unit.total.indonesian(), alignment: .right, size: small),
                            WordTableCell(unit.predikat ?? "-", alignment: .center, size: small),
                        ]))
        }
        t.rows.append(
            WordTableRow(
                [WordTableCell("Rata-rata", bold: true, span: 2, size: small)]
                    + mean.means.map { WordTableCell($0.indonesian(), bold: true, alignment: .right, size: small) }
                    + [
                        WordTableCell(
                            mean.predikat.last.flatMap { $0 } ?? "-", bold: true, alignment: .center, size: small)
                    ]))
        return t
    }

    /// Tabel 8, the combined sheet: per component the mean of all PD, each cluster's mean and the
    /// mean of the cluster means; the last row the value of the whole regency and its predikat.
    static func combinedTable(_ compilation: Compilation, framework: Framework) -> WordTable {
        let clusters = compilation.clusters
        let numberWidth = 500
        let weightWidth = 700
        let valueWidth = 950
        let nameWidth = WordDocument.textWidth - numberWidth - weightWidth - valueWidth * (clusters.count + 2)
        var t = WordTable(
            columnWidths: [numberWidth, nameWidth, weightWidth]
                + Array(repeating: valueWidth, count: clusters.count + 2),
            headerRows: 1)
        let heads =
            [("No", numberWidth), ("Komponen", nameWidth), ("Bobot", weightWidth), ("Nilai Instansi", valueWidth)]
            + clusters.map { ($0.name, valueWidth) } + [("Nilai rata-rata", valueWidth)]
        let size = headSize(heads)
        t.rows.append(WordTableRow(heads.map { headCell($0.0, width: $0.1, size: size) }))
        for (i, component) in framework.components.enumerated() {
            t.rows.append(
                WordTableRow(
                    [
                        WordTableCell(component.id, alignment: .center, size: small),
                        WordTableCell(component.title, size: small),
                        WordTableCell(component.weight.shortIndonesian, alignment: .center, size: small),
                        WordTableCell(compilation.overall.means[i].indonesian(), alignment: .right, size: small),
                    ] + clusters.map { WordTableCell($0.means[i].indonesian(), alignment: .right, size: small) }
                        + [
                            WordTableCell(
                                compilation.meanOfClusterMeans?.means[i].indonesian() ?? "-", alignment: .right,
                                size: small)
                        ]))
        }
        let total = compilation.overall.means.last ?? .zero
        let columns = 3 + clusters.count + 2
        t.rows.append(
            WordTableRow([
                WordTableCell("Nilai Akuntabilitas Kinerja", bold: true, span: columns - 2, size: small),
                WordTableCell(total.indonesian(), bold: true, alignment: .right, size: small),
                WordTableCell(framework.predikat(of: total)?.code ?? "-", bold: true, alignment: .center, size: small),
            ]))
        return t
    }

    /// The same report's tables as a workbook: Tabel 4, the cluster tables, Tabel 8 and a summary.
    public static func workbook(_ content: CompiledReportContent, compilation: Compilation, framework: Framework)
        -> Workbook
    {
        let government = content.government
        var sheets: [Worksheet] = [
            LKEWorkbookRenderer.compiledSheet(
                compilation, framework: framework, name: "Tabel 4",
                title: [
                    "Tabel 4", "NILAI HASIL EVALUASI AKIP PERANGKAT DAERAH",
                    "\(government.uppercased()) TAHUN \(content.evaluationYear)",
                ])
        ]
        // Every compiled sheet ends with its mean row; the later sheets read the means from there.
        let overall = MeanRow(sheet: "Tabel 4", row: sheets[0].rows.count - 1)
        for (i, cluster) in compilation.clusters.enumerated() {
            sheets.append(
                LKEWorkbookRenderer.compiledSheet(
                    compilation, framework: framework, name: "Tabel \(5 + i) \(cluster.name)",
                    title: ["Tabel \(5 + i). \(cluster.name)", "Nilai Hasil Evaluasi SAKIP Perangkat Daerah"],
                    units: compilation.units.filter { $0.cluster == cluster.name }, mean: cluster))
        }
        if !compilation.clusters.isEmpty {
            // A sheet's name in the workbook depends only on the sheets before it.
            let names = Workbook(title: "", sheets: sheets).uniqueSheetNames()
            let clusters = compilation.clusters.indices.map {
                MeanRow(sheet: names[1 + $0], row: sheets[1 + $0].rows.count - 1)
            }
            sheets.append(
                combinedSheet(
                    compilation, framework: framework, number: 5 + compilation.clusters.count, overall: overall,
                    clusters: clusters))
        }
        sheets.append(summarySheet(content, compilation: compilation, framework: framework, overall: overall))
        if let f = content.followUp {
            sheets.append(
                FollowUpMatrixRenderer.summarySheet(
                    f.units.map { FollowUpMatrixUnit(unit: $0.name, plan: "", tally: $0.tally, overdue: 0) },
                    year: f.year, name: "Tindak Lanjut \(f.year)"))
        }
        return Workbook(title: "Laporan Kompilasi AKIP \(government) Tahun \(content.evaluationYear)", sheets: sheets)
    }

    /// Where a compiled sheet's means are: its last row, one column per component then the total, from C.
    struct MeanRow {
        var sheet: String
        var row: Int

        func formula(_ column: Int, _ value: ExactDecimal, _ style: SheetStyle = .decimal) -> SheetCell {
            .formula(cellReference(sheet: sheet, row: row, column: 2 + column), cached: value, style)
        }
    }

    static func combinedSheet(
        _ compilation: Compilation, framework: Framework, number: Int, overall: MeanRow, clusters means: [MeanRow]
    ) -> Worksheet {
        let clusters = compilation.clusters
        var sheet = Worksheet(
            name: "Tabel \(number) Gabungan", columnWidths: [6, 44, 9, 13] + clusters.map { _ in 15 } + [13])
        LKEWorkbookRenderer.titleRows(
            ["Tabel \(number). Lembar Kerja Evaluasi Gabungan"], columns: 5 + clusters.count, into: &sheet)
        sheet.appendHeadings([
            ["No", "Komponen", "Bobot", "Nilai Instansi"].map { .text($0, .header) }
                + clusters.map { .text($0.name, .header) }
                + [.text("Nilai rata-rata", .header)]
        ])
        for (i, component) in framework.components.enumerated() {
            let row = sheet.nextRow
            let clusterMeans =
                "\(cellReference(row: row, column: 4)):\(cellReference(row: row, column: 3 + clusters.count))"
            sheet.append(
                [
                    .text(component.id, .cellCentered), .text(component.title, .cellWrap), .number(component.weight),
                    overall.formula(i, compilation.overall.means[i]),
                ] + zip(clusters, means).map { $1.formula(i, $0.means[i]) }
                    + [
                        compilation.meanOfClusterMeans.map {
                            .formula("ROUND(AVERAGE(\(clusterMeans)),2)", cached: $0.means[i], .decimal)
                        } ?? .blank(.cell)
                    ])
        }
        let total = compilation.overall.means.last ?? .zero
        sheet.merge(row: sheet.nextRow, column: 0, columns: 3 + clusters.count)
        sheet.append(
            [.text("Nilai Akuntabilitas Kinerja", .cellBold)]
                + Array(repeating: .blank(.cellBold), count: 2 + clusters.count)
                + [
                    overall.formula(framework.components.count, total, .decimalBold),
                    .text(framework.predikat(of: total)?.code ?? "-", .cellCentered),
                ])
        return sheet
    }

    static func summarySheet(
        _ content: CompiledReportContent, compilation: Compilation, framework: Framework, overall: MeanRow
    ) -> Worksheet {
        var sheet = Worksheet(name: "Ringkasan", columnWidths: [44, 14, 14, 14, 12])
        LKEWorkbookRenderer.titleRows(
            ["RINGKASAN HASIL EVALUASI AKIP", "\(content.government.uppercased()) TAHUN \(content.evaluationYear)"],
            columns: 5, into: &sheet)
        sheet.appendHeadings([["Komponen", "Bobot", "Rata-rata", "Persentase", "Predikat"].map { .text($0, .header) }])
        for (i, column) in compilation.columns.enumerated() {
            let row = sheet.nextRow
            let percent = "ROUND(\(cellReference(row: row, column: 2))*100/\(cellReference(row: row, column: 1)),2)"
            sheet.append([
                .text(column.id == "total" ? "Nilai Akuntabilitas Kinerja" : column.title, .cellWrap),
                .number(column.weight), overall.formula(i, compilation.overall.means[i]),
                .formula(percent, cached: compilation.overall.percents[i], .percent),
                .text(compilation.overall.predikat[i] ?? "-", .cellCentered),
            ])
        }
        sheet.append([])
        sheet.append(["Predikat", "Jumlah PD"].map { .text($0, .header) })
        let firstCount = sheet.nextRow
        for (code, count) in compilation.overall.counts {
            sheet.append([.text(code, .cellCentered), .integer(count)])
        }
        let units = compilation.overall.units
        // A unit outside every band is counted in no line: then the sum would not be the number of PD.
        let counted = compilation.overall.counts.reduce(0) { $0 + $1.count }
        sheet.append([
            .text("Jumlah", .cellBold),
            counted == units && sheet.nextRow > firstCount
                ? .formula(
                    "SUM(\(columnRange(firstCount...(sheet.nextRow - 1), column: 1)))", cached: ExactDecimal(units),
                    .integer) : .integer(units),
        ])
        if let previous = previousMean(content, compilation) {
            sheet.append([])
            let mean = compilation.overall.means.last ?? .zero
            sheet.append(["Tahun", "Nilai", "Predikat"].map { .text($0, .header) })
            sheet.append([
                .text(String(content.previousYear ?? content.evaluationYear - 1), .cellCentered), .number(previous),
                .text(framework.predikat(of: previous)?.code ?? "-", .cellCentered),
            ])
            sheet.append([
                .text(String(content.evaluationYear), .cellCentered),
                overall.formula(compilation.columns.count - 1, mean),
                .text(framework.predikat(of: mean)?.code ?? "-", .cellCentered),
            ])
        }
        return sheet
    }
}
