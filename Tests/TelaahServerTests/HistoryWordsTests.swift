import TelaahCore
import Testing

@testable import TelaahServer

/// The history page says each change in words.
@Suite("History in words")
struct HistoryWordsTests {
    func words(_ action: String, _ before: String?, _ after: String?) throws -> String {
        HistoryPage.words(
            action: action, before: try before.map { try JSONValue.parse($0) },
            after: try after.map { try JSONValue.parse($0) })
    }

    @Test("answers, grades, moves of the cycle and the seal")
    func sentences() throws {
        #expect(
            try words(
                "update", #"{"actor":"evaluator","criterion":"1.a.3","code":"Y","version":1}"#,
                #"{"actor":"evaluator","criterion":"1.a.3","code":"T","version":2}"#)
                == "1.a.3 (jawaban evaluator): Y → T")
        #expect(
            try words(
                "update", #"{"actor":"unit","criterion":"2.b.1","code":"Y","note":"ada","version":1}"#,
                #"{"actor":"unit","criterion":"2.b.1","notApplicable":"tidak ada UPT","version":2}"#)
                == "2.b.1 (jawaban PD): Y → tidak berlaku (tidak ada UPT); catatan dihapus")
        #expect(
            try words(
                "create", nil,
                #"{"actor":"evaluator","subcomponent":"1.a","grade":"BB","justification":"bukti lengkap","version":1}"#)
                == "1.a (nilai evaluator): — → BB; justifikasi: “bukti lengkap”")
        #expect(
            try words(
                "cycle", #"{"stage":"technical_review"}"#,
                #"{"stage":"evaluation","action":"return_to_team","reason":"Kondisi 2.b belum didukung bukti"}"#)
                == "Tahap: Reviu pengendali teknis → Evaluasi oleh tim (Kembalikan ke tim); alasan: “Kondisi 2.b belum didukung bukti”"
        )
        #expect(
            try words("cycle", #"{"stage":"signing"}"#, #"{"stage":"final","action":"sign","reason":""}"#)
                == "Tahap: Penandatanganan → Final (Tandatangani LHE)")
        #expect(
            try words(
                "seal", nil,
                #"{"lhe":"x","revision":"1","number":"700/3/LHE-AKIP/INSPEKTORAT/2024","docx_sha256":"3700e2ccca36d8d10d389f9b"}"#
            )
                == "LHE revisi 1 ditandatangani dan disimpan, nomor 700/3/LHE-AKIP/INSPEKTORAT/2024; SHA-256 3700e2ccca36d8d1…"
        )
    }
}
