import Foundation
import SQLKit
import TelaahCore
import Testing
import ZIPFoundation

@testable import TelaahDemo
@testable import TelaahServer

@Suite("Signed letters as the register reads them")
struct SignedLetterTests {
    /// The paragraphs of a stored DOCX's body, their runs joined.
    static func paragraphs(ofDOCX data: Data) throws -> [String] {
        let archive = try Archive(data: data, accessMode: .read)
        guard let entry = archive["word/document.xml"] else { return [] }
        var xml = ""
        _ = try archive.extract(entry) { xml += String(decoding: $0, as: UTF8.self) }
        let token = try Regex(#"<w:tab/>|<w:t(?: [^>]*)?>([^<]*)</w:t>"#)
        return xml.components(separatedBy: "</w:p>").map { p in
            p.matches(of: token).map { m in m.output[1].substring.map(String.init) ?? "\t" }.joined()
        }
    }

    @Test(
        "last year's follow-up counts what each signed LHE holds: a recommendation with its points is one; its date is its seal's day"
    )
    func countsWhatWasSigned() async throws {
        try await withApp { app in
            _ = try await Demo.seed(app, password: testPassword, history: true, story: testStory)
            let letters = try await app.store.rows(
                "SELECT assessment_id, docx, date, signed_at FROM lhe_documents WHERE year = 2023")
            #expect(letters.count == 51)
            var withPoints = 0
            for letter in letters {
                let texts = try Self.paragraphs(ofDOCX: try letter.decode(column: "docx", as: Data.self))
                // Item 2 of the uraian: its lettered recommendations, their points (`1)`) not counted.
                let start = try #require(texts.firstIndex { $0.hasPrefix("2.\t") }, "item 2 of the uraian")
                let rest = texts[(start + 1)...]
                let end = rest.firstIndex { $0.hasPrefix("3.\t") || $0.hasPrefix("Demikian") } ?? rest.endIndex
                let lettered = rest[..<end].filter {
                    $0.range(of: #"^[a-z]{1,2}\.\t"#, options: .regularExpression) != nil
                }
                if rest[..<end].contains(where: { $0.hasPrefix("1)\t") }) { withPoints += 1 }
                let register = try await app.store.followUp(
                    assessmentID: try letter.required(letter.uuid, "assessment_id"))
                #expect(register.current.count == lettered.count, "\(lettered)")
                // Dated as sealed: the letter's day is the day of its signing in WIB.
                let signedAt = try #require(UTCTimestamp.date(try letter.required(letter.string, "signed_at")))
                #expect(DocumentDate.today(at: signedAt).isoText == (try letter.required(letter.string, "date")))
            }
            #expect(withPoints > 0, "some signed recommendation carries points")
        }
    }

    @Test("the register reads a recommendation's points as part of it, as the LHE prints them")
    func pointsStayWithTheirRecommendation() {
        let text = """
            Hasil Pengukuran Rencana Aksi agar menjadi dasar untuk:
            1) Menyampaikan kemajuan (progres) kinerja;
            2) Mengambil tindakan (aksi) untuk mencapai target kinerja;
            """
        #expect(
            FollowUp.recommendations(in: text) == [
                "Hasil Pengukuran Rencana Aksi agar menjadi dasar untuk:\nMenyampaikan kemajuan (progres) kinerja;\nMengambil tindakan (aksi) untuk mencapai target kinerja;"
            ])
    }
}
