/// A printed figure that does not follow from the rows of its table.
public struct Discrepancy: Sendable, Equatable, CustomStringConvertible {
    /// Machine path: `rows[46].total_nilai`, `printed_mean_all_units[0]`.
    public var path: String
    /// Where a reader finds it, in Indonesian: `baris 47 (Kecamatan Sembawa), total_nilai`.
    public var location: String
    /// The line of the file, when the figure comes from a table row.
    public var line: Int?
    public var printed: String
    public var expected: String
    public var description: String { "\(location): tercetak \(printed), seharusnya \(expected)" }
}

/// The summary figures a published compilation prints (the shape of
/// `Tests/Fixtures/banyuasin-2024-published-summary.json`), every field optional.
public struct PublishedSummary: Sendable, Equatable {
    public struct Figure: Sendable, Equatable {
        public var values: [ExactDecimal]
        public var predikat: String?
    }
    public var weights: [ExactDecimal]?
    public var meanAllUnits: [ExactDecimal]?
    public var meanAllUnitsPredikat: String?
    public var componentPercentOfWeight: [ExactDecimal]?
    /// In the order printed.
    public var clusterMeans: [(name: String, figure: Figure)]?
    public var meanOfClusterMeans: [ExactDecimal]?
    public var finalValue: (value: ExactDecimal, predikat: String?)?
    public var predikatCounts: [(code: String, count: Int)]?
    public var previousYear: (value: ExactDecimal, predikat: String?)?

    public init() {}

    public static func == (lhs: PublishedSummary, rhs: PublishedSummary) -> Bool {
        lhs.weights == rhs.weights && lhs.meanAllUnits == rhs.meanAllUnits
            && lhs.meanAllUnitsPredikat == rhs.meanAllUnitsPredikat
            && lhs.componentPercentOfWeight == rhs.componentPercentOfWeight
            && lhs.meanOfClusterMeans == rhs.meanOfClusterMeans
            && lhs.clusterMeans?.map(\.name) == rhs.clusterMeans?.map(\.name)
            && lhs.clusterMeans?.map(\.figure) == rhs.clusterMeans?.map(\.figure)
            && lhs.finalValue?.value == rhs.finalValue?.value && lhs.finalValue?.predikat == rhs.finalValue?.predikat
            && lhs.predikatCounts?.map(\.code) == rhs.predikatCounts?.map(\.code)
            && lhs.predikatCounts?.map(\.count) == rhs.predikatCounts?.map(\.count)
            && lhs.previousYear?.value == rhs.previousYear?.value
            && lhs.previousYear?.predikat == rhs.previousYear?.predikat
    }

    /// Reads the summary JSON; numbers are read exactly. Unknown keys are an error (a typo would
    /// otherwise silently skip a check). `source`, `note` and `columns` are descriptive.
    public static func parse(_ text: String) throws(TableError) -> PublishedSummary {
        let root: JSONValue
        do { root = try JSONValue.parse(text) } catch {
            throw TableError(line: error.line, column: nil, message: "JSON tidak sah: \(error.message)")
        }
        guard let members = root.members else {
            throw TableError(line: 1, column: nil, message: "ringkasan harus berupa objek JSON")
        }
        var s = PublishedSummary()
        func fail(_ key: String, _ message: String) -> TableError {
            TableError(line: nil, column: key, message: message)
        }
        func numbers(_ key: String, _ v: JSONValue) throws(TableError) -> [ExactDecimal] {
            guard let items = v.elements else { throw fail(key, "harus berupa daftar angka") }
            var out: [ExactDecimal] = []
            for item in items {
                guard let d = item.decimalValue else { throw fail(key, "\(item.kindName) bukan angka") }
                out.append(d)
            }
            return out
        }
        func valueAndPredikat(_ key: String, _ v: JSONValue) throws(TableError) -> (ExactDecimal, String?) {
            guard let value = v["value"]?.decimalValue else { throw fail(key, "\"value\" (angka) wajib ada") }
            return (value, v["predikat"]?.stringValue)
        }
        for (key, value) in members {
            switch key {
            case "source", "note", "columns": continue
            case "weights": s.weights = try numbers(key, value)
            case "printed_mean_all_units": s.meanAllUnits = try numbers(key, value)
            case "printed_mean_all_units_predikat": s.meanAllUnitsPredikat = value.stringValue
            case "printed_component_percent_of_weight": s.componentPercentOfWeight = try numbers(key, value)
            case "printed_tabel8_mean_of_cluster_means": s.meanOfClusterMeans = try numbers(key, value)
            case "printed_cluster_means":
                guard let clusters = value.members else { throw fail(key, "harus berupa objek per klaster") }
                var list: [(String, Figure)] = []
                for (name, figure) in clusters {
                    guard let values = figure["values"] else { throw fail("\(key).\(name)", "\"values\" wajib ada") }
                    list.append(
                        (
                            name,
                            Figure(
                                values: try numbers("\(key).\(name)", values), predikat: figure["predikat"]?.stringValue
                            )
                        ))
                }
                s.clusterMeans = list
            case "printed_tabel8_final_value": s.finalValue = try valueAndPredikat(key, value)
            case "printed_previous_year": s.previousYear = try valueAndPredikat(key, value)
            case "printed_predikat_counts":
                guard let counts = value.members else { throw fail(key, "harus berupa objek predikat: jumlah") }
                var list: [(String, Int)] = []
                for (code, n) in counts {
                    guard case .number(let text) = n, let count = Int(text) else {
                        throw fail("\(key).\(code)", "jumlah harus bilangan bulat")
                    }
                    list.append((code, count))
                }
                s.predikatCounts = list
            default: throw fail(key, "kunci \"\(key)\" tidak dikenal")
            }
        }
        return s
    }
}

/// Checks a published compilation: every printed figure against what follows from its rows.
public enum PublishedChecker {
    public static func check(rows: [UnitRow], summary: PublishedSummary?, framework: Framework) -> [Discrepancy] {
        var found: [Discrepancy] = []
        let names = framework.components.map { UnitTableReader.slug($0.title) }
        func row(_ i: Int) -> String { "baris \(rows[i].line) (\(rows[i].name))" }
        func show(_ d: ExactDecimal) -> String { d.indonesian() }

        // Rows: each component within its weight, the total the sum, the kategori the total's predikat.
        for (i, r) in rows.enumerated() {
            for (c, value) in r.components.enumerated() where value < .zero || value > framework.components[c].weight {
                found.append(
                    .init(
                        path: "rows[\(i)].\(names[c])", location: "\(row(i)), \(names[c])", line: r.line,
                        printed: show(value),
                        expected: "0 sampai \(show(framework.components[c].weight)) (bobot komponen)"))
            }
            let total = r.computedTotal
            if let printed = r.printedTotal, printed != total {
                found.append(
                    .init(
                        path: "rows[\(i)].total_nilai", location: "\(row(i)), total_nilai", line: r.line,
                        printed: r.printedTotalText ?? show(printed), expected: show(total)))
            }
            let expectedKategori = framework.predikat(of: total)?.code ?? "-"
            if let printed = r.printedKategori, printed != expectedKategori {
                found.append(
                    .init(
                        path: "rows[\(i)].kategori", location: "\(row(i)), kategori", line: r.line, printed: printed,
                        expected: "\(expectedKategori) (dari total \(show(total)))"))
            }
        }
        guard let summary else { return found }
        guard let compilation = try? Compiler.compile(rows.map(\.scores), framework: framework) else { return found }
        let columnNames = names + ["total_nilai"]
        let overall = compilation.overall

        func compare(_ path: String, _ label: String, printed: [ExactDecimal]?, expected: [ExactDecimal]) {
            guard let printed else { return }
            if printed.count != expected.count {
                found.append(
                    .init(
                        path: path, location: label, line: nil, printed: "\(printed.count) angka",
                        expected: "\(expected.count) angka"))
                return
            }
            for (k, (p, e)) in zip(printed, expected).enumerated() where p != e {
                let column = k < columnNames.count ? columnNames[k] : "#\(k)"
                found.append(
                    .init(
                        path: "\(path)[\(k)]", location: "\(label), \(column)", line: nil, printed: show(p),
                        expected: show(e)))
            }
        }
        func compareCode(_ path: String, _ label: String, printed: String?, expected: String?) {
            guard let printed, printed != (expected ?? "-") else { return }
            found.append(.init(path: path, location: label, line: nil, printed: printed, expected: expected ?? "-"))
        }

        compare(
            "weights", "bobot komponen", printed: summary.weights,
            expected: framework.components.map(\.weight) + [framework.totalWeight])
        compare(
            "printed_mean_all_units", "rata-rata seluruh Perangkat Daerah", printed: summary.meanAllUnits,
            expected: overall.means)
        compareCode(
            "printed_mean_all_units_predikat", "predikat rata-rata seluruh Perangkat Daerah",
            printed: summary.meanAllUnitsPredikat, expected: overall.predikat.last!)
        compare(
            "printed_component_percent_of_weight", "persentase rata-rata terhadap bobot",
            printed: summary.componentPercentOfWeight, expected: Array(overall.percents.dropLast()))
        for (name, figure) in summary.clusterMeans ?? [] {
            let path = "printed_cluster_means.\(name)"
            guard let cluster = compilation.clusters.first(where: { $0.name == name }) else {
                found.append(
                    .init(
                        path: path, location: "rata-rata klaster \(name)", line: nil, printed: "klaster \(name)",
                        expected: "tidak ada baris berklaster \(name)"))
                continue
            }
            compare("\(path).values", "rata-rata klaster \(name)", printed: figure.values, expected: cluster.means)
            compareCode(
                "\(path).predikat", "predikat rata-rata klaster \(name)", printed: figure.predikat,
                expected: cluster.predikat.last!)
        }
        if let printed = summary.meanOfClusterMeans, let meanOfMeans = compilation.meanOfClusterMeans {
            // Tabel 8 prints the components only; the total column is compared when printed.
            compare(
                "printed_tabel8_mean_of_cluster_means", "rata-rata dari rata-rata klaster (Tabel 8)",
                printed: printed, expected: Array(meanOfMeans.means.prefix(max(printed.count, 1))))
        }
        if let final = summary.finalValue {
            // The final value of the combined sheet is the regency's value: the mean of all units.
            if final.value != overall.means.last! {
                found.append(
                    .init(
                        path: "printed_tabel8_final_value.value", location: "nilai akuntabilitas kinerja (Tabel 8)",
                        line: nil, printed: show(final.value), expected: show(overall.means.last!)))
            }
            compareCode(
                "printed_tabel8_final_value.predikat", "predikat nilai akuntabilitas kinerja (Tabel 8)",
                printed: final.predikat, expected: overall.predikat.last!)
        }
        if let counts = summary.predikatCounts {
            for (code, count) in overall.counts {
                let printed = counts.first { $0.code == code }?.count
                if printed == nil && count == 0 { continue }
                if printed != count {
                    found.append(
                        .init(
                            path: "printed_predikat_counts.\(code)",
                            location: "jumlah Perangkat Daerah berpredikat \(code)",
                            line: nil, printed: printed.map(String.init) ?? "(tidak dicetak)", expected: String(count)))
                }
            }
            for (code, count) in counts where !overall.counts.contains(where: { $0.code == code }) {
                found.append(
                    .init(
                        path: "printed_predikat_counts.\(code)",
                        location: "jumlah Perangkat Daerah berpredikat \(code)",
                        line: nil, printed: String(count), expected: "predikat \(code) tidak ada di kerangka"))
            }
        }
        if let previous = summary.previousYear {
            compareCode(
                "printed_previous_year.predikat", "predikat tahun sebelumnya (\(show(previous.value)))",
                printed: previous.predikat, expected: framework.predikat(of: previous.value)?.code)
        }
        return found
    }
}
