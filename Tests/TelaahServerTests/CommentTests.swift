import Foundation
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// The reviewers' comments in threads, answered and resolved by the team, and the review page.
@Suite("Review comments", .serialized)
struct CommentTests {
    static let pangan = "Dinas Tanaman Pangan dan Hortikultura"

    @Test("a reviewer opens a thread, the team answers and resolves it; others may not")
    func threads() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            let url = "\(p.unit(Self.pangan))/comments"
            var teknis = try await Client.signedIn(app, "pengendali.teknis")
            var ketua = try await Client.signedIn(app, "ketua.tim")
            var anggota = try await Client.signedIn(app, "anggota.tim")
            let (opened, created) = try await teknis.json(
                .POST, url, json: ["subcomponent": "2.b", "text": "Bukti capaian triwulan III belum dilampirkan."])
            #expect(opened == .created)
            let thread = try #require(created["id"]?.stringValue)
            #expect(
                try await ketua.send(
                    .POST, url, json: ["subcomponent": "2.b", "text": "Sudah diunggah.", "thread_id": thread]
                ).status == .created)
            #expect(
                try await ketua.send(.POST, url, json: ["subcomponent": "1.a", "text": "x", "thread_id": thread]).status
                    == .unprocessableEntity)
            #expect(try await teknis.send(.PUT, "\(url)/\(thread)/resolve", json: [:]).status == .forbidden)
            #expect(try await anggota.send(.PUT, "\(url)/\(thread)/resolve", json: [:]).status == .noContent)
            let (_, state) = try await teknis.json(.GET, url)
            let t = state["threads"]?.elements?.first { $0["id"]?.stringValue == thread }
            #expect(t?["resolved"] == .bool(true))
            #expect(t?["replies"]?.elements?.first?["text"] == .string("Sudah diunggah."))
            #expect(state["open_threads"] == .number("1"))  // the demo's own thread stays open
            var pimpinan = try await Client.signedIn(app, "pimpinan")
            #expect(
                try await pimpinan.send(.POST, url, json: ["subcomponent": "2.b", "text": "x"]).status == .forbidden)
            // Not on a signed LHE.
            #expect(
                try await teknis.send(
                    .POST, "\(p.unit("Dinas Perpustakaan dan Kearsipan"))/comments",
                    json: ["subcomponent": "1.a", "text": "x"]
                ).status == .forbidden)

            // The review page: the thread, and the tier's change since the stage began.
            let (_, lke) = try await teknis.json(.GET, p.unit(Self.pangan))
            let version = lke["values"]?["evaluator"]?["grades"]?["3.a"]?["version"]?.decimalValue.flatMap {
                Int($0.plain(places: 0))
            }
            let revised = try await teknis.send(
                .PUT, "\(p.unit(Self.pangan))/grades/3.a",
                json: ["grade": "BB", "justification": "Disamakan dengan reviu", "version": version ?? 0])
            #expect(revised.status == .ok, "\(revised.body.string)")
            let page = try await teknis.send(.GET, p.page(Self.pangan) + "/reviu").body.string
            #expect(page.contains("Bukti capaian triwulan III belum dilampirkan."))
            #expect(page.contains("Sudah diunggah."))
            #expect(page.contains("keputusan tahap Reviu pengendali teknis"))
            #expect(page.contains("Utas komentar terbuka: 1"))
            #expect(page.contains("Bukti pemanfaatan hasil pengukuran belum dilampirkan."))
            let history = try await teknis.send(.GET, p.page(Self.pangan) + "/riwayat").body.string
            #expect(history.contains("Komentar reviu pada 2.b (tahap Reviu pengendali teknis)"))
            #expect(history.contains("Utas komentar pada 2.b ditandai selesai"))
        }
    }
}
