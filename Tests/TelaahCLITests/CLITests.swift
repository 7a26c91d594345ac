import Foundation
import Synchronization
import TelaahCore
import Testing

@testable import TelaahCLI

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

/// Runs `telaah` in-process with the real file system; captures both streams.
func telaah(_ arguments: String...) async -> (status: Int32, out: String, err: String) {
    let out = Mutex("")
    let err = Mutex("")
    let context = CLIContext(
        readFile: CLIContext.process.readFile, write: { text in out.withLock { $0 += text } },
        writeError: { text in err.withLock { $0 += text } })
    let status = await TelaahCommand.execute(arguments, context: context)
    return (status, out.withLock { $0 }, err.withLock { $0 })
}

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

@Suite("telaah framework")
struct FrameworkCommandTests {
    @Test("validate: a good file exits 0 and says what it holds")
    func validateGood() async {
        let r = await telaah("framework", "validate", path("frameworks/lke-trenggalek.yaml"))
        #expect(r.status == 0)
        #expect(r.out.contains("sah: lke-trenggalek versi 1, 4 komponen, 13 sub-komponen, 76 kriteria"))
    }

    @Test("validate: a warning is shown, the file still valid")
    func validateWarning() async {
        let r = await telaah("framework", "validate", path("frameworks/lke-permenpan88-variant-a.yaml"))
        #expect(r.status == 0)
        #expect(r.err.contains("peringatan: kriteria 3.b.10 berteks sama dengan 3.b.8"))
    }

    @Test("validate: a bad file exits 1 naming the file, the line and the path")
    func validateBad() async {
        let file = path("frameworks/bad/weights-do-not-add-up.yaml")
        let r = await telaah("framework", "validate", file)
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("\(file): baris "))
        #expect(r.err.contains("components[0].subcomponents: galat: bobot sub-komponen 1 berjumlah 59"))
        #expect(r.out.isEmpty)
    }

    @Test("validate: a missing file exits 2")
    func validateMissing() async {
        let r = await telaah("framework", "validate", "/tidak/ada.yaml")
        #expect(r.status == 2)
        #expect(r.err.contains("/tidak/ada.yaml: tidak dapat dibaca"))
    }

    @Test("show: the bundled default as JSON in the file's shape")
    func show() async throws {
        let r = await telaah("framework", "show")
        #expect(r.status == 0)
        let json = try JSONValue.parse(r.out)
        #expect(json["id"] == .string("lke-murung-raya-2024"))
        #expect(json["components"]?.elements?.count == 4)
        let table = await telaah("framework", "show", "--format", "table")
        let lines = table.out.split(separator: "\n")
        #expect(
            lines.contains {
                $0.hasPrefix("1.a.3 ") && $0.contains("Terdapat dokumen perencanaan kinerja jangka menengah.")
            })
        #expect(lines.contains { $0.hasPrefix("BB ") && $0.contains(">70–80") && $0.hasSuffix("Sangat Baik") })
    }
}

@Suite("telaah score")
struct ScoreCommandTests {
    @Test("Purbalingga: the figures of the letter")
    func purbalingga() async throws {
        let r = await telaah("score", path("purbalingga-kutasari-2024.json"))
        #expect(r.status == 0, "\(r.err)")
        let json = try JSONValue.parse(r.out)
        #expect(json["complete"] == .bool(true))
        #expect(json["missing"] == .array([]))
        #expect(json["total"] == .number("64.85"))
        #expect(json["predikat"] == .string("B"))
        #expect(json["components"]?["1"]?["score"] == .number("19.50"))
        #expect(json["components"]?["2"]?["score"] == .number("18.60"))
        #expect(json["components"]?["3"]?["score"] == .number("10.50"))
        #expect(json["components"]?["4"]?["score"] == .number("16.25"))
        #expect(json["subcomponents"]?["1.c"]?["grade"] == .string("CC"))
        #expect(json["subcomponents"]?["1.c"]?["score"] == .number("9.00"))
        let table = await telaah("score", path("purbalingga-kutasari-2024.json"), "--format", "table")
        #expect(table.out.contains("Nilai akhir: 64,85 — predikat B (Baik)"))
        #expect(!table.out.contains("64.85"))
    }

    @Test("answers: fulfilment, suggested grade, missing criteria")
    func answers() async throws {
        let file = try temporaryFile(
            #"{"unit": "Dinas Uji", "subcomponents": {"1.a": {"answers": {"1.a.1": "Y", "1.a.2": "T", "1.a.3": "Y", "1.a.4": "Y", "1.a.5": "Y", "1.a.6": "Y", "1.a.7": "Y"}}, "1.b": {"answers": {"1.b.4": "b"}}}}"#,
            name: "penilaian.json")
        let r = await telaah("score", file)
        #expect(r.status == 0)
        let json = try JSONValue.parse(r.out)
        #expect(json["complete"] == .bool(false))
        #expect(json["total"] == .null)
        #expect(json["subcomponents"]?["1.a"]?["fulfilment"] == .number("85.71"))
        #expect(json["subcomponents"]?["1.a"]?["suggested_grade"] == .string("B"))
        #expect(json["subcomponents"]?["1.a"]?["score"] == .number("4.20"))
        let missing = json["missing"]?.elements?.compactMap(\.stringValue) ?? []
        #expect(missing.prefix(3) == ["1.b.1", "1.b.2", "1.b.3"])
        #expect(missing.contains("1.c") && missing.contains("4.c"))
    }

    @Test("a broken rule exits 1 naming the file and the field; nothing on stdout")
    func ruleBroken() async throws {
        let file = try temporaryFile(
            #"{"subcomponents": {"1.a": {"answers": {"1.a.1": "Y", "1.a.2": "T", "1.a.3": "Y", "1.a.4": "Y", "1.a.5": "Y", "1.a.6": "Y", "1.a.7": "Y"}, "grade": "A"}}}"#,
            name: "a.json")
        let r = await telaah("score", file)
        #expect(r.status == 1)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("\(file): subcomponents.1.a.justification: nilai A wajib disertai justifikasi"))
        #expect(
            r.err.contains(
                "\(file): subcomponents.1.a.grade: nilai A hanya dapat diberikan bila seluruh kriteria terpenuhi"))
    }

    @Test("unreadable input exits 2 naming the file and the line or field")
    func unreadable() async throws {
        let broken = try temporaryFile(
            "{\n  \"subcomponents\": {\n    \"1.a\": {\"grade\": \"B\",}\n  }\n}", name: "rusak.json")
        let r = await telaah("score", broken)
        #expect(r.status == 2)
        #expect(r.err.contains("\(broken): JSON tidak sah: baris 3"))
        let wrongType = try temporaryFile(#"{"subcomponents": {"1.a": {"grade": 7}}}"#, name: "tipe.json")
        let r2 = await telaah("score", wrongType)
        #expect(r2.status == 2)
        #expect(r2.err.contains("\(wrongType): subcomponents.1.a.grade: harus berupa teks"))
    }

    @Test("a variant framework by path, relative to the input file")
    func variant() async throws {
        let file = path("frameworks/bad/minimal-valid.yaml")
        let input = try temporaryFile(
            #"{"framework": "\#(file)", "subcomponents": {"1.a": {"grade": "B"}, "1.b": {"grade": "B"}, "2.a": {"grade": "B"}}}"#,
            name: "v.json")
        let r = await telaah("score", input)
        #expect(r.status == 0, "\(r.err)")
        #expect(try JSONValue.parse(r.out)["total"] == .number("70.00"))
    }
}

@Suite("telaah compile and check")
struct CompileCheckCommandTests {
    @Test("compile: the true Banyuasin means")
    func compile() async throws {
        let r = await telaah("compile", path("banyuasin-2024-tabel4.csv"))
        #expect(r.status == 0, "\(r.err)")
        let json = try JSONValue.parse(r.out)
        let columns = json["overall"]?["columns"]
        #expect(columns?["1"]?["mean"] == .number("24.45"))
        #expect(columns?["total"]?["mean"] == .number("75.59"))
        #expect(columns?["total"]?["predikat"] == .string("BB"))
        #expect(json["overall"]?["predikat_counts"]?["A"] == .number("23"))
        #expect(json["mean_of_cluster_means"]?["name"] == .string("Rata-rata dari rata-rata klaster"))
        let table = await telaah("compile", path("banyuasin-2024-tabel4.csv"), "--format", "table")
        #expect(table.out.contains("Jumlah PD per predikat: AA 0, A 23, BB 13, B 9, CC 4, C 2, D 0"))
    }

    @Test("compile --previous: year over year")
    func previous() async throws {
        let before = try temporaryFile(
            "perangkat_daerah,perencanaan_kinerja,pengukuran_kinerja,pelaporan_kinerja,evaluasi_akuntabilitas_kinerja_internal\nInspektorat,\"20,00\",\"20,00\",\"10,00\",\"14,21\"\n",
            name: "2023.csv")
        let r = await telaah("compile", path("banyuasin-2024-tabel4.csv"), "--previous", before)
        #expect(r.status == 0, "\(r.err)")
        let yoy = try JSONValue.parse(r.out)["year_over_year"]
        #expect(yoy?["previous"]?["columns"]?["total"]?["mean"] == .number("64.21"))
        #expect(yoy?["total_change"] == .number("11.38"))
        let inspektorat = yoy?["units"]?.elements?.first { $0["name"] == .string("Inspektorat") }
        #expect(inspektorat?["change"] == .number("24.89"))
    }

    @Test("check: exit 1 and each wrong printed figure")
    func check() async throws {
        let r = await telaah(
            "check", path("banyuasin-2024-tabel4.csv"), "--summary", path("banyuasin-2024-published-summary.json"))
        #expect(r.status == 1)
        let json = try JSONValue.parse(r.out)
        #expect(json["consistent"] == .bool(false))
        #expect(json["discrepancies"] == .number("26"))
        let first = json["findings"]?.elements?.first
        #expect(first?["path"] == .string("printed_mean_all_units[0]"))
        #expect(first?["printed"] == .string("24,50"))
        #expect(first?["expected"] == .string("24,45"))
    }

    @Test("check: exit 0 when the rows check out, 2 on unreadable input")
    func checkStatuses() async throws {
        #expect(await telaah("check", path("banyuasin-2024-tabel4.csv")).status == 0)
        let bad = try temporaryFile("perangkat_daerah,warna\nA,merah\n", name: "t.csv")
        let r = await telaah("check", bad)
        #expect(r.status == 2)
        #expect(r.err.contains("\(bad): baris 1, kolom warna: kolom \"warna\" tidak dikenal"))
        #expect(await telaah("check", "/tidak/ada.csv").status == 2)
        #expect(await telaah("check", path("banyuasin-2024-tabel4.csv"), "--summary", bad).status == 2)
    }

    @Test("bench runs on a small synthetic set")
    func bench() async throws {
        let r = await telaah("bench", "--units", "200", "--runs", "1")
        #expect(r.status == 0, "\(r.err)")
        let json = try JSONValue.parse(r.out)
        #expect(json["units"] == .number("200"))
        #expect(json["answers"] == .number("15600"))
    }

    @Test("unknown options exit 2 with usage")
    func usage() async {
        let r = await telaah("score")
        #expect(r.status == 2)
        #expect(r.err.contains("Usage") || r.err.contains("Missing"))
    }
}

@Suite("telaah compile: bad rows")
struct CompileErrorTests {
    @Test("a score beyond its weight names the file and the line")
    func outOfRange() async throws {
        let table = try temporaryFile(
            "perangkat_daerah,perencanaan_kinerja,pengukuran_kinerja,pelaporan_kinerja,evaluasi_akuntabilitas_kinerja_internal\nA,1,1,1,1\nB,\"31,00\",1,1,1\n",
            name: "t.csv")
        let r = await telaah("compile", table)
        #expect(r.status == 2)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("\(table): baris 3: B: nilai Perencanaan Kinerja 31,00 di luar 0 sampai bobot 30,00"))
    }
}

@Suite("telaah: help and what reaches the terminal")
struct HelpAndTerminalTests {
    @Test("--help, serve --help and help serve print the help they name")
    func help() async {
        let root = await telaah("--help")
        #expect(root.status == 0)
        #expect(root.out.contains("Evaluasi Akuntabilitas Kinerja Instansi Pemerintah"))
        #expect(root.out.contains("setup"))
        #expect(!root.out.contains("Show subcommand help information"))
        for args in [["serve", "--help"], ["help", "serve"], ["serve", "-h"]] {
            let r = await telaah(args[0], args[1])
            #expect(r.status == 0)
            #expect(r.out.contains("Menjalankan server web Telaah"), "\(args)")
        }
        let group = await telaah("audit")
        #expect(group.out.contains("verify"))
    }

    @Test("control characters from the input are shown, not sent to the terminal")
    func controlCharacters() async throws {
        let file = try temporaryFile(#"{"subcomponents": {"1.a": {"grade": "\u001b[31mB"}}}"#, name: "warna.json")
        let r = await telaah("score", file)
        #expect(r.status == 1)
        #expect(!r.err.contains("\u{1B}"))
        #expect(r.err.contains("\\u{1B}[31mB"))
        let named = await telaah("score", "/tmp/tidak-ada-\u{1B}]0;judul\u{7}.json")
        #expect(named.status == 2)
        #expect(!named.err.contains("\u{1B}") && !named.err.contains("\u{7}"))
        #expect(terminalSafe("baris 1\nbaris\t2\r\u{9B}") == "baris 1\nbaris\t2\\u{D}\\u{9B}")
    }

    @Test("a file that is not UTF-8 names the line and the byte")
    func notUTF8() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("latin1.csv")
        // "Dinas Pé" in Latin-1 on line 3: the é is byte 0xE9, the 8th of its line.
        try Data(Array("perangkat_daerah\nDinas A\nDinas P".utf8) + [0xE9, 0x0A]).write(to: file)
        let r = await telaah("compile", file.path)
        #expect(r.status == 2)
        #expect(r.err.contains("\(file.path): bukan teks UTF-8: baris 3, kolom bita 8 (bita ke-33 berkas)"), "\(r.err)")
        #expect(r.err.contains("(0xE9)"))
    }

    @Test("a framework the input names but cannot be read is reported as the input's field")
    func frameworkField() async throws {
        let input = try temporaryFile(
            #"{"framework": "lke-tidak-ada.yaml", "subcomponents": {"1.a": {"grade": "B"}}}"#, name: "k.json")
        let r = await telaah("score", input)
        #expect(r.status == 2)
        #expect(
            r.err.contains(
                "\(input): kolom \"framework\": \"lke-tidak-ada.yaml\" bukan kerangka bawaan dan berkasnya tidak dapat dibaca (berkas tidak ada)"
            ), "\(r.err)")
    }
}

@Suite("telaah setup and audit", .serialized)
struct SetupCommandTests {
    static func dataDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("telaah-setup-\(UUID().uuidString)").path
    }

    @Test("setup creates a government and its admin once, with a password printed once")
    func setup() async throws {
        let dir = Self.dataDir()
        let r = await telaah("setup", "--government", "Kabupaten Uji Coba", "--admin", "admin.uji", "--data-dir", dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Kabupaten Uji Coba disiapkan (kode uji-coba)"))
        #expect(r.out.contains("Admin Inspektorat: admin.uji"))
        let password = try #require(r.out.firstMatch(of: /Kata sandi: (\S+)/)?.1)
        #expect(password.count >= 12)
        // The same government again: refused, nothing changed.
        let again = await telaah("setup", "--government", "Kabupaten Uji Coba", "--admin", "lain", "--data-dir", dir)
        #expect(again.status == 1)
        #expect(again.err.contains("sudah ada di basis data ini"))
        let bad = await telaah("setup", "--government", "Kota Uji", "--admin", "A B", "--data-dir", dir)
        #expect(bad.status == 1)
        #expect(bad.err.contains("Nama pengguna"))
        // A second government in the same database.
        let city = await telaah("setup", "--government", "Kota Uji", "--admin", "admin.uji", "--data-dir", dir)
        #expect(city.status == 0, "\(city.err)")
        // Its audit trail: whole, keyed, and checked against the head log beside the database.
        let verify = await telaah("audit", "verify", "--data-dir", dir)
        #expect(verify.status == 0, "\(verify.err)")
        #expect(verify.out.contains("Jejak audit utuh"))
        #expect(verify.out.contains("audit-anchor.log"))
        let head = await telaah("audit", "head", "--data-dir", dir)
        #expect(head.status == 0)
        #expect(head.out.firstMatch(of: /^\d+\t[0-9a-f]{64}\t\d{4}-/) != nil)
        // Another key is refused by name.
        let key = try temporaryFile(String(repeating: "ab", count: 32) + "\n", name: "lain.key")
        let wrongKey = await telaah("audit", "verify", "--data-dir", dir, "--audit-key-file", key)
        #expect(wrongKey.status != 0)
    }
}
