import Testing

@testable import TelaahCore

func banyuasinRows() throws -> [UnitRow] {
    try UnitTableReader.read(fixture("banyuasin-2024-tabel4.csv"), framework: defaultFramework)
}

func units(_ rows: [UnitRow]) -> [UnitScores] { rows.map(\.scores) }

@Suite("Compilation of the Banyuasin table (seed 000)")
struct CompilationTests {
    @Test("reads the 51 rows as printed: 08,55 and 75,7")
    func reading() throws {
        let rows = try banyuasinRows()
        #expect(rows.count == 51)
        #expect(rows[1].components[2] == d("8.55"))
        #expect(rows[45].name == "Kecamatan Sembawa")
        #expect(rows[45].printedTotal == d("75.7") && rows[45].printedTotalText == "75,7")
        #expect(rows[15].name == "Dinas Komunikasi, Informatika, Statistik dan Persandian")
        #expect(rows[0].line == 2)
    }

    @Test("true means 24,45 / 22,59 / 11,60 / 16,95 / 75,59, with percent of weight and predikat")
    func means() throws {
        let c = try Compiler.compile(units(banyuasinRows()), framework: defaultFramework)
        #expect(c.overall.means.map { $0.indonesian() } == ["24,45", "22,59", "11,60", "16,95", "75,59"])
        #expect(c.overall.percents.map { $0.indonesian() } == ["81,50", "75,30", "77,33", "67,80", "75,59"])
        #expect(c.overall.predikat.last == "BB")
        #expect(c.columns.map(\.id) == ["1", "2", "3", "4", "total"])
    }

    @Test("true cluster means, and the mean of cluster means labelled as such")
    func clusters() throws {
        let c = try Compiler.compile(units(banyuasinRows()), framework: defaultFramework)
        let byName = Dictionary(uniqueKeysWithValues: c.clusters.map { ($0.name, $0) })
        #expect(byName["Unit Utama"]?.means.map { $0.indonesian() } == ["27,21", "24,56", "12,65", "18,77", "83,19"])
        #expect(
            byName["Unit Pendukung"]?.means.map { $0.indonesian() } == ["26,80", "24,20", "12,78", "20,14", "83,92"])
        #expect(
            byName["Unit Tambahan"]?.means.map { $0.indonesian() } == ["22,32", "21,10", "10,69", "15,01", "69,12"])
        #expect(byName.mapValues(\.units) == ["Unit Utama": 14, "Unit Pendukung": 9, "Unit Tambahan": 28])
        #expect(byName["Unit Tambahan"]?.predikat.last == "B")
        let mom = try #require(c.meanOfClusterMeans)
        #expect(mom.name == "Rata-rata dari rata-rata klaster")
        #expect(mom.units == 3)
        #expect(mom.means.map { $0.indonesian() } == ["25,44", "23,29", "12,04", "17,97", "78,74"])
    }

    @Test("counts per predikat: A 23, BB 13, B 9, CC 4, C 2")
    func counts() throws {
        let c = try Compiler.compile(units(banyuasinRows()), framework: defaultFramework)
        #expect(c.overall.counts.map(\.code) == ["AA", "A", "BB", "B", "CC", "C", "D"])
        #expect(c.overall.counts.map(\.count) == [0, 23, 13, 9, 4, 2, 0])
    }

    @Test("ranking: best first, equal totals share a rank")
    func ranking() throws {
        let c = try Compiler.compile(units(banyuasinRows()), framework: defaultFramework)
        let first = c.units[c.ranking[0]]
        #expect(first.name == "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan")
        #expect(first.rank == 1 && first.total == d("89.5"))
        #expect(c.units[c.ranking.last!].name == "Kecamatan Rantau Bayur")
        // Two PD at 88,20 and two at 62,90 share their ranks.
        let tied = c.units.filter { $0.total == d("88.2") }
        #expect(tied.count == 2 && Set(tied.map(\.rank)).count == 1)
        let at6290 = c.units.filter { $0.total == d("62.9") }.map(\.rank)
        #expect(at6290.count == 2 && at6290[0] == at6290[1])
        #expect(c.units.first { $0.rank == at6290[0] + 1 } == nil)  // the next rank is skipped
    }

    @Test("year over year, per PD and for the whole")
    func yearOverYear() throws {
        let now = units(try banyuasinRows())
        var before = now.map { u in
            UnitScores(name: u.name.uppercased(), cluster: u.cluster, components: u.components.map { $0 - d("1") })
        }
        before.removeLast()
        before.append(UnitScores(name: "Kecamatan Lama", components: [d("10"), d("10"), d("5"), d("5")]))
        let c = try Compiler.compile(now, framework: defaultFramework, previous: before)
        let yoy = try #require(c.yearOverYear)
        #expect(yoy.units.count == 52)
        #expect(yoy.units[0].change == d("4"))  // names match regardless of case
        #expect(yoy.units[50].previousTotal == nil)  // new this year
        #expect(yoy.units[51].name == "Kecamatan Lama" && yoy.units[51].currentTotal == nil)
        #expect(yoy.totalChange == c.overall.means.last! - yoy.previous.means.last!)
    }

    @Test("refuses scores outside a component's weight")
    func outOfRange() {
        #expect(throws: CompilationError.self) {
            try Compiler.compile(
                [UnitScores(name: "X", components: [d("31"), d("0"), d("0"), d("0")])], framework: defaultFramework)
        }
        #expect(throws: CompilationError.empty) { try Compiler.compile([], framework: defaultFramework) }
    }
}

@Suite("Checking a published compilation")
struct CheckingTests {
    func summary() throws -> PublishedSummary {
        try PublishedSummary.parse(fixture("banyuasin-2024-published-summary.json"))
    }

    @Test("the Banyuasin rows check out; every wrong printed mean is named")
    func banyuasin() throws {
        let found = PublishedChecker.check(
            rows: try banyuasinRows(), summary: try summary(), framework: defaultFramework)
        #expect(!found.contains { $0.path.hasPrefix("rows[") })
        let byPath = Dictionary(uniqueKeysWithValues: found.map { ($0.path, $0) })
        let means: [(String, String, String)] = [
            ("printed_mean_all_units[0]", "24,50", "24,45"), ("printed_mean_all_units[1]", "21,80", "22,59"),
            ("printed_mean_all_units[2]", "11,16", "11,60"), ("printed_mean_all_units[3]", "15,75", "16,95"),
            ("printed_mean_all_units[4]", "74,62", "75,59"),
            ("printed_component_percent_of_weight[0]", "81,67", "81,50"),
            ("printed_cluster_means.Unit Pendukung.values[4]", "81,49", "83,92"),
            ("printed_cluster_means.Unit Tambahan.values[4]", "68,20", "69,12"),
            ("printed_tabel8_mean_of_cluster_means[0]", "25,42", "25,44"),
            ("printed_tabel8_final_value.value", "74,62", "75,59"),
        ]
        for (path, printed, expected) in means {
            #expect(byPath[path]?.printed == printed, "\(path)")
            #expect(byPath[path]?.expected == expected, "\(path)")
        }
        // Figures that do follow are not listed: Unit Utama's total mean 83,19, the counts,
        // the predikat BB, last year's 64,21 B.
        #expect(byPath["printed_cluster_means.Unit Utama.values[4]"] == nil)
        #expect(byPath["printed_cluster_means.Unit Utama.values[0]"] == nil)
        #expect(!found.contains { $0.path.hasPrefix("printed_predikat_counts") })
        #expect(byPath["printed_mean_all_units_predikat"] == nil)
        #expect(byPath["printed_previous_year.predikat"] == nil)
        #expect(found.count == 26)
        #expect(
            byPath["printed_mean_all_units[0]"]?.location == "rata-rata seluruh Perangkat Daerah, perencanaan_kinerja")
    }

    @Test("a wrong row total and kategori are named with their line")
    func wrongRow() throws {
        var rows = try banyuasinRows()
        rows[2].printedTotal = d("89.20")
        rows[2].printedTotalText = "89,20"
        rows[4].printedKategori = "AA"
        let found = PublishedChecker.check(rows: rows, summary: nil, framework: defaultFramework)
        #expect(found.count == 2)
        #expect(found[0].location == "baris 4 (Inspektorat), total_nilai")
        #expect(found[0].printed == "89,20" && found[0].expected == "89,10")
        #expect(found[0].line == 4)
        #expect(found[1].path == "rows[4].kategori" && found[1].expected.hasPrefix("A "))
    }

    @Test("a table that is its own compilation checks out")
    func consistent() throws {
        let rows = try banyuasinRows()
        let c = try Compiler.compile(units(rows), framework: defaultFramework)
        var s = PublishedSummary()
        s.meanAllUnits = c.overall.means
        s.meanAllUnitsPredikat = c.overall.predikat.last!
        s.componentPercentOfWeight = Array(c.overall.percents.dropLast())
        s.clusterMeans = c.clusters.map { ($0.name, .init(values: $0.means, predikat: $0.predikat.last!)) }
        s.meanOfClusterMeans = Array(c.meanOfClusterMeans!.means.dropLast())
        s.predikatCounts = c.overall.counts.filter { $0.count > 0 }
        #expect(PublishedChecker.check(rows: rows, summary: s, framework: defaultFramework).isEmpty)
    }

    @Test("a summary with an unknown key or a non-number is refused")
    func badSummary() {
        #expect(throws: TableError.self) { try PublishedSummary.parse(#"{"printed_means": [1]}"#) }
        #expect(throws: TableError.self) { try PublishedSummary.parse(#"{"printed_mean_all_units": ["x"]}"#) }
        #expect(throws: TableError.self) { try PublishedSummary.parse("{") }
    }

    @Test("table faults name the line and the column")
    func badTables() {
        let header =
            "no,perangkat_daerah,cluster,perencanaan_kinerja,pengukuran_kinerja,pelaporan_kinerja,evaluasi_akuntabilitas_kinerja_internal\n"
        let cases: [(String, TableError)] = [
            (
                header + "1,A,X,\"2x,5\",1,1,1\n",
                TableError(line: 2, column: "perencanaan_kinerja", message: "\"2x,5\" bukan angka")
            ),
            (header + "1,A,X,1,1,1\n", TableError(line: 2, column: nil, message: "baris berisi 6 kolom, header 7")),
            ("nama,perencanaan\n", TableError(line: 1, column: "perencanaan", message: "")),
            (header + "1,A,X,\"1,5,1,1,1\n", TableError(line: 2, column: nil, message: "tanda petik tidak ditutup")),
        ]
        for (text, expected) in cases {
            do {
                _ = try UnitTableReader.read(text, framework: defaultFramework)
                Issue.record("no error for \(text)")
            } catch {
                #expect(error.line == expected.line)
                #expect(error.column == expected.column)
                if !expected.message.isEmpty { #expect(error.message == expected.message) }
            }
        }
    }
}
