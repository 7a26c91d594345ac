extension FollowUpListPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.p) { $0.el(.a, [.href(m.back)], text: "← \(m.period)") }
            html.el(.h1, text: "Tindak lanjut rekomendasi: \(m.period)")
            html.el(.p, [.class("downloads")]) { p in
                p.text("Unduh: ")
                p.el(.a, [.href(m.matrix)], text: "matriks tindak lanjut (Excel)")
            }
            guard !m.units.isEmpty else {
                html.el(
                    .p, [.class("muted")],
                    text: "Belum ada LHE bertanda tangan dengan rekomendasi pada PD yang dapat Anda baca.")
                return
            }
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Per Perangkat Daerah")
                card.el(.div, [.class("scroll")]) { scroll in
                    scroll.el(.table, [.class("list"), .id("follow-up-units")]) { table in
                        table.el(.thead) { head in
                            head.el(.tr) { tr in
                                for h in ["Perangkat Daerah", "Rencana aksi", "Tindak lanjut", "Lewat batas"] {
                                    tr.el(.th, text: h)
                                }
                            }
                        }
                        table.el(.tbody) { body in
                            for u in m.units {
                                body.el(.tr) { tr in
                                    tr.el(.td) { $0.el(.a, [.href(u.link)], text: u.name) }
                                    tr.el(.td, text: u.plan)
                                    tr.el(.td, text: u.summary)
                                    tr.el(.td, text: u.overdue == 0 ? "—" : "\(u.overdue) rekomendasi")
                                }
                            }
                        }
                    }
                }
            }
            html.el(.form, [.method("get"), .class("filter")]) { form in
                form.el(.label) { l in
                    l.text("Status ")
                    Layout.select(&l, [.name("status")], m.statusChoices)
                }
                form.text(" ")
                form.el(.label) { l in
                    l.text("PD ")
                    Layout.select(&l, [.name("pd")], m.unitChoices)
                }
                form.text(" ")
                form.el(.label) { l in
                    l.void(.input, [.type("checkbox"), .name("lewat"), .value("1"), .checked(m.overdueOnly)])
                    l.text(" hanya yang lewat batas waktu")
                }
                form.text(" ")
                form.el(.button, text: "Saring")
            }
            html.el(.p, [.class("muted")], text: "\(m.lines.count) dari \(m.total) rekomendasi.")
            html.el(.div, [.class("scroll")]) { scroll in
                scroll.el(.table, [.class("list"), .id("follow-up-list")]) { table in
                    table.el(.thead) { head in
                        head.el(.tr) { tr in
                            for h in ["Perangkat Daerah", "Sub-komponen", "Rekomendasi", "Rencana aksi", "Status"] {
                                tr.el(.th, text: h)
                            }
                        }
                    }
                    table.el(.tbody) { body in
                        for l in m.lines {
                            body.el(.tr) { tr in
                                tr.el(.td) { $0.el(.a, [.href(l.link)], text: l.unit) }
                                tr.el(.td, [.class("small")], text: l.subcomponent)
                                tr.el(.td, [.class("small"), .title(l.full)], text: l.text)
                                tr.el(.td, text: l.actions)
                                tr.el(.td) { td in
                                    td.el(.span, [.class(l.closed ? "chip ok" : "chip")], text: l.status)
                                    if l.overdue {
                                        td.text(" ")
                                        td.el(.span, [.class("chip alert")], text: "lewat batas waktu")
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
