extension HistoryPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.p) { $0.el(.a, [.href(m.back)], text: "← \(m.unit)") }
            html.el(.h1, text: "Riwayat perubahan: \(m.unit)")
            html.el(.div, [.class("scroll")]) { scroll in
                scroll.el(.table, [.class("list")]) { table in
                    table.el(.thead) { head in
                        head.el(.tr) { tr in
                            for h in ["No", "Waktu", "Oleh", "Tindakan", "Sebelum", "Sesudah"] { tr.el(.th, text: h) }
                        }
                    }
                    table.el(.tbody) { body in
                        for e in m.entries {
                            body.el(.tr) { tr in
                                tr.el(.td, text: e.seq)
                                tr.el(.td, text: e.at)
                                tr.el(.td, text: e.user)
                                tr.el(.td, text: "\(e.action) \(e.what)")
                                tr.el(.td) { $0.el(.code, text: e.before) }
                                tr.el(.td) { $0.el(.code, text: e.after) }
                            }
                        }
                    }
                }
            }
        }
    }
}
