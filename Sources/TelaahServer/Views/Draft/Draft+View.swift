extension DraftPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.p) { $0.el(.a, [.href(m.back)], text: "← \(m.unit)") }
            html.el(.h1, text: "Rancangan LHE: \(m.unit)")
            html.el(
                .p, [.class("muted")],
                text:
                    "Kondisi setiap komponen, dicetak dalam LHE pada butir 1 uraian. Catatan dan rekomendasi per sub-komponen diisi pada halaman LKE. "
                    + (m.draft.complete
                        ? "Semua komponen sudah berkondisi."
                        : "Ajukan reviu memerlukan kondisi setiap komponen."))
            html.el(.div, [.id("form-status"), .role("status"), .aria("live", "polite")])
            for c in m.draft.components {
                html.el(.section, [.class("card"), .data("component", c.component)]) { card in
                    card.el(.h2, text: "\(c.component). \(c.title)")
                    if m.draft.editable {
                        card.el(
                            .form,
                            [
                                .data("api", Site.API.condition.path(m.periodID, m.unitID, c.component)),
                                .data("method", "PUT"), .class("condition-form"),
                            ]
                        ) { form in
                            form.el(.label, [.class("wide")]) { l in
                                l.text("Kondisi")
                                l.el(.textarea, [.name("text"), .rows(4), .required()], text: c.text ?? "")
                            }
                            form.void(
                                .input,
                                [.type("hidden"), .name("version"), .value(String(c.version)), .data("type", "int")])
                            form.el(.button, [.type("submit")], text: "Simpan kondisi")
                        }
                    } else {
                        card.el(.p, [.class(c.text == nil ? "muted" : nil)], text: c.text ?? "Belum ditulis.")
                    }
                    if let by = c.updated_by { card.el(.p, [.class("muted small")], text: "Ditulis oleh \(by).") }
                }
            }
        }
    }
}
