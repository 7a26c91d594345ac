extension SettingsPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.h1, text: "Administrasi \(m.government)")
            AdminTabs.write(&html, current: Site.admin)
            html.el(.p, [.class("muted")]) { p in
                for c in m.counts {
                    p.el(.span, [.class("chip")], text: c)
                    p.text(" ")
                }
            }
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Pengaturan Inspektorat")
                card.el(
                    .p, [.class("muted")],
                    text:
                        "Nama, alamat dan kop surat, penanda tangan, dasar hukum, tembusan dan pola nomor LHE: dipakai pada setiap LHE dan laporan. Batas ukuran bukti dukung berlaku untuk unggahan berikutnya."
                )
                card.el(
                    .form,
                    [.data("api", Site.API.Admin.government.path()), .data("method", "PUT"), .id("settings-form")]
                ) {
                    form in
                    form.void(
                        .input, [.type("hidden"), .name("version"), .value(String(m.version)), .data("type", "int")])
                    form.el(.div, [.class("fields")]) { fields in
                        for f in m.fields {
                            Layout.field(
                                &fields, f.label,
                                [.name(f.name), .value(f.value), .required(f.name == "name")]
                                    + (f.integer ? [.type("number"), .data("type", "int")] : []),
                                hint: f.hint)
                        }
                        for f in m.longFields {
                            fields.el(.label, [.class("wide")]) { l in
                                l.text(f.label)
                                l.el(.textarea, [.name(f.name), .rows(3)], text: f.value)
                                if !f.hint.isEmpty { l.el(.small, [.class("muted")], text: f.hint) }
                            }
                        }
                    }
                    form.el(.button, [.class("primary")], text: "Simpan pengaturan")
                }
            }
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Logo kop surat")
                let logo = Site.API.Admin.logo.path() + "?version=\(m.version)"
                if m.hasLogo {
                    card.el(.p) {
                        $0.void(.img, [.src(Site.API.Admin.logo.path()), .alt("Logo pada kop surat"), .class("logo")])
                    }
                    card.el(
                        .button, [.data("api-delete", logo), .data("confirm", "Hapus logo dari kop surat?")],
                        text: "Hapus logo")
                } else {
                    card.el(.p, [.class("muted")], text: "Belum ada logo: kop surat LHE dan laporan tanpa gambar.")
                }
                card.el(.label) { l in
                    l.text("Berkas PNG (maks. 1 MB) ")
                    l.void(.input, [.type("file"), .id("logo-file"), .accept("image/png")])
                }
                card.el(
                    .button,
                    [
                        .data("admin-upload", logo), .data("file", "logo-file"), .data("method", "PUT"),
                        .data("content-type", "image/png"),
                    ], text: "Unggah logo")
            }
            html.el(.section, [.class("card"), .id("mail-log")]) { card in
                card.el(.h2, text: "Surel pengingat")
                guard !m.mails.isEmpty else {
                    card.el(.p, [.class("muted")], text: "Belum ada surel pengingat yang dikirim.")
                    return
                }
                card.el(.div, [.class("scroll")]) { scroll in
                    scroll.el(.table, [.class("list")]) { table in
                        table.el(.thead) { head in
                            head.el(.tr) { tr in
                                for h in ["Waktu", "Kepada", "Perihal", "Status"] { tr.el(.th, text: h) }
                            }
                        }
                        table.el(.tbody) { body in
                            for mail in m.mails {
                                body.el(.tr) { tr in
                                    tr.el(.td, text: mail.at)
                                    tr.el(.td, text: mail.to)
                                    tr.el(.td, text: mail.subject)
                                    tr.el(.td, text: mail.status)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
