import Fluent
import Foundation
import TelaahCore
import Vapor

extension HistoryPage {
    static func query(_ req: Request) async throws -> Model {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readHistory)
        let entries = try await req.store.history(of: access)
        let users = try await User.query(on: req.db).filter(\.$government.$id == access.user.governmentID).all()
        let names = Dictionary(users.map { ($0.username, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        return Model(
            frame: Frame(req, title: "Riwayat \(access.unit.name)", period: access.period.name),
            unit: access.unit.name, back: Site.lke.path(access.period.id!, access.unit.id!),
            entries: entries.reversed().map { e in
                let who = e.username.map { username in names[username].map { "\($0) (\(username))" } ?? username }
                return Entry(
                    seq: String(e.seq), at: WIBTime.text(utc: e.at), user: who ?? "sistem",
                    change: words(
                        action: e.action, before: e.before.flatMap { try? JSONValue.parse($0) },
                        after: e.after.flatMap { try? JSONValue.parse($0) }),
                    before: e.before ?? "—", after: e.after ?? "—")
            })
    }
}
