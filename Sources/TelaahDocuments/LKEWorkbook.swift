import Foundation
import TelaahCore

/// One Perangkat Daerah's LKE (Lembar Kerja Evaluasi) as entered and scored.
public struct LKEUnit: Sendable {
    public var name: String
    public var input: AssessmentInput
    public var result: ScoreResult
    /// Notes per criterion id (`1.a.3`), when the evaluator wrote any.
    public var criterionNotes: [String: String]
    /// The current bukti dukung the reader may see, in the order added.
    public var evidence: [EvidenceEntry]

    public init(
        name: String, input: AssessmentInput, result: ScoreResult, criterionNotes: [String: String] = [:],
        evidence: [EvidenceEntry] = []
    ) {
        self.name = name
        self.input = input
        self.result = result
        self.criterionNotes = criterionNotes
        self.evidence = evidence
    }
}

/// One piece of a PD's bukti dukung (evidence) as the documents list it: a file with its hash, or
/// a link to a document kept elsewhere.
public struct EvidenceEntry: Sendable, Equatable {
    /// The criterion (`1.a.1`) or sub-component (`1.a`) it supports.
    public var target: String
    /// Added by the evaluation team rather than the PD.
    public var byTeam: Bool
    public var name: String
    public var version: Int
    /// Bytes of a file; nil for a link.
    public var size: Int64?
    public var url: String?
    public var sha256: String?
    public var addedBy: String
    /// When, as the interface writes it (`16 Oktober 2024 09.12 WIB`).
    public var addedAt: String

    public init(
        target: String, byTeam: Bool, name: String, version: Int, size: Int64?, url: String?, sha256: String?,
        addedBy: String, addedAt: String
    ) {
        self.target = target
        self.byTeam = byTeam
        self.name = name
        self.version = version
        self.size = size
        self.url = url
        self.sha256 = sha256
        self.addedBy = addedBy
        self.addedAt = addedAt
    }

    /// One line per piece in the LKE's "Daftar Evidence" column: name, version, who, when, and the
    /// hash (or the address) on the next line.
    var cellText: String {
        let who = byTeam ? "Tim" : "PD"
        let head = "\(name)\(version > 1 ? " (versi \(version))" : "") · \(who), \(addedAt)"
        if let sha256 { return head + "\nSHA-256 \(sha256)" }
        return head + "\n\(url ?? "")"
    }
}

/// The LKE workbook (seed 001 §C and §D): for one PD a summary sheet and the criteria sheet;
/// for a whole period the compiled table and one criteria sheet per PD.
public enum LKEWorkbookRenderer {
    static let notFilled = "Belum Diisi"

    public static func workbook(unit: LKEUnit, framework: Framework, government: String) -> Workbook {
        Workbook(
            title: "LKE AKIP \(unit.name)",
            sheets: [
                summarySheet(unit, framework: framework, government: government, name: "Rekapitulasi"),
                criteriaSheet(unit, framework: framework, government: government, name: "LKE"),
            ]
                + (unit.evidence.isEmpty
                    ? [] : [evidenceSheet([(unit.name, unit.evidence)], government: government, name: "Bukti Dukung")]))
    }

    /// The list of a PD's bukti dukung alone (the one inside the ZIP of its files).
    public static func evidenceWorkbook(unit: String, evidence: [EvidenceEntry], government: String) -> Workbook {
        Workbook(
            title: "Bukti Dukung \(unit)",
            sheets: [evidenceSheet([(unit, evidence)], government: government, name: "Bukti Dukung")])
    }

    /// Every piece of bukti dukung with who added it, when, its size and SHA-256 (a link: its
    /// address); with the PD's name when the sheet lists several.
    static func evidenceSheet(_ units: [(name: String, evidence: [EvidenceEntry])], government: String, name: String)
        -> Worksheet
    {
        let many = units.count > 1
        let headers =
            ["No"] + (many ? ["Perangkat Daerah"] : []) + [
                "Kriteria/Sub Komponen", "Oleh", "Nama", "Versi", "Ukuran", "SHA-256 / Alamat", "Diunggah oleh",
                "Waktu",
            ]
        var sheet = Worksheet(
            name: name, columnWidths: [6] + (many ? [36] : []) + [12, 7, 40, 7, 10, 68, 24, 24])
        sheet.landscape = true
        titleRows(
            ["DAFTAR BUKTI DUKUNG", government.uppercased()]
                + (many ? [] : ["PERANGKAT DAERAH \(units.first?.name.uppercased() ?? "")"]),
            columns: headers.count, into: &sheet)
        sheet.appendHeadings([headers.map { .text($0, .header) }])
        var n = 0
        for unit in units {
            for e in unit.evidence {
                n += 1
                sheet.append(
                    [.integer(n)] + (many ? [.text(unit.name, .cellWrap)] : []) + [
                        .text(e.target, .cellCentered), .text(e.byTeam ? "Tim" : "PD", .cellCentered),
                        .text(e.name, .cellWrap), .integer(e.version),
                        .text(e.size.map(Evidence.size) ?? "tautan", .cellWrap),
                        .text(e.sha256 ?? e.url ?? "", .cellWrap), .text(e.addedBy, .cellWrap),
                        .text(e.addedAt, .cellWrap),
                    ])
            }
        }
        if n == 0 { sheet.append([.blank(.cell), .text("Belum ada bukti dukung.", .cell)]) }
        return sheet
    }

    public static func workbook(
        units: [LKEUnit], compilation: Compilation, framework: Framework, government: String, year: Int
    ) -> Workbook {
        var sheets = [
            compiledSheet(
                compilation, framework: framework, name: "Kompilasi",
                title: ["NILAI HASIL EVALUASI AKIP PERANGKAT DAERAH", "\(government.uppercased()) TAHUN \(year)"])
        ]
        for (i, unit) in units.enumerated() {
            sheets.append(
                criteriaSheet(unit, framework: framework, government: government, name: "\(i + 1) \(unit.name)"))
        }
        if units.contains(where: { !$0.evidence.isEmpty }) {
            sheets.append(
                evidenceSheet(units.map { ($0.name, $0.evidence) }, government: government, name: "Bukti Dukung"))
        }
        return Workbook(title: "LKE AKIP \(government) Tahun \(year)", sheets: sheets)
    }

    static func titleRows(_ lines: [String], columns: Int, into sheet: inout Worksheet) {
        for line in lines {
            sheet.merge(row: sheet.nextRow, column: 0, columns: columns)
            sheet.append([.text(line, .title)])
        }
        sheet.append([])
    }

    /// §C: components and sub-components with weight, grade, score and percent.
    static func summarySheet(_ unit: LKEUnit, framework: Framework, government: String, name: String) -> Worksheet {
        var sheet = Worksheet(name: name, columnWidths: [7, 60, 9, 12, 10, 11])
        titleRows(
            [
                "LEMBAR KERJA EVALUASI", "AKUNTABILITAS KINERJA INSTANSI PEMERINTAH", government.uppercased(),
                "PERANGKAT DAERAH \(unit.name.uppercased())",
            ], columns: 6, into: &sheet)
        sheet.appendHeadings([
            ["No", "Komponen/Sub Komponen", "Bobot", "Nilai", "Skor", "%"].map { .text($0, .header) }
        ])
        let subs = Dictionary(unit.result.subcomponents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var componentRows: [Int] = []
        for component in framework.components {
            let c = unit.result.components.first { $0.id == component.id }
            let row = sheet.nextRow
            componentRows.append(row)
            sheet.append([
                .text(component.id, .cellBold), .text(component.title.uppercased(), .cellBold),
                .number(component.weight, .decimalBold), .blank(.cell),
                sum(c?.score, rows: row + 1, row + component.subcomponents.count, column: 4),
                percent(c?.percent, row: row),
            ])
            for sub in component.subcomponents {
                let r = subs[sub.id]
                sheet.append([
                    .text(sub.id, .cell), .text(sub.title, .cellWrap), .number(sub.weight),
                    .text(r?.grade ?? notFilled, .cellCentered), number(r?.score, bold: false),
                    percent(
                        r?.score.map { ExactDecimal.quotient(ExactDecimal(100).exactProduct($0) ?? .zero, sub.weight) },
                        row: sheet.nextRow),
                ])
            }
        }
        sheet.append(totalRow(unit.result, framework: framework, components: componentRows, column: 4, trailing: 1))
        return sheet
    }

    /// §D: every criterion with its answer, value, note and the evidence entered for it.
    static func criteriaSheet(_ unit: LKEUnit, framework: Framework, government: String, name: String) -> Worksheet {
        var sheet = Worksheet(name: name, columnWidths: [7, 60, 9, 11, 9, 12, 36, 40])
        // About 112 rows: across the page and down as many pages as they need, at a readable size.
        sheet.landscape = true
        titleRows(
            [
                "LEMBAR KRITERIA EVALUASI AKUNTABILITAS KINERJA PD", government.uppercased(),
                "PERANGKAT DAERAH \(unit.name.uppercased())",
            ], columns: 8, into: &sheet)
        sheet.appendHeadings([
            ["No", "Komponen/Sub Komponen/Kriteria", "Bobot", "Jawaban", "Nilai", "Skor", "Catatan", "Daftar Evidence"]
                .map { .text($0, .header) }
        ])
        var componentRows: [Int] = []
        let subs = Dictionary(unit.result.subcomponents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let evidence = Dictionary(grouping: unit.evidence, by: \.target).mapValues {
            $0.map(\.cellText).joined(separator: "\n")
        }
        for component in framework.components {
            let c = unit.result.components.first { $0.id == component.id }
            let row = sheet.nextRow
            componentRows.append(row)
            sheet.append([
                .text(component.id, .cellBold), .text(component.title.uppercased(), .cellBold),
                .number(component.weight, .decimalBold), .blank(.cell), .blank(.cell), .blank(.cell),
                .blank(.cell), .blank(.cell),
            ])
            for sub in component.subcomponents {
                let r = subs[sub.id]
                let input = unit.input.subcomponents[sub.id]
                let note = [r?.note, r?.justification.map { "Justifikasi: \($0)" }].compactMap { $0 }.joined(
                    separator: "\n")
                sheet.append([
                    .text(sub.id, .cellBold), .text(sub.title, .cellBold), .number(sub.weight, .decimalBold),
                    .blank(.cell), .text(r?.grade ?? notFilled, .cellCentered), number(r?.score, bold: true),
                    .text(note, .cellWrap), .text(evidence[sub.id] ?? "", .cellWrap),
                ])
                sheet.append([.blank(.cell), .text("Kriteria:", .cell)] + Array(repeating: .blank(.cell), count: 6))
                for criterion in sub.criteria {
                    let number = String(criterion.id.split(separator: ".").last ?? "")
                    var answerText = "-"
                    var value: SheetCell = .blank(.cell)
                    switch input?.answers[criterion.id] {
                    case .code(let code):
                        answerText = code
                        if let v = framework.answerType(criterion.answerType)?.option(code)?.value {
                            value = .number(v)
                        }
                    case .notApplicable:
                        answerText = "N/A"
                    case nil: break
                    }
                    sheet.append([
                        .text(number, .cellCentered), .text(criterion.text, .cellWrap), .blank(.cell),
                        .text(answerText, .cellCentered), value, .blank(.cell),
                        .text(unit.criterionNotes[criterion.id] ?? notApplicableReason(input, criterion.id), .cellWrap),
                        .text(evidence[criterion.id] ?? "", .cellWrap),
                    ])
                }
            }
            // The sub-components' scores are the only figures in column F below their component.
            sheet.rows[row][5] = sum(c?.score, rows: row + 1, sheet.nextRow - 1, column: 5)
        }
        sheet.append(
            totalRow(unit.result, framework: framework, components: componentRows, column: 5, gap: 1, trailing: 2))
        return sheet
    }

    static func notApplicableReason(_ input: SubcomponentInput?, _ criterion: String) -> String {
        if case .notApplicable(let reason) = input?.answers[criterion] { return "Tidak relevan: \(reason)" }
        return ""
    }

    static func number(_ value: ExactDecimal?, bold: Bool) -> SheetCell {
        value.map { .number($0, bold ? .decimalBold : .decimal) } ?? .blank(.cell)
    }

    /// A score as the sum of the scores in `column` from row `first` to `last`, so that it follows a
    /// corrected figure; blank when there is no score.
    static func sum(_ value: ExactDecimal?, rows first: Int, _ last: Int, column: Int) -> SheetCell {
        guard let value else { return .blank(.cell) }
        guard first <= last else { return .number(value, .decimalBold) }
        return .formula("SUM(\(columnRange(first...last, column: column)))", cached: value, .decimalBold)
    }

    /// The score (column E) as a percent of the weight (column C), rounded to two decimals as the core does.
    static func percent(_ value: ExactDecimal?, row: Int) -> SheetCell {
        guard let value else { return .blank(.cell) }
        let score = cellReference(row: row, column: 4)
        let weight = cellReference(row: row, column: 2)
        return .formula("ROUND(\(score)*100/\(weight),2)", cached: value, .percent)
    }

    /// "Nilai Akuntabilitas Kinerja" with the total weight, predikat (in the grade's column, after
    /// `gap` blanks) and the total: the sum of the component scores in `column` of `components`.
    static func totalRow(
        _ result: ScoreResult, framework: Framework, components: [Int], column: Int, gap: Int = 0, trailing: Int
    ) -> [SheetCell] {
        var row: [SheetCell] = [.blank(.cell)]
        row.append(.text("NILAI AKUNTABILITAS KINERJA", .cellBold))
        row.append(.number(framework.totalWeight, .decimalBold))
        row += Array(repeating: .blank(.cell), count: gap)
        row.append(.text(result.predikat?.code ?? notFilled, .cellCentered))
        if let total = result.total {
            let cells = components.map { cellReference(row: $0, column: column) }.joined(separator: ",")
            row.append(.formula("SUM(\(cells))", cached: total, .decimalBold))
        } else {
            row.append(.blank(.cell))
        }
        row += Array(repeating: .blank(.cell), count: trailing)
        return row
    }

    /// Tabel 4's shape: every PD with its component scores, total and kategori, then the mean.
    public static func compiledSheet(
        _ compilation: Compilation, framework: Framework, name: String, title: [String],
        units: [CompiledUnit]? = nil, mean: GroupFigures? = nil
    ) -> Worksheet {
        let components = framework.components
        var sheet = Worksheet(name: name, columnWidths: [6, 50] + components.map { _ in 13 } + [12, 10])
        sheet.landscape = true
        let columns = components.count + 4
        titleRows(title, columns: columns, into: &sheet)
        sheet.appendHeadings([
            [.text("No", .header), .text("Nama Perangkat Daerah", .header)]
                + components.map { .text($0.title, .header) }
                + [.text("Total Nilai", .header), .text("Kategori", .header)],
            [.blank(.header), .blank(.header)]
                + components.map { .text("Bobot (\($0.weight.shortIndonesian))", .header) }
                + [.blank(.header), .blank(.header)],
        ])
        let headerRow = sheet.nextRow - 2
        sheet.merge(row: headerRow, column: 0, rows: 2, columns: 1)
        sheet.merge(row: headerRow, column: 1, rows: 2, columns: 1)
        sheet.merge(row: headerRow, column: components.count + 2, rows: 2, columns: 1)
        sheet.merge(row: headerRow, column: components.count + 3, rows: 2, columns: 1)
        let firstUnit = sheet.nextRow
        for (i, unit) in (units ?? compilation.units).enumerated() {
            let row = sheet.nextRow
            let scores =
                "\(cellReference(row: row, column: 2)):\(cellReference(row: row, column: components.count + 1))"
            sheet.append(
                [.integer(i + 1), .text(unit.name, .cellWrap)] + unit.components.map { .number($0) }
                    + [
                        components.isEmpty
                            ? .number(unit.total, .decimalBold)
                            : .formula("SUM(\(scores))", cached: unit.total, .decimalBold),
                        .text(unit.predikat ?? "-", .cellCentered),
                    ])
        }
        let lastUnit = sheet.nextRow - 1
        let figures = mean ?? compilation.overall
        // The core rounds each mean half up to two decimals once; ROUND gives the same figure.
        sheet.append(
            [.blank(.cellBold), .text("Rata-rata", .cellBold)]
                + figures.means.enumerated().map { j, value in
                    firstUnit <= lastUnit
                        ? .formula(
                            "ROUND(AVERAGE(\(columnRange(firstUnit...lastUnit, column: 2 + j))),2)", cached: value,
                            .decimalBold) : .number(value, .decimalBold)
                }
                + [.text(figures.predikat.last.flatMap { $0 } ?? "-", .cellCentered)])
        return sheet
    }
}
