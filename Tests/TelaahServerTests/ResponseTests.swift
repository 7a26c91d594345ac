import Foundation
import TelaahCore
import TelaahDemo
import Testing
import VaporTesting

@testable import TelaahServer

/// The confirmation with the PD: its tanggapan on each finding, the team's replies, and the move
/// that needs every finding answered.
@Suite("The PD's tanggapan", .serialized)
struct ResponseTests {
    static let bappeda = "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan"

    /// Bappeda (at the confirmation in the demo) has no operator among the demo's accounts: the
    /// Admin adds one, signed in.
    static func bappedaOperator(_ app: Application, _ seeded: Demo.Seeded) async throws -> Client {
        var admin = try await Client.signedIn(app, "admin")
        let (created, _) = try await admin.json(
            .POST, "/api/v1/admin/users",
            json: [
                "username": "operator.bappeda", "display_name": "Operator Bappeda", "password": testPassword,
                "role": "operator", "unit_id": seeded.units[bappeda]!.uuidString,
            ])
        #expect(created == .created)
        return try await Client.signedIn(app, "operator.bappeda")
    }

    @Test("the PD answers every finding, then sends; the team replies; the exchange is kept")
    func exchange() async throws {
        try await withDemoApp { app, seeded in
            let p = DemoPaths(seeded)
            let unit = p.unit(Self.bappeda)
            var op = try await Self.bappedaOperator(app, seeded)
            var ketua = try await Client.signedIn(app, "ketua.tim")

            let (_, state) = try await op.json(.GET, "\(unit)/responses")
            let findings = state["findings"]?.elements ?? []
            #expect(findings.count >= 2)
            #expect(state["may_respond"] == .bool(true))
            #expect(state["complete"] == .bool(false))
            let subs = findings.compactMap { $0["subcomponent"]?.stringValue }

            // Not before every finding is answered.
            let early = try await op.send(.POST, "\(unit)/cycle", json: ["action": "respond", "from": "confirmation"])
            #expect(early.status == .conflict)
            #expect(early.body.string.contains("tanggapan atas setiap temuan"))
            let mute = try await op.send(.PUT, "\(unit)/responses/\(subs[0])", json: ["agree": false, "version": 0])
            #expect(mute.status == .unprocessableEntity)
            #expect(mute.body.string.contains("memerlukan penjelasan"))
            #expect(
                try await op.send(.PUT, "\(unit)/responses/9.z", json: ["agree": true, "version": 0]).status
                    == .notFound)
            let disagree = try await op.send(
                .PUT, "\(unit)/responses/\(subs[0])",
                json: ["agree": false, "text": "Dokumen Renstra telah diunggah pada aplikasi.", "version": 0])
            #expect(disagree.status == .ok, "\(disagree.body.string)")
            #expect(
                try await op.send(.PUT, "\(unit)/responses/\(subs[0])", json: ["agree": true, "version": 0]).status
                    == .conflict)
            for sub in subs.dropFirst() {
                #expect(
                    try await op.send(.PUT, "\(unit)/responses/\(sub)", json: ["agree": true, "version": 0]).status
                        == .ok)
            }
            #expect(
                try await ketua.send(.PUT, "\(unit)/responses/\(subs[0])/reply", json: ["reply": "x", "version": 1])
                    .status
                    == .forbidden)
            #expect(
                try await op.send(.POST, "\(unit)/cycle", json: ["action": "respond", "from": "confirmation"]).status
                    == .ok)
            #expect(
                try await op.send(.PUT, "\(unit)/responses/\(subs[1])", json: ["agree": true, "version": 1]).status
                    == .forbidden)

            // The team answers the disagreement.
            let reply = try await ketua.send(
                .PUT, "\(unit)/responses/\(subs[0])/reply",
                json: ["reply": "Bukti diterima; nilai tetap karena reviu belum dilakukan.", "version": 1])
            #expect(reply.status == .ok, "\(reply.body.string)")
            let (_, after) = try await op.json(.GET, "\(unit)/responses")
            let first = after["findings"]?.elements?.first
            #expect(first?["agree"] == .bool(false))
            #expect(first?["reply"] == .string("Bukti diterima; nilai tetap karena reviu belum dilakukan."))
            #expect(first?["replied_by"] == .string("Ketua Tim 1"))
            let page = try await op.send(.GET, p.page(Self.bappeda)).body.string
            #expect(page.contains("Tanggapan PD: tidak setuju. Dokumen Renstra telah diunggah pada aplikasi."))
            #expect(page.contains("Jawaban tim: Bukti diterima"))
            let history = try await ketua.send(.GET, p.page(Self.bappeda) + "/riwayat").body.string
            #expect(history.contains("Tanggapan PD atas temuan \(subs[0]): tidak setuju"))
            #expect(history.contains("Jawaban tim atas tanggapan temuan \(subs[0])"))
        }
    }
}
