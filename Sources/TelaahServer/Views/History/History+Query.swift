import Foundation
import TelaahCore
import Vapor

extension HistoryPage {
    static func query(_ req: Request) async throws -> Model {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readHistory)
        let entries = try await req.store.history(of: access)
        return Model(
            frame: Frame(req, title: "Riwayat \(access.unit.name)", period: access.period.name),
            unit: access.unit.name, back: Site.lke.path(access.period.id!, access.unit.id!),
            entries: entries.reversed().map { e in
                Entry(
                    seq: String(e.seq), at: displayTime(e.at), user: e.username ?? "—",
                    action: ["create": "membuat", "update": "mengubah", "delete": "menghapus"][e.action] ?? e.action,
                    what: describe(e.after ?? e.before), before: e.before ?? "—", after: e.after ?? "—")
            })
    }

    /// `2024-10-16T03:04:05.000Z` → `16 Oktober 2024 03.04 UTC`.
    static func displayTime(_ iso: String) -> String {
        let parts = iso.split(whereSeparator: { "-T:.Z".contains($0) }).compactMap { Int($0) }
        guard parts.count >= 5, let date = IndonesianDate.format(year: parts[0], month: parts[1], day: parts[2]) else {
            return iso
        }
        return date + String(format: " %02d.%02d UTC", parts[3], parts[4])
    }

    static func describe(_ json: String?) -> String {
        guard let json, let value = try? JSONValue.parse(json) else { return "" }
        if let criterion = value["criterion"]?.stringValue { return "kriteria \(criterion)" }
        if let sub = value["subcomponent"]?.stringValue { return "sub-komponen \(sub)" }
        return ""
    }
}
