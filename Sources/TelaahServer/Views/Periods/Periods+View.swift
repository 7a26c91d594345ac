extension PeriodsPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.h1, text: "Periode evaluasi")
            html.el(
                .p, [.class("muted")], text: "Pilih periode yang akan dibuka. Periode yang ditutup tetap dapat dibaca.")
            html.el(.div, [.class("scroll")]) { scroll in
                scroll.el(.table, [.class("list")]) { table in
                    table.el(.thead) {
                        $0.el(.tr) { tr in for h in ["Periode", "Tahun", "Status"] { tr.el(.th, text: h) } }
                    }
                    table.el(.tbody) { body in
                        for p in m.periods {
                            body.el(.tr, [.class(p.current ? "current" : nil)]) { tr in
                                tr.el(.td) { td in
                                    td.el(.a, [.href(p.link)], text: p.name)
                                    if p.current {
                                        td.text(" ")
                                        td.el(.span, [.class("chip")], text: "terakhir dibuka")
                                    }
                                }
                                tr.el(.td, text: p.years)
                                tr.el(.td, text: p.status)
                            }
                        }
                    }
                }
            }
            if m.periods.isEmpty {
                html.el(.p) { p in
                    p.text("Belum ada periode evaluasi.")
                    if m.frame.isAdmin {
                        p.text(" ")
                        p.el(.a, [.href(Site.adminPeriods.path())], text: "Buka periode pertama")
                        p.text(".")
                    }
                }
            }
        }
    }
}
