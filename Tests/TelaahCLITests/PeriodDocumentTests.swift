import Foundation
import Testing

@testable import TelaahCLI

/// `telaah seed-demo --lengkap` then `telaah document periode`: every document of the period from a
/// real SQLite database file, as an Inspektorat would make them.
@Suite("telaah document periode", .serialized)
struct PeriodDocumentTests {
    static func database() async throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("telaah-periode-\(UUID().uuidString)")
        let r = await telaah("seed-demo", "--lengkap", "--hari-ini", "2024-10-17", "--data-dir", dir.path)
        try #require(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Perangkat Daerah dinilai lengkap oleh data demo"))
        return dir.path
    }

    @Test("all 51 LHE, the Laporan Kompilasi and the LKE into a folder, with progress per LHE")
    func folder() async throws {
        let data = try await Self.database()
        let out = URL(fileURLWithPath: data).appendingPathComponent("keluaran")
        let r = await telaah("document", "periode", "--data-dir", data, "--tanggal", "2024-10-16", "-o", out.path)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Kabupaten Banyuasin, Evaluasi AKIP 2024: 51 LHE, Laporan Kompilasi dan LKE disusun"))
        #expect(r.err.contains("LHE 1/51: Sekretariat Daerah"))
        #expect(r.err.contains("LHE 51/51: Kecamatan Tungkal Ilir"))
        let lhe = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("LHE").path)
        #expect(lhe.count == 51)
        #expect(lhe.contains("LHE-05-Dinas-Kesehatan.docx"))
        for name in ["Laporan-Kompilasi-2024.docx", "Laporan-Kompilasi-2024-tabel.xlsx", "LKE-2024.xlsx"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test("into one ZIP")
    func zip() async throws {
        let data = try await Self.database()
        let zip = URL(fileURLWithPath: data).appendingPathComponent("lhe-2024.zip").path
        let r = await telaah("document", "periode", "--data-dir", data, "--tahun", "2024", "-o", zip)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("ditulis: \(zip) (54 berkas)"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: zip))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }

    @Test("a period that does not exist, a bad date, an empty database: a clear error")
    func errors() async throws {
        let data = try await Self.database()
        let out = URL(fileURLWithPath: data).appendingPathComponent("x").path
        let missing = await telaah("document", "periode", "--data-dir", data, "--tahun", "2019", "-o", out)
        #expect(missing.status == 1)
        #expect(missing.err.contains("periode evaluasi tahun 2019 tidak ada di Kabupaten Banyuasin"))
        let badDate = await telaah("document", "periode", "--data-dir", data, "--tanggal", "16-10-2024", "-o", out)
        #expect(badDate.status == 2)
        #expect(badDate.err.contains("TTTT-BB-HH"))
        let other = await telaah("document", "periode", "--data-dir", data, "--pemerintah", "lain", "-o", out)
        #expect(other.status == 1)
        #expect(other.err.contains("pemerintah daerah \"lain\" tidak ada (ada: banyuasin)"))
    }
}
