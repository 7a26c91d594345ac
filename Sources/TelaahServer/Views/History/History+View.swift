extension HistoryPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.p) { $0.el(.a, [.href(m.back)], text: "← \(m.unit)") }
            html.el(.h1, text: "Riwayat perubahan: \(m.unit)")
            html.el(
                .p, [.class("muted")],
                text:
                    "Terbaru di atas. Setiap perubahan tercatat dalam jejak audit; nomornya adalah nomor entri jejak itu."
            )
            html.el(.div, [.class("scroll")]) { scroll in
                scroll.el(.table, [.class("list"), .id("history")]) { table in
                    table.el(.thead) { head in
                        head.el(.tr) { tr in for h in ["No", "Waktu", "Oleh", "Perubahan"] { tr.el(.th, text: h) } }
                    }
                    table.el(.tbody) { body in
                        for e in m.entries {
                            body.el(.tr) { tr in
                                tr.el(.td, text: e.seq)
                                tr.el(.td, text: e.at)
                                tr.el(.td, text: e.user)
                                tr.el(.td) { td in
                                    td.el(.span, [.class("change")], text: e.change)
                                    td.el(.details) { d in
                                        d.el(.summary, [.class("muted")], text: "data")
                                        d.el(.div) { $0.el(.code, text: "sebelum: \(e.before)") }
                                        d.el(.div) { $0.el(.code, text: "sesudah: \(e.after)") }
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
