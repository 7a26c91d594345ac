extension PeriodPage {
    /// What waits for the account: its turn in the cycle, oldest first.
    /// Due dates close or passed of the moves that are the account's (the same lines it is mailed).
    static func reminders(_ html: inout HTML, _ m: Model) {
        guard !m.reminders.isEmpty else { return }
        html.el(.section, [.class("card"), .id("reminders"), .aria("label", "Pengingat")]) { card in
            card.el(.h2, text: "Pengingat batas waktu")
            card.el(.ul) { ul in for line in m.reminders { ul.el(.li, text: line) } }
        }
    }

    static func waiting(_ html: inout HTML, _ m: Model) {
        html.el(.section, [.class("card"), .id("waiting")]) { card in
            card.el(.h2, text: "Menunggu Anda")
            guard !m.waiting.isEmpty else {
                card.el(.p, [.class("muted")], text: "Tidak ada Perangkat Daerah yang menunggu tindakan Anda.")
                return
            }
            card.el(.div, [.class("scroll")]) { scroll in
                scroll.el(.table, [.class("list")]) { table in
                    table.el(.thead) { head in
                        head.el(.tr) { tr in
                            for h in ["Perangkat Daerah", "Tahap", "Sejak", "Batas waktu"] { tr.el(.th, text: h) }
                        }
                    }
                    table.el(.tbody) { body in
                        for w in m.waiting {
                            body.el(.tr) { tr in
                                tr.el(.td) { $0.el(.a, [.href(w.link)], text: w.name) }
                                tr.el(.td, text: w.stage)
                                tr.el(.td, text: w.since)
                                due(&tr, w.due)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Follow-up past its due day, one line per PD and LHE year, most first (the first ten).
    static func overdue(_ html: inout HTML, _ m: Model) {
        guard !m.overdue.isEmpty else { return }
        html.el(.section, [.class("card"), .id("overdue")]) { card in
            card.el(.h2, text: "Tindak lanjut lewat batas waktu")
            card.el(
                .p, [.id("overdue-count")],
                text: "\(m.overdueActions) rencana aksi lewat batas waktu pada \(m.overdueUnits) Perangkat Daerah"
                    + (m.overdueUnits > m.overdue.count ? "; \(m.overdue.count) dengan yang terbanyak:" : ":"))
            card.el(.div, [.class("scroll")]) { scroll in
                scroll.el(.table, [.class("list")]) { table in
                    table.el(.thead) { head in
                        head.el(.tr) { tr in
                            tr.el(.th, text: "Perangkat Daerah")
                            tr.el(.th, text: "LHE")
                            tr.el(.th, [.class("num")], text: "Rencana aksi lewat")
                            tr.el(.th, text: "Batas waktu tertua")
                        }
                    }
                    table.el(.tbody) { body in
                        for o in m.overdue {
                            body.el(.tr) { tr in
                                tr.el(.td) { $0.el(.a, [.href(o.link)], text: o.unit) }
                                tr.el(.td, text: "Tahun \(o.year)")
                                tr.el(.td, [.class("num")], text: String(o.actions))
                                tr.el(.td, text: o.oldest)
                            }
                        }
                    }
                }
            }
            card.el(.p) { $0.el(.a, [.href(m.followUpList + "?lewat=1")], text: "Semua yang lewat batas waktu") }
        }
    }

    /// The regency's result: what the Bupati decides on, first on his page.
    static func result(_ html: inout HTML, _ m: Model) {
        guard let r = m.result else { return }
        html.el(.section, [.class("card"), .id("regency-result")]) { card in
            card.el(.h2, text: "Hasil kabupaten")
            card.el(.p) { p in
                p.text("Rata-rata nilai ")
                p.el(.strong, [.id("regency-mean")], text: r.mean)
                if let against = r.againstLastYear { p.text(", \(against)") }
                p.text(" · \(m.complete).")
            }
            card.el(.p, [.class("predikat-counts")]) { p in
                p.text("Perangkat Daerah per predikat: ")
                for (code, count) in r.counts {
                    p.el(.span, [.class("chip"), .data("predikat", code)], text: "\(code): \(count)")
                    p.text(" ")
                }
            }
            card.el(.h3, text: "Perlu perhatian")
            guard !r.attention.isEmpty else {
                card.el(.p, [.class("muted")], text: "Tidak ada Perangkat Daerah dengan predikat di bawah B.")
                return
            }
            card.el(.ul, [.id("attention")]) { ul in
                for a in r.attention.prefix(8) {
                    ul.el(.li) { li in
                        if let link = a.link { li.el(.a, [.href(link)], text: a.name) } else { li.text(a.name) }
                        li.text(" · \(a.total) (\(a.predikat))")
                    }
                }
                if r.attention.count > 8 { ul.el(.li, text: "dan \(r.attention.count - 8) Perangkat Daerah lainnya") }
            }
        }
    }

    /// The period per stage, for who runs it: how many PD, whose turn, until when.
    static func stages(_ html: inout HTML, _ m: Model) {
        guard !m.stages.isEmpty else { return }
        html.el(.section, [.class("card"), .id("stages")]) { card in
            card.el(.h2, text: "Per tahap")
            card.el(.div, [.class("scroll")]) { scroll in
                scroll.el(.table, [.class("list")]) { table in
                    table.el(.thead) { head in
                        head.el(.tr) { tr in
                            tr.el(.th, text: "Tahap")
                            tr.el(.th, [.class("num")], text: "PD")
                            tr.el(.th, text: "Giliran")
                            tr.el(.th, text: "Batas waktu")
                        }
                    }
                    table.el(.tbody) { body in
                        for s in m.stages {
                            body.el(.tr) { tr in
                                tr.el(.td) { $0.el(.a, [.href(s.filter)], text: s.stage) }
                                tr.el(.td, [.class("num")], text: String(s.units))
                                tr.el(.td, text: s.owner)
                                due(&tr, s.due)
                            }
                        }
                    }
                }
            }
        }
    }

    static func due(_ tr: inout HTML, _ due: Due?) {
        guard let due else {
            tr.el(.td, text: "—")
            return
        }
        tr.el(.td) { td in
            td.text(due.text)
            if due.overdue {
                td.text(" ")
                td.el(.span, [.class("chip alert")], text: "lewat")
            }
        }
    }

    /// The Inspektur's general recommendations (seed 000 E, F), after D in the Laporan Kompilasi.
    static func general(_ html: inout HTML, _ m: Model) {
        html.el(.section, [.class("card"), .id("general-recommendations")]) { card in
            card.el(.h2, text: "Rekomendasi umum Laporan Kompilasi")
            card.el(
                .p, [.class("muted")],
                text: "Rekomendasi di luar empat komponen, satu per baris: dicetak setelah komponen terakhir "
                    + "(E, F, …) pada Ringkasan Eksekutif dan Bab II.B.")
            guard let api = m.general else {
                let lines = m.generalText.split(whereSeparator: \.isNewline).map(String.init)
                if lines.isEmpty {
                    card.el(.p, text: "Belum ada rekomendasi umum.")
                } else {
                    card.el(.ol) { ol in for line in lines { ol.el(.li, text: line) } }
                }
                return
            }
            // Where the save says it is stored, or why it is refused (a newer version, a missing role).
            card.el(.div, [.id("form-status"), .role("status"), .aria("live", "polite")])
            card.el(.form, [.data("api", api), .data("method", "PUT"), .id("general-form")]) { form in
                form.void(
                    .input, [.type("hidden"), .name("version"), .value(String(m.generalVersion)), .data("type", "int")])
                form.el(.label, [.class("wide")]) { l in
                    l.text("Rekomendasi umum (satu per baris)")
                    l.el(.textarea, [.name("text"), .rows(5)], text: m.generalText)
                }
                form.el(.button, [.class("primary")], text: "Simpan rekomendasi umum")
            }
        }
    }

    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.h1, text: m.period)
            html.el(.p, [.class("muted")], text: "\(m.years) · \(m.legalBasis) · \(m.framework)")
            html.el(.p) { p in
                p.text(m.complete + ".")
                if let panel = m.panel {
                    p.text(" ")
                    p.el(.a, [.href(panel), .id("panel-link")], text: "Panel kalibrasi")
                }
                if m.frame.isAdmin {
                    p.text(" · ")
                    p.el(.a, [.href(Site.adminTeams.path(m.periodID))], text: "Tim dan penugasan")
                }
                p.text(" · ")
                p.el(.a, [.href(m.followUpList), .id("follow-up-link")], text: "Tindak lanjut rekomendasi")
            }
            // What the account acts on first: its reminders and turn; the Bupati's result and
            // follow-up; then the period per stage for who runs it.
            reminders(&html, m)
            if m.leadsWithResult {
                result(&html, m)
                overdue(&html, m)
            } else {
                waiting(&html, m)
                stages(&html, m)
                result(&html, m)
                overdue(&html, m)
            }
            if let period = m.documents {
                html.el(.p, [.class("downloads")]) { p in
                    p.text("Unduh: ")
                    let links = [
                        ("kompilasi.docx", "Laporan Kompilasi (Word)"),
                        ("kompilasi.xlsx", "tabel Laporan Kompilasi (Excel)"),
                        ("lhe.zip", "semua LHE (ZIP)"), ("lke.xlsx", "LKE seluruh PD (Excel)"),
                    ]
                    for (i, (file, label)) in links.enumerated() {
                        if i > 0 { p.text(" · ") }
                        p.el(.a, [.href(Site.API.periodDocument(file).path(period))], text: label)
                    }
                }
                // The report as issued: its agenda number and date, given when it is sent.
                html.el(
                    .form,
                    [
                        .method("get"), .action(Site.API.periodDocument("kompilasi.docx").path(period)),
                        .class("inline-form"), .id("kompilasi-form"),
                    ]
                ) { form in
                    form.el(.label) { l in
                        l.text("Laporan Kompilasi bernomor ")
                        l.void(.input, [.name("nomor"), .placeholder("mis. 700/332/LHE-AKIP/INSPEKTORAT/2024")])
                    }
                    form.text(" ")
                    form.el(.label) { l in
                        l.text("tanggal ")
                        l.void(.input, [.name("tanggal"), .type("date")])
                    }
                    form.text(" ")
                    form.el(.button, text: "Unduh (Word)")
                }
                general(&html, m)
            }
            html.el(.form, [.method("get"), .class("filter")]) { form in
                form.el(.label) { l in
                    l.text("Tahap ")
                    Layout.select(&l, [.name("tahap"), .id("stage-filter")], m.stageChoices)
                }
                form.text(" ")
                form.el(.button, text: "Saring")
            }
            html.el(.div, [.class("scroll")]) { scroll in
                scroll.el(.table, [.class("list"), .id("units")]) { table in
                    table.el(.thead) { head in
                        head.el(.tr) { tr in
                            for h in [
                                "Perangkat Daerah", "Klaster", "Tahap", "Tim", "Giliran", "Batas waktu", "Kemajuan",
                            ] {
                                tr.el(.th, text: h)
                            }
                            tr.el(.th, [.class("num")], text: "Nilai")
                            tr.el(.th, text: "Predikat")
                        }
                    }
                    table.el(.tbody) { body in
                        for row in m.rows {
                            body.el(.tr, [.data("stage", row.stageID)]) { tr in
                                tr.el(.td) { td in
                                    if let link = row.link {
                                        td.el(.a, [.href(link)], text: row.name)
                                    } else {
                                        td.text(row.name)
                                    }
                                    if let lhe = row.signedLHE {
                                        td.text(" · ")
                                        td.el(.a, [.href(lhe), .class("signed-lhe")], text: "LHE ditandatangani")
                                    }
                                }
                                tr.el(.td, text: row.cluster)
                                tr.el(.td, text: row.stage)
                                tr.el(.td, text: row.team)
                                tr.el(.td, text: row.owner)
                                due(&tr, row.due)
                                tr.el(.td) { td in
                                    td.el(.span, [.class("bar")]) { $0.el(.span, [.style("width: \(row.percent)%")]) }
                                    td.text(" ")
                                    td.el(.small, text: row.progress)
                                }
                                tr.el(.td, [.class("num")], text: row.total)
                                tr.el(.td, text: row.predikat)
                            }
                        }
                    }
                }
            }
            guard !m.summary.isEmpty else { return }
            html.el(.h2, text: "Ringkasan kabupaten")
            html.el(
                .p, [.class("muted")],
                text:
                    "Dihitung dari Perangkat Daerah yang sudah lengkap dinilai. Rata-rata dari rata-rata klaster adalah angka yang berbeda dari rata-rata seluruh Perangkat Daerah."
            )
            html.el(.div, [.class("scroll")]) { scroll in
                scroll.el(.table, [.class("list")]) { table in
                    table.el(.thead) { head in
                        head.el(.tr) { tr in
                            tr.el(.th, text: "Rata-rata")
                            tr.el(.th, text: "Atas")
                            for c in m.columns { tr.el(.th, [.class("num")], text: c) }
                            tr.el(.th, text: "Predikat")
                        }
                    }
                    table.el(.tbody) { body in
                        for s in m.summary {
                            body.el(.tr) { tr in
                                tr.el(.td, text: s.name)
                                tr.el(.td, text: s.units)
                                for mean in s.means { tr.el(.td, [.class("num")], text: mean) }
                                tr.el(.td, text: s.predikat)
                            }
                        }
                    }
                }
            }
            html.el(.p) { p in
                p.text("Jumlah Perangkat Daerah per predikat: ")
                for c in m.counts {
                    p.el(.span, [.class("chip")], text: c)
                    p.text(" ")
                }
            }
        }
    }
}
