/// The list of a regency's Perangkat Daerah as an admin imports it: CSV with a header naming the
/// column `perangkat_daerah` (or `nama`) and, optionally, `cluster` (or `klaster`). All rows or
/// none: a fault names its line.
public enum UnitList {
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var name: String
        public var cluster: String?
    }

    public static func read(_ text: String) throws(TableError) -> [Row] {
        let records = try DelimitedText.parse(text)
        guard let header = records.first else { throw TableError(line: nil, column: nil, message: "kosong.") }
        let keys = header.fields.map { UnitTableReader.slug($0) }
        guard let nameIndex = keys.firstIndex(where: { ["perangkat_daerah", "nama", "name"].contains($0) }) else {
            throw TableError(line: 1, column: nil, message: "kolom perangkat_daerah tidak ada.")
        }
        let clusterIndex = keys.firstIndex { ["cluster", "klaster"].contains($0) }
        var rows: [Row] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw TableError(line: record.line, column: nil, message: "jumlah kolom tidak sama dengan header.")
            }
            let name = String(record.fields[nameIndex].trimmingWhitespace())
            guard !name.isEmpty else { throw TableError(line: record.line, column: nil, message: "nama kosong.") }
            if rows.contains(where: { $0.name == name }) {
                throw TableError(line: record.line, column: nil, message: "\"\(name)\" ditulis dua kali.")
            }
            let cluster = clusterIndex.map { String(record.fields[$0].trimmingWhitespace()) }
            rows.append(Row(line: record.line, name: name, cluster: cluster?.isEmpty == false ? cluster : nil))
        }
        return rows
    }
}

/// The number of an LHE from the regency's pattern (`700/{seq}/LHE-AKIP/INSPEKTORAT/{year}`).
public enum LHENumber {
    public static let defaultPattern = "700/{seq}/LHE-AKIP/INSPEKTORAT/{year}"

    public static func format(pattern: String?, sequence: String, year: Int) -> String {
        let pattern = pattern.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 } ?? defaultPattern
        return pattern.replacing("{seq}", with: sequence)
            .replacing("{year}", with: String(year))
    }

    /// Nil when `pattern` may number LHE (empty: the default), else why not.
    public static func patternProblem(_ pattern: String) -> RuleViolation? {
        pattern.trimmingWhitespace().isEmpty || pattern.contains("{seq}")
            ? nil : RuleViolation("Pola Nomor LHE harus memuat {seq} (nomor urut).")
    }
}
