import Foundation
import Testing
import ZIPFoundation

@testable import TelaahDocuments

@Suite struct StreamedZipTests {
    /// The ZIP as the server sends it: header, bytes, descriptor per entry, then the directory.
    static func assemble(_ files: [(String, Data)]) throws -> (StreamedZip, Data) {
        let when = Date(timeIntervalSince1970: 1_729_040_000)  // 16 Oktober 2024 (WIB)
        let zip = try StreamedZip(entries: files.map { .init(path: $0.0, size: Int64($0.1.count), modified: when) })
        var out = Data()
        var crcs: [UInt32] = []
        for (i, file) in files.enumerated() {
            out.append(zip.localHeader(i))
            var crc = StreamedZip.Checksum()
            // Fed in pieces, as the store hands them over.
            for start in stride(from: 0, to: file.1.count, by: 7) {
                let piece = file.1[start..<min(start + 7, file.1.count)]
                crc.update(piece)
                out.append(piece)
            }
            crcs.append(crc.value)
            out.append(zip.descriptor(i, crc: crc.value))
        }
        out.append(zip.directory(crcs: crcs))
        return (zip, out)
    }

    @Test("entries stored with their CRC after the bytes open in another ZIP reader, byte for byte")
    func roundTrip() throws {
        let files = [
            ("Daftar-Bukti-Dukung.xlsx", Data("PK-bukan-sungguhan".utf8)),
            ("PD/1.a.1/Renstra Dinas Kesehatan 2024–2026.pdf", Data("%PDF-1.4\n%%EOF\n".utf8)),
            ("Tim/2.a/kosong.txt", Data()),
        ]
        let (zip, data) = try Self.assemble(files)
        #expect(Int64(data.count) == zip.length)
        let archive = try Archive(data: data, accessMode: .read)
        var read: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            read[entry.path] = bytes
        }
        #expect(read == Dictionary(uniqueKeysWithValues: files))
    }

    @Test("CRC-32 of the check string is CBF43926")
    func checksum() {
        var crc = StreamedZip.Checksum()
        crc.update(Data("12345".utf8))
        crc.update(Data("6789".utf8))
        #expect(crc.value == 0xCBF4_3926)
    }

    @Test("past 4 GiB in all the ZIP is refused with a reason, just under it is taken")
    func limit() throws {
        let when = Date()
        let fits = StreamedZip.limit - 22 - 2 * (30 + 1 + 16) - 2 * (46 + 1)
        #expect(throws: Never.self) {
            try StreamedZip(entries: [
                .init(path: "a", size: fits / 2, modified: when),
                .init(path: "b", size: fits - fits / 2, modified: when),
            ])
        }
        #expect(throws: StreamedZip.TooLarge.self) {
            try StreamedZip(entries: [
                .init(path: "a", size: fits / 2, modified: when),
                .init(path: "b", size: fits - fits / 2 + 1, modified: when),
            ])
        }
    }
}
