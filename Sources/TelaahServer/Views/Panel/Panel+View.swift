extension PanelPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.p) { $0.el(.a, [.href(Site.period.path(m.periodID))], text: "← \(m.period)") }
            html.el(.h1, text: "Panel kalibrasi")
            html.el(
                .p, [.class("muted")],
                text:
                    "Nilai tim per sub-komponen setiap Perangkat Daerah, untuk menyeragamkan nilai dan kategori. Bertanda: berbeda dari saran kriteria; ◆ diputuskan pada tahap reviu. Selisih dihitung terhadap rata-rata PD lain di klaster yang sama."
            )
            html.el(.div, [.id("form-status"), .role("status"), .aria("live", "polite")])
            html.el(.form, [.method("get"), .class("filter")]) { form in
                for (name, label, choices) in [
                    ("tahap", "Tahap", m.stageChoices), ("klaster", "Klaster", m.clusterChoices),
                    ("urut", "Urutkan", m.sortChoices),
                ] {
                    form.el(.label) { l in
                        l.text(label + " ")
                        Layout.select(&l, [.name(name)], choices)
                    }
                }
                form.el(.button, text: "Tampilkan")
            }
            html.el(.p, [.id("panel-summary")], text: m.summary)
            html.el(.div, [.class("scroll")]) { scroll in
                scroll.el(.table, [.class("list panel"), .id("panel")]) { table in
                    table.el(.thead) { head in
                        head.el(.tr) { tr in
                            for h in ["Perangkat Daerah", "Klaster", "Tahap"] { tr.el(.th, text: h) }
                            for sub in m.subcomponents { tr.el(.th, [.class("num"), .title(sub.title)], text: sub.id) }
                            for h in ["Nilai", "Predikat", "Beda saran", "Selisih klaster", "Tindakan"] {
                                tr.el(.th, [.class("num")], text: h)
                            }
                        }
                    }
                    table.el(.tbody) { body in
                        for row in m.rows { Self.row(&body, row, grades: m.grades) }
                    }
                }
            }
        }
    }

    private static func row(_ body: inout HTML, _ row: Row, grades: [String]) {
        body.el(.tr, [.class(row.outlier ? "outlier" : "")]) { tr in
            tr.el(.td) { $0.el(.a, [.href(row.link)], text: row.name) }
            tr.el(.td, text: row.cluster)
            tr.el(.td, text: row.stage)
            for cell in row.cells {
                // Attributes only where a cell has something to say: 612 cells a page.
                let classes =
                    cell.deviates ? (cell.tier != nil ? "dev tier" : "dev") : (cell.tier != nil ? "tier" : nil)
                // The suggestion only where the grade departs from it: elsewhere it is the cell's text.
                var title = cell.deviates ? cell.suggested.map { "saran kriteria: \($0)" } : nil
                if let tier = cell.tier { title = (title.map { $0 + "; " } ?? "") + "diputuskan pada tahap \(tier)" }
                tr.el(.td, [.class(classes), .title(title)]) { td in
                    if let revise = cell.revise {
                        Layout.select(
                            &td,
                            [
                                .data("revise", revise.url), .data("version", String(revise.version)),
                                .aria("label", "Nilai \(row.name)"),
                            ],
                            [Choice(value: "", label: "saran", selected: !grades.contains(cell.grade))]
                                + grades.map { Choice(value: $0, label: $0, selected: $0 == cell.grade) })
                    } else {
                        td.text(cell.grade)
                    }
                    if cell.tier != nil { td.text(" ◆") }
                }
            }
            tr.el(.td, [.class("num")], text: row.total)
            tr.el(.td, [.class("num")], text: row.predikat)
            tr.el(.td, [.class("num")], text: String(row.deviations))
            tr.el(.td, [.class(row.outlier ? "num alert" : "num")], text: row.standing)
            tr.el(.td) { td in
                guard let (url, from) = row.approve else { return }
                td.el(
                    .form,
                    [
                        .class("move inline"), .data("api", url), .data("method", "POST"),
                        .data("confirm", "Setujui \(row.name)? Tahap ini selesai untuk PD ini."),
                    ]
                ) { form in
                    form.void(.input, [.type("hidden"), .name("action"), .value("approve")])
                    form.void(.input, [.type("hidden"), .name("from"), .value(from.rawValue)])
                    form.el(.button, [.type("submit")], text: "Setujui")
                }
            }
        }
    }
}
