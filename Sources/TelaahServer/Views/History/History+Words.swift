import TelaahCore

extension HistoryPage {
    /// One audit entry about an assessment in words: "1.a.3 (jawaban evaluator): Y → T",
    /// "Tahap: Evaluasi oleh tim → Reviu pengendali teknis (Ajukan reviu)", "LHE revisi 1
    /// ditandatangani, nomor …". The entry's JSON stays one click away for auditors.
    static func words(action: String, before: JSONValue?, after: JSONValue?) -> String {
        let now = after ?? before ?? .null
        if action == "cycle" {
            let from = stageTitle(before?["stage"]?.stringValue)
            let to = stageTitle(now["stage"]?.stringValue)
            let move = now["action"]?.stringValue.flatMap(Cycle.Action.init(rawValue:))?.title
            var text = "Tahap: \(from) → \(to)" + (move.map { " (\($0))" } ?? "")
            if let reason = now["reason"]?.stringValue, !reason.isEmpty { text += "; alasan: “\(reason)”" }
            return text
        }
        if action == "seal" {
            let revision = now["revision"]?.stringValue ?? "?"
            let number = now["number"]?.stringValue ?? "?"
            let sha = now["docx_sha256"]?.stringValue.map { "; SHA-256 \($0.prefix(16))…" } ?? ""
            return "LHE revisi \(revision) ditandatangani dan disimpan, nomor \(number)\(sha)"
        }
        if action == "respond", let sub = now["subcomponent"]?.stringValue {
            let agree = now["agree"] == .bool(true)
            let text = now["text"]?.stringValue.map { " — “\($0)”" } ?? ""
            return "Tanggapan PD atas temuan \(sub): \(agree ? "setuju" : "tidak setuju")\(text)"
        }
        if action == "reply", let sub = now["subcomponent"]?.stringValue {
            return "Jawaban tim atas tanggapan temuan \(sub): “\(now["reply"]?.stringValue ?? "")”"
        }
        if action == "comment", let sub = now["subcomponent"]?.stringValue {
            let tier =
                now["stage"]?.stringValue.flatMap(Cycle.Stage.init(rawValue:)).map { " (tahap \($0.title))" } ?? ""
            return "Komentar reviu pada \(sub)\(tier): “\(now["text"]?.stringValue ?? "")”"
        }
        if action == "resolve", let sub = now["subcomponent"]?.stringValue {
            return "Utas komentar pada \(sub) ditandai selesai"
        }
        if action == "draft", let component = now["component"]?.stringValue {
            return "Kondisi komponen \(component) dalam rancangan LHE: “\(now["text"]?.stringValue ?? "")”"
        }
        if let demo = now["demo"]?.stringValue { return "Data demo: \(demo)" }
        let whose = now["actor"]?.stringValue == "unit" ? "PD" : "evaluator"
        if let criterion = now["criterion"]?.stringValue {
            var text = "\(criterion) (jawaban \(whose)): \(answer(before)) → \(answer(after))"
            text += changed("catatan", before?["note"], after?["note"])
            return text
        }
        if let sub = now["subcomponent"]?.stringValue {
            var text =
                "\(sub) (nilai \(whose)): \(before?["grade"]?.stringValue ?? "—") → \(after?["grade"]?.stringValue ?? "—")"
            text += changed("justifikasi", before?["justification"], after?["justification"])
            text += changed("catatan", before?["note"], after?["note"])
            text += changed("rekomendasi", before?["recommendation"], after?["recommendation"])
            if let tier = now["stage"]?.stringValue.flatMap(Cycle.Stage.init(rawValue:)) {
                text += " (keputusan tahap \(tier.title))"
            }
            return text
        }
        return (["create": "Membuat", "update": "Mengubah", "delete": "Menghapus"][action] ?? action)
            + " " + (after?.rendered(pretty: false) ?? "")
    }

    private static func stageTitle(_ raw: String?) -> String {
        raw.flatMap(Cycle.Stage.init(rawValue:))?.title ?? raw ?? "—"
    }

    /// A criterion's answer: its code, or "tidak berlaku" with the reason, or "—".
    private static func answer(_ value: JSONValue?) -> String {
        if let code = value?["code"]?.stringValue { return code }
        if let reason = value?["notApplicable"]?.stringValue { return "tidak berlaku (\(reason))" }
        return "—"
    }

    /// "; catatan: “…”" when the text changed (cleared: "dihapus"), else nothing.
    private static func changed(_ name: String, _ old: JSONValue?, _ new: JSONValue?) -> String {
        let was = old?.stringValue ?? ""
        let now = new?.stringValue ?? ""
        guard was != now else { return "" }
        if now.isEmpty { return "; \(name) dihapus" }
        let short = now.count > 120 ? String(now.prefix(120)) + "…" : now
        return "; \(name): “\(short)”"
    }
}
