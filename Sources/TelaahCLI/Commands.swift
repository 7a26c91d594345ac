import ArgumentParser
import Foundation
import TelaahCore

// MARK: - framework

struct FrameworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework", abstract: "Memeriksa dan menampilkan kerangka LKE.",
        subcommands: [Validate.self, Show.self])

    struct Validate: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            abstract: "Memeriksa berkas kerangka LKE (YAML) dan menyebut setiap kesalahan dengan barisnya.")
        @Argument(help: "Berkas kerangka YAML.") var file: String

        func run(_ context: CLIContext) throws -> Int32 {
            let text = try context.read(file)
            do {
                let (framework, warnings) = try FrameworkLoader.load(yaml: text, source: file)
                for warning in warnings { context.writeError("\(file): \(warning)\n") }
                context.write(
                    "\(file): sah: \(framework.id) versi \(framework.version), \(framework.components.count) komponen, "
                        + "\(framework.allSubcomponents.count) sub-komponen, \(framework.criterionCount) kriteria"
                        + (warnings.isEmpty ? "" : ", \(warnings.count) peringatan") + "\n")
                return ExitStatus.success
            } catch {
                context.writeError(error.description + "\n")
                return ExitStatus.findings
            }
        }
    }

    struct Show: ParsableCommand, TelaahRunnable {
        static let configuration = CommandConfiguration(
            abstract: "Menampilkan kerangka LKE (baku: kerangka bawaan) sebagai JSON atau tabel.")
        @Argument(help: "Berkas kerangka YAML atau id kerangka bawaan; kosong untuk kerangka bawaan.") var file: String?
        @Option(help: "json atau table.") var format: OutputFormat = .json

        func run(_ context: CLIContext) throws -> Int32 {
            let framework = try loadFramework(file, context: context)
            switch format {
            case .json: context.emit(framework.document())
            case .table: context.write(Self.table(framework))
            }
            return ExitStatus.success
        }

        static func table(_ f: Framework) -> String {
            var out = "\(f.title)\n\(f.id) versi \(f.version)\n"
            for basis in f.legalBasis { out += "  \(basis)\n" }
            out += "\n"
            var table = TextTable(["No", "Komponen / Sub-komponen / Kriteria", "Bobot", "Jawaban"], rightAligned: [2])
            for c in f.components {
                table.add([c.id, c.title.uppercased(), c.weight.indonesian(), ""])
                for s in c.subcomponents {
                    table.add([s.id, "  " + s.title + (s.aspect.map { " (\($0))" } ?? ""), s.weight.indonesian(), ""])
                    for k in s.criteria { table.add([k.id, "    " + k.text, "", k.answerType]) }
                }
            }
            out += table.rendered() + "\n"
            var bands = TextTable(["Predikat", "Nilai", "Sebutan"])
            for b in f.predikat {
                bands.add([
                    b.code,
                    "\(b.lowerInclusive ? "" : ">")\(b.lower.indonesian(places: 0))–\(b.upper.indonesian(places: 0))",
                    b.name,
                ])
            }
            return out + bands.rendered()
        }
    }
}

// MARK: - score

struct ScoreCommand: ParsableCommand, TelaahRunnable {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Menilai satu LKE Perangkat Daerah dari berkas JSON.",
        discussion: """
            Masukan: {"framework": "id atau berkas", "unit": "nama PD", "subcomponents": {"1.a": {"answers": \
            {"1.a.1": "Y"}, "grade": "B", "justification": "...", "note": "..."}}}. Kode keluar 1 bila ada \
            aturan yang dilanggar (misalnya nilai berbeda dari saran tanpa justifikasi).
            """)
    @Argument(help: "Berkas JSON penilaian.") var file: String
    @OptionGroup var options: CommonOptions

    func run(_ context: CLIContext) throws -> Int32 {
        let text = try context.read(file)
        let json: JSONValue
        do { json = try JSONValue.parse(text) } catch {
            throw CLIFailure.unreadable(file, "JSON tidak sah: \(error)")
        }
        let parsed: (input: AssessmentInput, framework: String?)
        do { parsed = try AssessmentInput.parse(json: json) } catch {
            throw CLIFailure.unreadable(file, error.description)
        }
        let fw = try loadFramework(
            options.framework ?? parsed.framework, relativeTo: options.framework == nil ? file : nil,
            context: context)
        let result = Scorer(framework: fw).score(parsed.input)
        if !result.problems.isEmpty {
            let lines = result.problems.map { "\(file): \($0)" }.joined(separator: "\n")
            throw CLIFailure.findings(lines)
        }
        switch options.format {
        case .json: context.emit(result.json(framework: fw))
        case .table: context.write(Self.table(result, fw))
        }
        return ExitStatus.success
    }

    static func table(_ r: ScoreResult, _ f: Framework) -> String {
        var out = r.unit.map { "Perangkat Daerah: \($0)\n" } ?? ""
        out += "Kerangka: \(f.id) versi \(f.version)\n\n"
        var table = TextTable(
            ["No", "Komponen / Sub-komponen", "Bobot", "Terjawab", "Pemenuhan", "Saran", "Nilai", "Skor"],
            rightAligned: [2, 3, 4, 7])
        for (c, cr) in zip(f.components, r.components) {
            table.add([c.id, c.title, c.weight.indonesian(), "", "", "", "", cr.score?.indonesian() ?? "—"])
            for s in c.subcomponents {
                guard let sr = r.subcomponents.first(where: { $0.id == s.id }) else { continue }
                table.add([
                    s.id, "  " + s.title.prefix(60) + (s.title.count > 60 ? "…" : ""), s.weight.indonesian(),
                    "\(sr.answered)/\(sr.criteria)", sr.fulfilment.map { $0.percent().indonesian() + " %" } ?? "—",
                    sr.suggestedGrade ?? "—", (sr.grade ?? "—") + (sr.deviates ? " *" : ""),
                    sr.score?.indonesian() ?? "—",
                ])
            }
        }
        out += table.rendered()
        if r.subcomponents.contains(where: \.deviates) { out += "* nilai berbeda dari saran (dengan justifikasi)\n" }
        out += "\n"
        if let total = r.total, let p = r.predikat {
            out += "Nilai akhir: \(total.indonesian()) — predikat \(p.code) (\(p.name))\n"
        } else {
            out += "Belum lengkap: belum ada nilai akhir.\n"
        }
        for m in r.missing { out += "  - \(m)\n" }
        return out
    }
}

// MARK: - compile

struct CompileCommand: ParsableCommand, TelaahRunnable {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract:
            "Mengompilasi nilai banyak Perangkat Daerah: rata-rata, klaster, predikat, peringkat, tahun ke tahun.",
        discussion: """
            CSV dengan kolom seperti Tabel 4: no, perangkat_daerah, cluster, satu kolom per komponen \
            (perencanaan_kinerja, ...), total_nilai dan kategori (opsional, diabaikan: Telaah menghitung).
            """)
    @Argument(help: "Berkas CSV tahun ini.") var file: String
    @Option(help: "Berkas CSV tahun sebelumnya, untuk perbandingan.") var previous: String?
    @OptionGroup var options: CommonOptions

    func run(_ context: CLIContext) throws -> Int32 {
        let fw = try loadFramework(options.framework, context: context)
        let rows = try readCompilableTable(file, framework: fw, context: context)
        let previousRows = try previous.map { try readCompilableTable($0, framework: fw, context: context) }
        let compilation: Compilation
        do {
            compilation = try Compiler.compile(
                rows.map(\.scores), framework: fw, previous: previousRows.map { $0.map(\.scores) })
        } catch {
            throw CLIFailure.unreadable(file, error.description)
        }
        switch options.format {
        case .json: context.emit(compilation.json())
        case .table: context.write(Self.table(compilation))
        }
        return ExitStatus.success
    }

    static func table(_ c: Compilation) -> String {
        let numeric = Set(3..<(3 + c.columns.count + 1))
        var t = TextTable(
            ["Peringkat", "Perangkat Daerah", "Klaster"] + c.columns.map(\.title) + ["Predikat"],
            rightAligned: numeric.union([0]))
        for i in c.ranking {
            let u = c.units[i]
            t.add(
                [String(u.rank), u.name, u.cluster ?? ""] + u.components.map { $0.indonesian() } + [
                    u.total.indonesian(), u.predikat ?? "—",
                ])
        }
        var out = t.rendered() + "\n"
        var g = TextTable(["Rata-rata", "Atas"] + c.columns.map(\.title), rightAligned: Set(1..<(2 + c.columns.count)))
        for group in [c.overall] + c.clusters {
            g.add([group.name, "\(group.units) PD"] + group.means.map { $0.indonesian() })
            g.add(["  % terhadap bobot", ""] + group.percents.map { $0.indonesian() + " %" })
            g.add(["  predikat", ""] + group.predikat.map { $0 ?? "—" })
        }
        if let group = c.meanOfClusterMeans {
            g.add([group.name, "\(group.units) klaster"] + group.means.map { $0.indonesian() })
            g.add(["  % terhadap bobot", ""] + group.percents.map { $0.indonesian() + " %" })
            g.add(["  predikat", ""] + group.predikat.map { $0 ?? "—" })
        }
        out += g.rendered() + "\n"
        out +=
            "Jumlah PD per predikat: " + c.overall.counts.map { "\($0.code) \($0.count)" }.joined(separator: ", ")
            + "\n"
        if let yoy = c.yearOverYear {
            let before = yoy.previous.means.last!
            let now = c.overall.means.last!
            out += "\nTahun sebelumnya \(before.indonesian()) (\(yoy.previous.predikat.last! ?? "—")) → tahun ini "
            out += "\(now.indonesian()) (\(c.overall.predikat.last! ?? "—")), perubahan \(signed(yoy.totalChange))\n"
            var y = TextTable(["Perangkat Daerah", "Sebelumnya", "Tahun ini", "Perubahan"], rightAligned: [1, 2, 3])
            for u in yoy.units {
                y.add([
                    u.name, u.previousTotal.map { "\($0.indonesian()) \(u.previousPredikat ?? "")" } ?? "—",
                    u.currentTotal.map { "\($0.indonesian()) \(u.currentPredikat ?? "")" } ?? "—",
                    u.change.map(signed) ?? "—",
                ])
            }
            out += y.rendered()
        }
        return out
    }

    static func signed(_ d: ExactDecimal) -> String { (d > .zero ? "+" : "") + d.indonesian() }

}

// MARK: - check

struct CheckCommand: ParsableCommand, TelaahRunnable {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Memeriksa tabel kompilasi yang diterbitkan: setiap angka yang tidak sesuai dengan baris-barisnya.",
        discussion: "Kode keluar: 0 semua angka sesuai, 1 ada angka yang tidak sesuai, 2 masukan tidak terbaca.")
    @Argument(help: "Berkas CSV seperti Tabel 4 (dengan total_nilai dan kategori tercetak).") var file: String
    @Option(help: "Berkas JSON ringkasan tercetak (rata-rata, klaster, jumlah per predikat, ...).") var summary: String?
    @OptionGroup var options: CommonOptions

    func run(_ context: CLIContext) throws -> Int32 {
        let fw = try loadFramework(options.framework, context: context)
        let rows = try readUnitTable(file, framework: fw, context: context)
        let published: PublishedSummary?
        if let summary {
            let text = try context.read(summary)
            do { published = try PublishedSummary.parse(text) } catch {
                throw CLIFailure.unreadable(summary, error.description)
            }
        } else {
            published = nil
        }
        let found = PublishedChecker.check(rows: rows, summary: published, framework: fw)
        switch options.format {
        case .json:
            context.emit(
                .object([
                    ("consistent", .bool(found.isEmpty)),
                    ("discrepancies", .int(found.count)),
                    (
                        "findings",
                        .array(
                            found.map { d in
                                var m: [(String, JSONValue)] = [
                                    ("path", .string(d.path)), ("location", .string(d.location)),
                                ]
                                if let line = d.line { m.append(("line", .int(line))) }
                                m += [("printed", .string(d.printed)), ("expected", .string(d.expected))]
                                return .object(m)
                            })
                    ),
                ]))
        case .table:
            if found.isEmpty {
                context.write("Semua angka sesuai dengan baris-barisnya.\n")
            } else {
                var t = TextTable(["Letak", "Tercetak", "Seharusnya"], rightAligned: [1])
                for d in found { t.add([d.location, d.printed, d.expected]) }
                context.write(t.rendered() + "\n\(found.count) angka tidak sesuai.\n")
            }
        }
        return found.isEmpty ? ExitStatus.success : ExitStatus.findings
    }
}
