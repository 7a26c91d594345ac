extension AdminTemplatesPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.h1, text: "Naskah dokumen")
            AdminTabs.write(&html, current: Site.adminTemplates)
            html.el(
                .p, [.class("muted")],
                text:
                    "Kalimat setiap dokumen dapat diganti dengan naskah Inspektorat sendiri (YAML sebentuk naskah bawaan). Angka, nama dan tanggal diisi Telaah pada {{…}}. Naskah yang kuncinya kurang atau memakai {{…}} yang tidak dikenal ditolak dengan alasannya. Kosongkan lalu simpan untuk kembali ke naskah bawaan."
            )
            for k in m.kinds {
                html.el(.section, [.class("card")]) { card in
                    card.el(.h2, text: k.title + (k.custom ? " · naskah Inspektorat" : " · naskah bawaan"))
                    card.el(
                        .form,
                        [
                            .data("api", Site.API.Admin.template.path(k.name)), .data("method", "PUT"),
                            .id("template-\(k.name)"),
                        ]
                    ) { form in
                        form.void(
                            .input,
                            [.type("hidden"), .name("version"), .value(String(k.version)), .data("type", "int")])
                        form.el(.label, [.class("wide")]) { l in
                            l.text("Naskah \(k.title) (YAML)")
                            l.el(.textarea, [.name("yaml"), .rows(16), .class("code")], text: k.yaml)
                        }
                        form.el(.button, [.class("primary")], text: "Simpan naskah")
                    }
                }
            }
        }
    }
}
