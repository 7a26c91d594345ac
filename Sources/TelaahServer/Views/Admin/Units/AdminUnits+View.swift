extension AdminUnitsPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.h1, text: "Perangkat Daerah")
            AdminTabs.write(&html, current: Site.adminUnits)
            html.el(.datalist, [.id("clusters")]) { list in for c in m.clusters { list.el(.option, [.value(c)]) } }
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Tambah Perangkat Daerah")
                card.el(
                    .form,
                    [
                        .data("api", Site.API.Admin.units.path()), .data("method", "POST"), .id("unit-form"),
                        .class("fields"),
                    ]
                ) {
                    form in
                    Layout.field(&form, "Nama", [.name("name"), .required(), .placeholder("mis. Dinas Kesehatan")])
                    Layout.field(
                        &form, "Klaster", [.name("cluster"), .list("clusters"), .placeholder("mis. Unit Utama")])
                    form.el(.div) { $0.el(.button, [.class("primary")], text: "Tambah") }
                }
                card.el(.h3, text: "Impor dari CSV")
                card.el(.p, [.class("muted")]) { p in
                    p.text("Baris pertama judul kolom: ")
                    p.el(.code, text: "perangkat_daerah")
                    p.text(" dan (boleh) ")
                    p.el(.code, text: "cluster")
                    p.text(". Semua baris tersimpan atau tidak satu pun: kesalahan disebutkan dengan nomor barisnya.")
                }
                card.el(.label) { l in
                    l.text("Berkas CSV ")
                    l.void(.input, [.type("file"), .id("units-file"), .accept(".csv")])
                }
                card.el(
                    .button, [.data("admin-upload", Site.API.Admin.unitsImport.path()), .data("file", "units-file")],
                    text: "Impor")
            }
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Daftar Perangkat Daerah (\(m.units.count))")
                card.el(
                    .p, [.class("muted")],
                    text:
                        "Ubah nama, klaster atau jabatan kepalanya (sebutan di alamat LHE dan surat; kosong: menurut jenis Perangkat Daerah, mis. Camat untuk kecamatan) lalu simpan barisnya. Perangkat Daerah yang tidak aktif tidak ditugaskan pada periode baru dan hanya dapat dibaca Admin dan Inspektur; riwayatnya tetap."
                )
                card.el(.div, [.class("scroll")]) { scroll in
                    scroll.el(.table, [.class("list")]) { table in
                        table.el(.tbody) { body in
                            for u in m.units {
                                body.el(.tr) { tr in
                                    tr.el(.td, [Attribute("colspan", "4")]) { td in
                                        td.el(
                                            .form,
                                            [
                                                .data("api", Site.API.Admin.unit.path(u.id)), .data("method", "PUT"),
                                                .class("row"),
                                            ]
                                        ) { form in
                                            form.void(
                                                .input,
                                                [
                                                    .type("hidden"), .name("version"), .value(String(u.version)),
                                                    .data("type", "int"),
                                                ])
                                            form.void(
                                                .input,
                                                [
                                                    .name("name"), .value(u.name), .required(), .aria("label", "Nama"),
                                                    .placeholder("Nama"),
                                                ])
                                            form.void(
                                                .input,
                                                [
                                                    .name("cluster"), .value(u.cluster), .list("clusters"),
                                                    .aria("label", "Klaster"),
                                                    .placeholder("Klaster"),
                                                ])
                                            form.void(
                                                .input,
                                                [
                                                    .name("head_title"), .value(u.headTitle),
                                                    .aria("label", "Jabatan kepala (alamat surat)"),
                                                    .placeholder(u.defaultHeadTitle),
                                                ])
                                            form.void(
                                                .input,
                                                [
                                                    .name("place"), .value(u.place),
                                                    .aria("label", "Tempat (alamat surat, di - …)"),
                                                    .placeholder(u.defaultPlace),
                                                ])
                                            form.el(.label, [.class("check")]) { l in
                                                l.void(
                                                    .input,
                                                    [
                                                        .type("checkbox"), .name("active-\(u.id)"),
                                                        .data("field", "active"),
                                                        .data("type", "bool"), .checked(u.active),
                                                    ])
                                                l.text(" aktif")
                                            }
                                            form.el(.button, text: "Simpan")
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
}
