import ArgumentParser
import Foundation
import TelaahCore
import TelaahDemo
import TelaahDocuments
import TelaahServer

#if canImport(Glibc)
    import Glibc
#endif

/// `telaah bench`: builds a synthetic national dataset (default 25,000 PD × every criterion of
/// the default framework), scores every PD through the one scoring path, and compiles them.
/// Prints the times and the peak resident memory. Run it from a release build.
struct BenchCommand: ParsableCommand, TelaahRunnable {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Mengukur kecepatan penilaian dan kompilasi pada data sintetis skala nasional.")
    @Option(help: "Jumlah Perangkat Daerah sintetis.") var units: Int = 25_000
    @Option(help: "Berapa kali diulang (dilaporkan tercepat dan median).") var runs: Int = 3
    @Option(help: "Benih bilangan acak.") var seed: UInt64 = 2024
    @Option(help: "Kerangka (id bawaan atau berkas YAML).") var framework: String?
    @Flag(
        name: .customLong("dokumen"),
        help: "Mengukur penyusunan dokumen: 51 LHE dan Laporan Kompilasi dari basis data demo (SQLite di memori).")
    var documents = false
    @Flag(help: "Dengan --dokumen: juga ubah semua berkas menjadi PDF dalam satu kali jalan LibreOffice.") var pdf =
        false

    func run(_ context: CLIContext) async throws -> Int32 {
        if documents { return try await runDocuments(context) }
        guard units > 0, runs > 0 else { throw CLIFailure.findings("--units dan --runs harus lebih dari 0") }
        let fw = try loadFramework(framework, context: context)
        let scorer = Scorer(framework: fw)
        let clock = ContinuousClock()

        let startGenerate = clock.now
        let dataset = Synthetic.assessments(units: units, scorer: scorer, seed: seed)
        let generate = clock.now - startGenerate

        var timings: [(score: Duration, compile: Duration)] = []
        var last: Compilation?
        for _ in 0..<runs {
            let startScore = clock.now
            var scores: [UnitScores] = []
            scores.reserveCapacity(units)
            for (i, assessment) in dataset.assessments.enumerated() {
                let result = scorer.score(assessment)
                guard result.total != nil else {
                    throw CLIFailure.findings(
                        "data sintetis tidak lengkap pada unit \(i): \(result.missing.first!) \(result.problems.first.map(String.init(describing:)) ?? "")"
                    )
                }
                scores.append(
                    UnitScores(
                        name: dataset.names[i], cluster: dataset.clusters[i],
                        components: result.components.map { $0.score! }))
            }
            let scored = clock.now
            last = try Compiler.compile(scores, framework: fw)
            timings.append((scored - startScore, clock.now - scored))
        }
        let totals = timings.map { $0.score + $0.compile }.sorted()
        let best = timings.min { $0.score + $0.compile < $1.score + $1.compile }!
        let peak = Self.peakResidentMegabytes()
        let answers = units * scorer.criterionCount
        let result: JSONValue = .object([
            ("units", .int(units)),
            ("criteria_per_unit", .int(scorer.criterionCount)),
            ("answers", .int(answers)),
            ("runs", .int(runs)),
            ("generate_ms", .number(Self.ms(generate))),
            ("best_score_ms", .number(Self.ms(best.score))),
            ("best_compile_ms", .number(Self.ms(best.compile))),
            ("best_score_and_compile_ms", .number(Self.ms(totals.first!))),
            ("median_score_and_compile_ms", .number(Self.ms(totals[totals.count / 2]))),
            ("peak_resident_mb", .number(String(peak))),
            ("mean_total", .decimal(last!.overall.means.last!, places: 2)),
        ])
        context.emit(result)
        return ExitStatus.success
    }

    /// The demo period with every PD's evaluation complete: reading it from the database, the 51
    /// LHE (DOCX), the Laporan Kompilasi (DOCX and XLSX) and the LKE workbook, `runs` times.
    func runDocuments(_ context: CLIContext) async throws -> Int32 {
        guard runs > 0 else { throw CLIFailure.findings("--runs harus lebih dari 0") }
        let date = DocumentDate(iso: "2024-10-16")!
        let exports = try await DemoRunner.benchDocuments(runs: runs, date: date)
        let lheAndReport = exports.map { $0.timings.lhe + $0.timings.compiled }.sorted()
        let withLoad = exports.map { $0.timings.load + $0.timings.lhe + $0.timings.compiled }.sorted()
        let best = exports.min { $0.timings.lhe + $0.timings.compiled < $1.timings.lhe + $1.timings.compiled }!
        var fields: [(String, JSONValue)] = [
            ("lhe", .int(best.lheCount)), ("runs", .int(runs)),
            ("best_load_ms", .number(Self.ms(best.timings.load))),
            ("best_lhe_ms", .number(Self.ms(best.timings.lhe))),
            ("best_kompilasi_ms", .number(Self.ms(best.timings.compiled))),
            ("best_lke_workbook_ms", .number(Self.ms(best.timings.workbook))),
            ("best_lhe_and_kompilasi_ms", .number(Self.ms(lheAndReport.first!))),
            ("median_lhe_and_kompilasi_ms", .number(Self.ms(lheAndReport[lheAndReport.count / 2]))),
            ("best_with_load_ms", .number(Self.ms(withLoad.first!))),
            ("bytes", .int(best.files.reduce(0) { $0 + $1.data.count })),
        ]
        if pdf {
            guard PDFConverter.executable() != nil else { throw CLIFailure.findings(PDFConverter.installHint) }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-bench-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            var sources: [URL] = []
            for file in best.files {
                let url = dir.appendingPathComponent(file.name.replacingOccurrences(of: "/", with: "-"))
                try file.data.write(to: url)
                sources.append(url)
            }
            let clock = ContinuousClock()
            let start = clock.now
            let pdfs = try PDFConverter.convert(sources, outputDirectory: dir)
            fields.append(("pdf_files", .int(pdfs.count)))
            fields.append(("pdf_batch_ms", .number(Self.ms(clock.now - start))))
        }
        fields.append(("peak_resident_mb", .number(String(Self.peakResidentMegabytes()))))
        context.emit(.object(fields))
        return ExitStatus.success
    }

    static func ms(_ d: Duration) -> String {
        let (seconds, attoseconds) = d.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        return ExactDecimal(units: micros * 1000).plain(places: 1)
    }

    static func peakResidentMegabytes() -> Int {
        #if canImport(Glibc)
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Int(usage.ru_maxrss) / 1024
        #else
            return 0
        #endif
    }
}

/// Deterministic synthetic assessments for benchmarks and property tests.
public enum Synthetic {
    public struct Dataset: Sendable {
        public var names: [String]
        public var clusters: [String]
        public var assessments: [DenseAssessment]
    }

    /// `units` complete, valid assessments: random answers, a few criteria not applicable
    /// (with a reason), a few sub-components graded directly without answers.
    public static func assessments(units: Int, scorer: Scorer, seed: UInt64) -> Dataset {
        var rng = SplitMix64(seed: seed)
        let fw = scorer.framework
        let clusterNames = ["Unit Utama", "Unit Pendukung", "Unit Tambahan"]
        let optionCounts = fw.components.flatMap(\.subcomponents).flatMap(\.criteria).map {
            fw.answerType($0.answerType)!.options.count
        }
        let subRanges: [Range<Int>] = {
            var start = 0
            return fw.allSubcomponents.map { s in
                defer { start += s.criteria.count }
                return start..<start + s.criteria.count
            }
        }()
        // Grades an evaluator may give without answers: those that need no 100 % fulfilment.
        let directGrades = fw.grades.indices.filter { !fw.grades[$0].requiresFullFulfilment }
        var names: [String] = []
        var clusters: [String] = []
        var assessments: [DenseAssessment] = []
        names.reserveCapacity(units)
        clusters.reserveCapacity(units)
        assessments.reserveCapacity(units)
        for u in 0..<units {
            names.append("Perangkat Daerah \(u + 1)")
            clusters.append(clusterNames[Int(rng.next() % UInt64(clusterNames.count))])
            var a = DenseAssessment(criteria: scorer.criterionCount, subcomponents: scorer.subcomponentCount)
            for (si, range) in subRanges.enumerated() {
                if rng.next() % 20 == 0 || range.isEmpty {
                    a.grades[si] = UInt8(directGrades[Int(rng.next() % UInt64(directGrades.count))] + 1)
                    continue
                }
                for k in range {
                    if rng.next() % 50 == 0 && k != range.lowerBound {
                        a.answers[k] = DenseAssessment.notApplicable
                        a.notApplicableReasons[k] = "Tidak berlaku (data sintetis)"
                    } else {
                        a.answers[k] = UInt8(2 + Int(rng.next() % UInt64(optionCounts[k])))
                    }
                }
            }
            assessments.append(a)
        }
        return Dataset(names: names, clusters: clusters, assessments: assessments)
    }
}
