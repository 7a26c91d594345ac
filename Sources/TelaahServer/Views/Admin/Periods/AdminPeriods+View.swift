import TelaahCore

extension AdminPeriodsPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.h1, text: "Periode dan kerangka LKE")
            AdminTabs.write(&html, current: Site.adminPeriods)
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Periode evaluasi")
                card.el(.div, [.class("scroll")]) { scroll in
                    scroll.el(.table, [.class("list")]) { table in
                        table.el(.thead) { head in
                            head.el(.tr) { tr in
                                for h in ["Periode", "Tahun", "Kerangka LKE (dibekukan)", "Status", ""] {
                                    tr.el(.th, text: h)
                                }
                            }
                        }
                        table.el(.tbody) { body in for p in m.periods { row(&body, p) } }
                    }
                }
                guard !m.frameworkChoices.isEmpty else { return }
                card.el(.h3, text: "Buka periode baru")
                card.el(
                    .p, [.class("muted")],
                    text:
                        "Kerangka LKE yang dipilih dibekukan untuk periode ini: penilaian periode ini selalu memakai versi yang sama."
                )
                card.el(
                    .form,
                    [
                        .data("api", Site.API.Admin.periods.path()), .data("method", "POST"), .id("period-form"),
                        .class("fields"),
                        .data(
                            "confirm",
                            "Buka periode evaluasi tahun {evaluation_year}? Kerangka LKE yang dipilih dibekukan untuk periode ini. Satu tahun evaluasi hanya dapat dibuka sekali."
                        ),
                    ]
                ) { form in
                    Layout.field(
                        &form, "Nama periode",
                        [.name("name"), .required(), .value("Evaluasi AKIP Tahun \(m.nextYear)")])
                    Layout.field(
                        &form, "Tahun evaluasi",
                        [
                            .name("evaluation_year"), .type("number"), .min(2000), .max(m.maxYear), .required(),
                            .value(String(m.nextYear)), .data("type", "int"),
                        ])
                    Layout.field(
                        &form, "Tahun kinerja yang dievaluasi",
                        [
                            .name("performance_year"), .type("number"), .min(2000), .max(m.maxYear),
                            .placeholder("tahun evaluasi − 1"), .data("type", "int"),
                        ])
                    form.el(.label) { l in
                        l.text("Kerangka LKE")
                        Layout.select(&l, [.name("framework_version_id"), .required()], m.frameworkChoices)
                    }
                    form.el(.div) { $0.el(.button, [.class("primary")], text: "Buka periode") }
                }
            }
            for p in m.periods where p.open { cycleForm(&html, p) }
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Kerangka LKE")
                card.el(
                    .p, [.class("muted")],
                    text:
                        "Setiap versi disimpan apa adanya beserta sidik SHA-256-nya. Versi yang sudah dipakai periode dibekukan; perubahan dimuat sebagai versi baru."
                )
                card.el(.div, [.class("scroll")]) { scroll in
                    scroll.el(.table, [.class("list")]) { table in
                        table.el(.thead) { head in
                            head.el(.tr) { tr in
                                for h in ["Kerangka", "Judul", "SHA-256", "Status"] { tr.el(.th, text: h) }
                            }
                        }
                        table.el(.tbody) { body in
                            for f in m.frameworks {
                                body.el(.tr) { tr in
                                    tr.el(.td, text: f.name)
                                    tr.el(.td, text: f.title)
                                    tr.el(.td, [.class("mono")], text: f.sha + "…")
                                    tr.el(.td) { td in
                                        if f.frozen {
                                            td.el(.span, [.class("chip")], text: "dibekukan")
                                        } else {
                                            td.text("belum dipakai")
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                card.el(.h3, text: "Unggah versi baru")
                card.el(.p, [.class("muted")]) { p in
                    p.text("Berkas YAML (format pada ")
                    p.el(.code, text: "docs/framework-format.md")
                    p.text(
                        ") diperiksa lebih dahulu; setiap kesalahan disebutkan dengan barisnya dan tidak ada yang tersimpan."
                    )
                }
                card.el(.label) { l in
                    l.text("Berkas YAML ")
                    l.void(.input, [.type("file"), .id("framework-file"), .accept(".yaml,.yml")])
                }
                card.el(
                    .button,
                    [.data("admin-upload", Site.API.Admin.frameworks.path()), .data("file", "framework-file")],
                    text: "Unggah dan periksa")
            }
        }
    }

    /// An open period's tiers and due dates (`PeriodCycleController`).
    private static func cycleForm(_ html: inout HTML, _ p: Row) {
        html.el(.section, [.class("card")]) { card in
            card.el(.h2, text: "Tahapan dan batas waktu: \(p.name)")
            card.el(
                .p, [.class("muted")],
                text:
                    "Tingkat reviu hanya dilewati bila dicentang di sini (misalnya bila satu orang memegang dua peran). Batas waktu tampil pada daftar tunggu setiap akun dan halaman periode."
            )
            card.el(
                .form,
                [
                    .data("api", Site.API.Admin.periodCycle.path(p.id)), .data("method", "PUT"),
                    .id("cycle-form-\(p.id)"), .class("fields"),
                ]
            ) { form in
                let skips = [
                    ("skip_technical_review", "Lewati reviu pengendali teknis", p.cycle.settings.skipTechnicalReview),
                    ("skip_panel", "Lewati panel", p.cycle.settings.skipPanel),
                    ("skip_quality_review", "Lewati reviu pengendali mutu", p.cycle.settings.skipQualityReview),
                ]
                form.el(.p, [.class("checks")]) { row in
                    for (name, label, on) in skips {
                        row.el(.label, [.class("check")]) { l in
                            l.void(.input, [.type("checkbox"), .name(name), .data("type", "bool"), .checked(on)])
                            l.text(" " + label)
                        }
                    }
                }
                for deadline in Cycle.Deadline.allCases {
                    Layout.field(
                        &form, "Batas waktu: \(deadline.title)",
                        [
                            .name(deadline.column), .type("date"),
                            .value(p.cycle.due[deadline] ?? ""),
                        ])
                }
                form.void(.input, [.type("hidden"), .name("version"), .value(String(p.version)), .data("type", "int")])
                form.el(.div) { $0.el(.button, [.class("primary")], text: "Simpan tahapan dan batas waktu") }
            }
        }
    }

    private static func row(_ body: inout HTML, _ p: Row) {
        body.el(.tr) { tr in
            tr.el(.td) { $0.el(.a, [.href(Site.period.path(p.id))], text: p.name) }
            tr.el(.td, text: p.years)
            tr.el(.td, text: p.framework)
            tr.el(.td, text: p.status)
            tr.el(.td) { td in
                td.el(.a, [.href(Site.adminTeams.path(p.id))], text: "Tim dan penugasan")
                td.text(" · ")
                td.el(
                    .button,
                    [
                        .class("link"), .data("api-json", Site.API.Admin.period.path(p.id)),
                        .data("body", "{\"status\": \"\(p.open ? "closed" : "open")\", \"version\": \(p.version)}"),
                        .data(
                            "confirm",
                            p.open
                                ? "Tutup \(p.name)? Penilaiannya tidak dapat diubah lagi (tetap dapat dibaca); periode dapat dibuka kembali."
                                : "Buka kembali \(p.name)?"),
                    ],
                    text: p.open ? "Tutup periode" : "Buka kembali")
            }
        }
    }
}
