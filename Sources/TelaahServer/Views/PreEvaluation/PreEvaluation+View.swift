extension PreEvaluationPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.p) { $0.el(.a, [.href(m.back)], text: "← \(m.unit)") }
            html.el(.h1, text: "Profil pra-evaluasi: \(m.unit)")
            html.el(.p, [.class("muted")]) { p in
                p.text(
                    "Gambaran umum Perangkat Daerah sebelum evaluasi (Pra Evaluasi AKIP): \(m.profile.filled) dari \(m.profile.items.count) butir terisi."
                )
                if let by = m.profile.updated_by, let at = m.profile.updated_at_text {
                    p.text(" Terakhir diubah oleh \(by), \(at).")
                }
            }
            html.el(.div, [.id("form-status"), .role("status"), .aria("live", "polite")])
            html.el(
                .form,
                [.data("api", m.api), .data("method", "PUT"), .id("pre-evaluation"), .class("pre-evaluation")]
            ) { form in
                for item in m.profile.items {
                    form.el(.label, [.class("wide")]) { l in
                        l.el(.strong, text: "\(item.key). \(item.title)")
                        if item.automatic || !m.profile.editable {
                            l.el(.p, [.class(item.text == nil ? "muted" : nil)], text: item.text ?? "Belum diisi.")
                            if item.automatic { l.el(.small, [.class("muted")], text: "Dari periode sebelumnya.") }
                        } else {
                            l.el(.textarea, [.name(item.key), .rows(3)], text: item.text ?? "")
                        }
                    }
                }
                if m.profile.editable {
                    form.void(
                        .input,
                        [.type("hidden"), .name("version"), .value(String(m.profile.version)), .data("type", "int")])
                    form.el(.div) { $0.el(.button, [.class("primary")], text: "Simpan profil") }
                }
            }
        }
    }
}
