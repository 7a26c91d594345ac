extension AdminTeamsPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.h1, text: "Tim dan penugasan")
            html.el(.p, [.class("muted")]) { p in
                p.text("\(m.period) · ")
                p.el(.a, [.href(Site.period.path(m.periodID))], text: "ke ikhtisar periode")
            }
            AdminTabs.write(&html, current: Site.adminPeriods)
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Tim evaluasi")
                card.el(
                    .p, [.class("muted")],
                    text:
                        "Susunan tim sesuai surat tugas: Penanggung Jawab, Pengendali Mutu, Pengendali Teknis, Ketua Tim dan Anggota Tim. Ketua dan anggota mengisi LKE Perangkat Daerah yang ditugaskan; pengendali membaca."
                )
                for t in m.teams { team(&card, t, m) }
                card.el(
                    .form,
                    [
                        .data("api", Site.API.Admin.teams.path(m.periodID)), .data("method", "POST"), .id("team-form"),
                        .class("row"),
                    ]
                ) { form in
                    form.void(
                        .input,
                        [
                            .name("name"), .required(), .placeholder("Nama tim baru, mis. Tim 3"),
                            .aria("label", "Nama tim baru"),
                        ])
                    form.el(.button, [.class("primary")], text: "Buat tim")
                }
            }
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Penugasan Perangkat Daerah")
                card.el(.p, text: "\(m.unassigned) Perangkat Daerah belum ditugaskan. Pilihan tersimpan seketika.")
                card.el(.div, [.class("scroll")]) { scroll in
                    scroll.el(.table, [.class("list")]) { table in
                        table.el(.thead) { head in
                            head.el(.tr) { tr in
                                for h in ["Perangkat Daerah", "Klaster", "Tim"] { tr.el(.th, text: h) }
                            }
                        }
                        table.el(.tbody) { body in
                            for a in m.assignments {
                                body.el(.tr) { tr in
                                    tr.el(.td, text: a.unit)
                                    tr.el(.td, text: a.cluster)
                                    tr.el(.td) { td in
                                        Layout.select(
                                            &td,
                                            [
                                                .name("team_id"), .data("api-change", a.link),
                                                .aria("label", "Tim untuk \(a.unit)"),
                                            ],
                                            a.choices)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func team(_ card: inout HTML, _ t: TeamRow, _ m: Model) {
        card.el(.div, [.class("team")]) { div in
            div.el(.h3) { h in
                h.text(t.name + " ")
                h.el(.small, [.class("muted")], text: "· \(t.units) Perangkat Daerah")
            }
            div.el(
                .form,
                [
                    .data("api", Site.API.Admin.team.path(t.id)), .data("method", "PUT"), .class("row surat-tugas"),
                    .id("letter-\(t.id)"),
                ]
            ) { form in
                form.void(.input, [.type("hidden"), .name("name"), .value(t.name)])
                form.el(.label) { l in
                    l.text("Nomor surat tugas ")
                    l.void(
                        .input, [.name("letter_number"), .value(t.letterNumber), .placeholder("700.1.2/…/ST/INSP/…")])
                }
                form.el(.label) { l in
                    l.text("Tanggal ")
                    l.void(.input, [.name("letter_date"), .type("date"), .value(t.letterDate)])
                }
                form.void(.input, [.type("hidden"), .name("version"), .value(String(t.version)), .data("type", "int")])
                form.el(.button, text: "Simpan surat tugas")
            }
            if t.letterNumber.isEmpty {
                div.el(
                    .p, [.class("alert")],
                    text: "Surat tugas belum diisi: penilaian mandiri PD tim ini belum dapat dibuka.")
            }
            div.el(.ul) { ul in
                for member in t.members {
                    ul.el(.li) { li in
                        li.text("\(member.name) · \(member.role) ")
                        li.el(
                            .button,
                            [
                                .class("link"), .data("api-delete", member.removeLink),
                                .data("confirm", "Keluarkan \(member.name) dari \(t.name)?"),
                            ], text: "keluarkan")
                    }
                }
            }
            div.el(
                .form, [.data("api", Site.API.Admin.members.path(t.id)), .data("method", "POST"), .class("row")]
            ) { form in
                form.el(.select, [.name("user_id"), .aria("label", "Pegawai")]) { select in
                    for c in m.staffChoices { select.el(.option, [.value(c.value)], text: c.label) }
                }
                Layout.select(&form, [.name("role"), .aria("label", "Peran dalam tim")], m.teamRoleChoices)
                form.el(.button, text: "Tambah anggota")
            }
        }
    }
}
