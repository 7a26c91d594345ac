/// The scores of one Perangkat Daerah, as input to a compilation.
public struct UnitScores: Sendable, Equatable {
    public var name: String
    public var cluster: String?
    /// Component scores in framework order.
    public var components: [ExactDecimal]

    public init(name: String, cluster: String? = nil, components: [ExactDecimal]) {
        self.name = name
        self.cluster = cluster
        self.components = components
    }

    public var total: ExactDecimal { components.reduce(.zero, +) }
}

/// One column of a compiled table: a component, or the total.
public struct CompiledColumn: Sendable, Equatable {
    /// Component id, or `total`.
    public var id: String
    public var title: String
    public var weight: ExactDecimal
}

/// A group's figures per column (components, then the total).
///
/// Figures as shown, two decimals, rounded half up once from the exact value. Percentages and
/// predikat are taken on the shown mean, so a reader who recomputes them from the printed mean
/// gets the printed figure.
public struct GroupFigures: Sendable, Equatable {
    public var name: String
    /// How many figures each mean is taken over: units, or clusters for the mean of cluster means.
    public var units: Int
    public var means: [ExactDecimal]
    /// Mean as percent of the column's weight.
    public var percents: [ExactDecimal]
    /// Predikat code of each column's percent (for the total column: of the mean total).
    public var predikat: [String?]
    /// Units per predikat of their total, best first, every band listed.
    public var counts: [(code: String, count: Int)]

    public static func == (lhs: GroupFigures, rhs: GroupFigures) -> Bool {
        lhs.name == rhs.name && lhs.units == rhs.units && lhs.means == rhs.means && lhs.percents == rhs.percents
            && lhs.predikat == rhs.predikat && lhs.counts.elementsEqual(rhs.counts) { $0 == $1 }
    }
}

public struct CompiledUnit: Sendable, Equatable {
    public var name: String
    public var cluster: String?
    public var components: [ExactDecimal]
    public var total: ExactDecimal
    public var predikat: String?
    /// 1 = best; units with the same total share a rank (1, 2, 2, 4).
    public var rank: Int
}

/// Year over year: this compilation against a previous year's figures.
public struct YearOverYear: Sendable, Equatable {
    public struct UnitChange: Sendable, Equatable {
        public var name: String
        public var previousTotal: ExactDecimal?
        public var previousPredikat: String?
        public var currentTotal: ExactDecimal?
        public var currentPredikat: String?
        /// current − previous, when both exist.
        public var change: ExactDecimal?
    }
    public var previous: GroupFigures
    /// Change of the shown mean total (current − previous).
    public var totalChange: ExactDecimal
    /// Change of each shown column mean.
    public var columnChanges: [ExactDecimal]
    /// Every unit of either year, in the current year's order, then those only in the previous.
    public var units: [UnitChange]
}

/// The compiled figures over many Perangkat Daerah (the Laporan Kompilasi's Tabel 4–8).
public struct Compilation: Sendable, Equatable {
    public var columns: [CompiledColumn]
    /// In input order.
    public var units: [CompiledUnit]
    /// All units together.
    public var overall: GroupFigures
    /// Per cluster, in the order of first appearance.
    public var clusters: [GroupFigures]
    /// The mean of the (shown) cluster means, per column: a different figure from `overall`,
    /// labelled as such ("rata-rata dari rata-rata klaster"). Nil without clusters.
    public var meanOfClusterMeans: GroupFigures?
    /// Unit indices, best total first.
    public var ranking: [Int]
    public var yearOverYear: YearOverYear?
}

public enum CompilationError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case componentCount(unit: String, found: Int, expected: Int)
    /// `index` is the unit's position in the input.
    case outOfRange(index: Int, unit: String, column: String, value: ExactDecimal, weight: ExactDecimal)

    public var description: String {
        switch self {
        case .empty: "tidak ada Perangkat Daerah untuk dikompilasi"
        case .componentCount(let unit, let found, let expected):
            "\(unit): \(found) nilai komponen, kerangka meminta \(expected)"
        case .outOfRange(_, let unit, let column, let value, let weight):
            "\(unit): nilai \(column) \(value.indonesian()) di luar 0 sampai bobot \(weight.indonesian())"
        }
    }
}

public enum Compiler {
    /// Compiles units scored on `framework`; `previous` (optional) are last year's units.
    /// `clusterOrder`: the regency's order of its clusters (Utama, Pendukung, Tambahan); clusters
    /// it does not name follow in the order they first appear.
    public static func compile(
        _ units: [UnitScores], framework: Framework, previous: [UnitScores]? = nil, clusterOrder: [String] = []
    ) throws(CompilationError) -> Compilation {
        try validate(units, framework)
        let columns =
            framework.components.map { CompiledColumn(id: $0.id, title: $0.title, weight: $0.weight) }
            + [CompiledColumn(id: "total", title: "Total", weight: framework.totalWeight)]
        let totals = units.map(\.total)
        let ranks = competitionRanks(totals)
        // Best first; equal totals keep input order.
        let compiled = units.indices.map { i in
            CompiledUnit(
                name: units[i].name, cluster: units[i].cluster, components: units[i].components, total: totals[i],
                predikat: framework.predikat(of: totals[i])?.code, rank: ranks[i])
        }
        let ranking = units.indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }
        let overall = figures(name: "Seluruh Perangkat Daerah", units: units, framework: framework, columns: columns)
        var clusterNames = clusterOrder.filter { name in units.contains { $0.cluster == name } }
        for unit in units {
            if let c = unit.cluster, !clusterNames.contains(c) { clusterNames.append(c) }
        }
        let clusters = clusterNames.map { name in
            figures(name: name, units: units.filter { $0.cluster == name }, framework: framework, columns: columns)
        }
        var meanOfMeans: GroupFigures?
        if !clusters.isEmpty {
            let means = columns.indices.map { col in
                ExactDecimal.mean(sum: clusters.reduce(.zero) { $0 + $1.means[col] }, count: clusters.count)
            }
            meanOfMeans = derived(
                name: "Rata-rata dari rata-rata klaster", units: clusters.count, means: means, counts: [],
                framework: framework, columns: columns)
        }
        var yoy: YearOverYear?
        if let previous {
            try validate(previous, framework)
            let before = figures(name: "Tahun sebelumnya", units: previous, framework: framework, columns: columns)
            var changes: [YearOverYear.UnitChange] = []
            var previousByName: [String: Int] = [:]
            for (i, unit) in previous.enumerated() { previousByName[normalizedName(unit.name)] = i }
            var matched = Set<Int>()
            for unit in compiled {
                let p = previousByName[normalizedName(unit.name)]
                if let p { matched.insert(p) }
                let previousTotal = p.map { previous[$0].total }
                changes.append(
                    .init(
                        name: unit.name, previousTotal: previousTotal,
                        previousPredikat: previousTotal.flatMap { framework.predikat(of: $0)?.code },
                        currentTotal: unit.total, currentPredikat: unit.predikat,
                        change: previousTotal.map { unit.total - $0 }))
            }
            for (i, unit) in previous.enumerated() where !matched.contains(i) {
                changes.append(
                    .init(
                        name: unit.name, previousTotal: unit.total,
                        previousPredikat: framework.predikat(of: unit.total)?.code, currentTotal: nil,
                        currentPredikat: nil, change: nil))
            }
            yoy = YearOverYear(
                previous: before, totalChange: overall.means.last! - before.means.last!,
                columnChanges: zip(overall.means, before.means).map { $0 - $1 }, units: changes)
        }
        return Compilation(
            columns: columns, units: compiled, overall: overall, clusters: clusters, meanOfClusterMeans: meanOfMeans,
            ranking: ranking, yearOverYear: yoy)
    }

    /// Checks that units can be compiled on `framework`: some units, one score per component,
    /// each from 0 to the component's weight.
    public static func validate(_ units: [UnitScores], _ framework: Framework) throws(CompilationError) {
        guard !units.isEmpty else { throw .empty }
        for (index, unit) in units.enumerated() {
            guard unit.components.count == framework.components.count else {
                throw .componentCount(
                    unit: unit.name, found: unit.components.count, expected: framework.components.count)
            }
            for (value, component) in zip(unit.components, framework.components)
            where value < .zero || value > component.weight {
                throw .outOfRange(
                    index: index, unit: unit.name, column: component.title, value: value, weight: component.weight)
            }
        }
    }

    /// The figures of a group of units: exact sums, means rounded once for display.
    static func figures(name: String, units: [UnitScores], framework: Framework, columns: [CompiledColumn])
        -> GroupFigures
    {
        var sums = [ExactDecimal](repeating: .zero, count: columns.count)
        var counts = [Int](repeating: 0, count: framework.predikat.count)
        for unit in units {
            for (i, value) in unit.components.enumerated() { sums[i] += value }
            let total = unit.total
            sums[columns.count - 1] += total
            if let band = framework.predikat.firstIndex(where: { $0.contains(total.rounded(places: 2)) }) {
                counts[band] += 1
            }
        }
        let means = sums.map { ExactDecimal.mean(sum: $0, count: units.count) }
        return derived(
            name: name, units: units.count, means: means,
            counts: zip(framework.predikat, counts).map { ($0.code, $1) }, framework: framework, columns: columns)
    }

    static func derived(
        name: String, units: Int, means: [ExactDecimal], counts: [(code: String, count: Int)], framework: Framework,
        columns: [CompiledColumn]
    ) -> GroupFigures {
        let percents = zip(means, columns).map { mean, column in
            ExactDecimal.quotient(ExactDecimal(units: mean.units * 100), column.weight, places: 2)
        }
        return GroupFigures(
            name: name, units: units, means: means, percents: percents,
            predikat: percents.map { framework.predikat(of: $0)?.code }, counts: counts)
    }

    /// Standard competition ranking: equal totals share a rank, the next rank skips.
    static func competitionRanks(_ totals: [ExactDecimal]) -> [Int] {
        let order = totals.indices.sorted { totals[$0] > totals[$1] }
        var ranks = [Int](repeating: 0, count: totals.count)
        for (position, index) in order.enumerated() {
            if position > 0, totals[order[position - 1]] == totals[index] {
                ranks[index] = ranks[order[position - 1]]
            } else {
                ranks[index] = position + 1
            }
        }
        return ranks
    }

    static func normalizedName(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
