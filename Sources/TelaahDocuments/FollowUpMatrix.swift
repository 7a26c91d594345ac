import Foundation
import TelaahCore

/// One recommendation as the follow-up matrix lists it (seed 000, recommendations D.1 and E: a
/// matrix of the recommendations and their follow-up per PD).
public struct FollowUpMatrixRow: Sendable, Equatable {
    public var unit: String
    /// `2024-1.c-1`.
    public var code: String
    public var subcomponent: String
    public var recommendation: String
    /// Each planned action with who is in charge and by when.
    public var actions: [String]
    /// What the PD reported doing.
    public var realisations: [String]
    public var status: String
    /// The Inspektorat's reason (belum sesuai, tidak dapat ditindaklanjuti).
    public var reason: String
    public var overdue: Bool

    public init(
        unit: String, code: String, subcomponent: String, recommendation: String, actions: [String],
        realisations: [String], status: String, reason: String, overdue: Bool
    ) {
        self.unit = unit
        self.code = code
        self.subcomponent = subcomponent
        self.recommendation = recommendation
        self.actions = actions
        self.realisations = realisations
        self.status = status
        self.reason = reason
        self.overdue = overdue
    }
}

/// A PD's follow-up in one line: its counts and rate.
public struct FollowUpMatrixUnit: Sendable, Equatable {
    public var unit: String
    public var plan: String
    public var tally: FollowUp.Tally
    public var overdue: Int

    public init(unit: String, plan: String, tally: FollowUp.Tally, overdue: Int) {
        self.unit = unit
        self.plan = plan
        self.tally = tally
        self.overdue = overdue
    }
}

public enum FollowUpMatrixRenderer {
    /// The matrix (every recommendation) and the summary per PD, for the LHE of `year`.
    public static func workbook(
        rows: [FollowUpMatrixRow], units: [FollowUpMatrixUnit], government: String, year: Int
    ) -> Workbook {
        var matrix = Worksheet(name: "Matriks Tindak Lanjut", columnWidths: [6, 30, 9, 48, 48, 40, 16, 30, 10])
        matrix.landscape = true
        let title = ["MATRIKS TINDAK LANJUT REKOMENDASI HASIL EVALUASI AKIP TAHUN \(year)", government.uppercased()]
        let headers = [
            "No", "Perangkat Daerah", "Sub Komponen", "Rekomendasi", "Rencana Aksi", "Realisasi", "Status",
            "Keterangan", "Lewat Batas",
        ]
        LKEWorkbookRenderer.titleRows(title, columns: headers.count, into: &matrix)
        matrix.appendHeadings([headers.map { .text($0, .header) }])
        for (i, r) in rows.enumerated() {
            matrix.append([
                .integer(i + 1), .text(r.unit, .cellWrap), .text(r.subcomponent, .cellCentered),
                .text(r.recommendation, .cellWrap), .text(r.actions.joined(separator: "\n"), .cellWrap),
                .text(r.realisations.joined(separator: "\n"), .cellWrap), .text(r.status, .cellWrap),
                .text(r.reason, .cellWrap), .text(r.overdue ? "Ya" : "", .cellCentered),
            ])
        }
        if rows.isEmpty {
            matrix.append([.blank(.cell), .text("Belum ada rekomendasi dari LHE yang ditandatangani.", .cell)])
        }

        let summary = summarySheet(units, year: year, name: "Rekap per PD")
        return Workbook(title: "Tindak Lanjut \(government) Tahun \(year)", sheets: [matrix, summary])
    }

    /// A line per PD with its counts and rate, and their sum.
    public static func summarySheet(_ units: [FollowUpMatrixUnit], year: Int, name: String) -> Worksheet {
        var summary = Worksheet(name: name, columnWidths: [6, 40, 22, 10, 10, 12, 14, 14, 12, 12])
        summary.landscape = true
        let columns = [
            "No", "Perangkat Daerah", "Rencana Aksi", "Rekomendasi", "Sesuai", "Dalam Proses", "Belum Ditindaklanjuti",
            "Tidak Dapat Ditindaklanjuti", "% Tindak Lanjut", "Lewat Batas",
        ]
        LKEWorkbookRenderer.titleRows(
            ["REKAPITULASI TINDAK LANJUT REKOMENDASI PER PERANGKAT DAERAH", "HASIL EVALUASI TAHUN \(year)"],
            columns: columns.count, into: &summary)
        summary.appendHeadings([columns.map { .text($0, .header) }])
        let first = summary.nextRow
        var all = FollowUp.Tally()
        for (i, u) in units.enumerated() {
            summary.append(
                row(number: i + 1, name: u.unit, plan: u.plan, tally: u.tally, overdue: u.overdue, at: summary.nextRow))
            all.add(u.tally)
        }
        let overdue = units.reduce(0) { $0 + $1.overdue }
        var total = row(number: nil, name: "Jumlah", plan: "", tally: all, overdue: overdue, at: summary.nextRow)
        total[1] = .text("Jumlah", .cellBold)
        if !units.isEmpty {
            // The counts are sums of the lines above, so that a corrected count carries into the total and rate.
            let rows = first...(summary.nextRow - 1)
            let counts = [all.total, all.compliant, all.inProgress, all.open, all.impossible]
            for (k, count) in counts.enumerated() {
                total[3 + k] = .formula(
                    "SUM(\(columnRange(rows, column: 3 + k)))", cached: ExactDecimal(count), .integer)
            }
            total[9] = .formula("SUM(\(columnRange(rows, column: 9)))", cached: ExactDecimal(overdue), .integer)
        }
        summary.append(total)
        return summary
    }

    /// A line of counts; the rate is a formula over them (compliant × 100 / (all − impossible), two decimals).
    static func row(number: Int?, name: String, plan: String, tally: FollowUp.Tally, overdue: Int, at row: Int)
        -> [SheetCell]
    {
        let ref = { (column: Int) in cellReference(row: row, column: column) }
        return [
            number.map { .integer($0) } ?? .blank(.cell), .text(name, .cellWrap), .text(plan, .cellWrap),
            .integer(tally.total), .integer(tally.compliant), .integer(tally.inProgress), .integer(tally.open),
            .integer(tally.impossible),
            tally.rate.map { .formula("ROUND(\(ref(4))*100/\(ref(3)),2)", cached: $0, .decimal) }
                ?? .text("—", .cellCentered),
            .integer(overdue),
        ]
    }
}
