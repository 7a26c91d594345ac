/// A fault in a table's text, with its 1-based line and column name when known.
public struct TableError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var column: String?
    public var message: String
    public var description: String {
        var place: [String] = []
        if let line { place.append("baris \(line)") }
        if let column { place.append("kolom \(column)") }
        return place.isEmpty ? message : "\(place.joined(separator: ", ")): \(message)"
    }
}

/// Comma-separated text (RFC 4180: quoted fields may hold commas, quotes and line breaks).
public enum DelimitedText {
    /// The records with the line each starts on. Blank lines are skipped.
    public static func parse(_ text: String, separator: Character = ",") throws(TableError) -> [(
        line: Int, fields: [String]
    )] {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var fieldStarted = false
        var iterator = text.replacingCRLF().makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.append("\"")
                        } else {
                            inQuotes = false
                            pending = following
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where !fieldStarted || field.isEmpty:
                inQuotes = true
                fieldStarted = true
            case separator:
                fields.append(field)
                field = ""
                fieldStarted = false
            case "\n":
                fields.append(field)
                if !(fields.count == 1 && fields[0].trimmingWhitespace().isEmpty) {
                    records.append((recordLine, fields))
                }
                fields = []
                field = ""
                fieldStarted = false
                line += 1
                recordLine = line
            default:
                field.append(c)
                fieldStarted = true
            }
        }
        if inQuotes { throw TableError(line: recordLine, column: nil, message: "tanda petik tidak ditutup") }
        if fieldStarted || !fields.isEmpty {
            fields.append(field)
            if !(fields.count == 1 && fields[0].trimmingWhitespace().isEmpty) { records.append((recordLine, fields)) }
        }
        return records
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for c in unicodeScalars {
            if c == "\r" {
                out.unicodeScalars.append("\n")
                previousCR = true
                continue
            }
            if c == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.unicodeScalars.append(c)
        }
        return out
    }
}

/// One row of a table of Perangkat Daerah scores, as printed.
public struct UnitRow: Sendable, Equatable {
    /// The line of the file the row starts on.
    public var line: Int
    /// The printed row number, if any.
    public var number: String?
    public var name: String
    public var cluster: String?
    /// Component scores in framework order.
    public var components: [ExactDecimal]
    public var printedTotal: ExactDecimal?
    /// The total exactly as printed (`75,7`).
    public var printedTotalText: String?
    public var printedKategori: String?

    public init(
        line: Int = 0, number: String? = nil, name: String, cluster: String? = nil, components: [ExactDecimal],
        printedTotal: ExactDecimal? = nil, printedTotalText: String? = nil, printedKategori: String? = nil
    ) {
        self.line = line
        self.number = number
        self.name = name
        self.cluster = cluster
        self.components = components
        self.printedTotal = printedTotal
        self.printedTotalText = printedTotalText
        self.printedKategori = printedKategori
    }

    public var computedTotal: ExactDecimal { components.reduce(.zero, +) }

    /// The row as input to a compilation (printed total and kategori are not used: they are
    /// computed).
    public var scores: UnitScores { UnitScores(name: name, cluster: cluster, components: components) }
}

/// Reads a table of Perangkat Daerah scores in the shape of Tabel 4 of a Laporan Kompilasi:
/// a header row, then one row per PD.
///
/// Columns, recognised by header name (case and spacing ignored): `no`; the PD's name
/// (`perangkat_daerah`, `nama`, `name`, `unit`); `cluster` / `klaster` (optional); one column per
/// framework component, named by its title in snake case (`perencanaan_kinerja`) or `komponen_1`;
/// `total_nilai` / `total` (optional) and `kategori` / `predikat` (optional).
/// Numbers are read as published: `08,55`, `75,7`, or with a decimal point.
public enum UnitTableReader {
    public static func read(_ text: String, framework: Framework) throws(TableError) -> [UnitRow] {
        let records = try DelimitedText.parse(text)
        guard let header = records.first else { throw TableError(line: nil, column: nil, message: "tabel kosong") }
        enum Role: Equatable {
            case number, name, cluster, total, kategori
            case component(Int)
        }
        var roles: [Role] = []
        let componentKeys = framework.components.map { c in
            Set([slug(c.title), "komponen_\(c.id)", c.id, "component_\(c.id)"])
        }
        for raw in header.fields {
            let key = slug(raw)
            let role: Role?
            switch key {
            case "no", "nomor", "number": role = .number
            case "perangkat_daerah", "nama", "name", "unit", "nama_perangkat_daerah", "opd": role = .name
            case "cluster", "klaster", "kluster": role = .cluster
            case "total_nilai", "total", "nilai", "nilai_akhir": role = .total
            case "kategori", "predikat": role = .kategori
            default: role = componentKeys.firstIndex { $0.contains(key) }.map { .component($0) }
            }
            guard let role else {
                let known = framework.components.map { slug($0.title) }.joined(separator: ", ")
                throw TableError(
                    line: header.line, column: raw,
                    message: "kolom \"\(raw)\" tidak dikenal; kolom komponen kerangka \(framework.id): \(known)")
            }
            if roles.contains(role) {
                throw TableError(line: header.line, column: raw, message: "kolom \"\(raw)\" muncul dua kali")
            }
            roles.append(role)
        }
        guard roles.contains(.name) else {
            throw TableError(
                line: header.line, column: nil, message: "kolom nama Perangkat Daerah (perangkat_daerah) tidak ada")
        }
        for (i, c) in framework.components.enumerated() where !roles.contains(.component(i)) {
            throw TableError(line: header.line, column: nil, message: "kolom komponen \"\(slug(c.title))\" tidak ada")
        }
        var rows: [UnitRow] = []
        for record in records.dropFirst() {
            guard record.fields.count == roles.count else {
                throw TableError(
                    line: record.line, column: nil,
                    message: "baris berisi \(record.fields.count) kolom, header \(roles.count)")
            }
            var row = UnitRow(
                line: record.line, name: "", components: Array(repeating: .zero, count: framework.components.count))
            for (role, (raw, cell)) in zip(roles, zip(header.fields, record.fields)) {
                let value = String(cell.trimmingWhitespace())
                switch role {
                case .number: row.number = value.isEmpty ? nil : value
                case .name: row.name = value
                case .cluster: row.cluster = value.isEmpty ? nil : value
                case .kategori: row.printedKategori = value.isEmpty ? nil : value
                case .total:
                    guard !value.isEmpty else { continue }
                    guard let number = ExactDecimal(parsing: value) else {
                        throw TableError(line: record.line, column: raw, message: "\"\(value)\" bukan angka")
                    }
                    row.printedTotal = number
                    row.printedTotalText = value
                case .component(let i):
                    guard let number = ExactDecimal(parsing: value) else {
                        throw TableError(
                            line: record.line, column: raw,
                            message: value.isEmpty ? "nilai kosong" : "\"\(value)\" bukan angka")
                    }
                    row.components[i] = number
                }
            }
            guard !row.name.isEmpty else {
                throw TableError(line: record.line, column: nil, message: "nama Perangkat Daerah kosong")
            }
            rows.append(row)
        }
        guard !rows.isEmpty else { throw TableError(line: nil, column: nil, message: "tabel tanpa baris data") }
        return rows
    }

    /// `Evaluasi Akuntabilitas Kinerja Internal` → `evaluasi_akuntabilitas_kinerja_internal`.
    public static func slug(_ text: String) -> String {
        var out = ""
        var lastUnderscore = true
        for c in text.lowercased() {
            if c.isLetter || c.isNumber {
                out.append(c)
                lastUnderscore = false
            } else if !lastUnderscore {
                out.append("_")
                lastUnderscore = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }
}
