extension AdminUsersPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.h1, text: "Pengguna")
            AdminTabs.write(&html, current: Site.adminUsers)
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Tambah pengguna")
                card.el(
                    .p, [.class("muted")],
                    text:
                        "Operator PD hanya melihat Perangkat Daerahnya sendiri; pegawai Inspektorat hanya Perangkat Daerah yang ditugaskan kepada timnya. Kata sandi minimal 10 karakter."
                )
                card.el(
                    .form,
                    [
                        .data("api", Site.API.Admin.users.path()), .data("method", "POST"), .id("user-form"),
                        .class("fields"),
                    ]
                ) {
                    form in
                    Layout.field(
                        &form, "Nama pengguna",
                        [.name("username"), .required(), .pattern("[A-Za-z0-9._\\-]{3,}"), .autocomplete("off")])
                    Layout.field(&form, "Nama lengkap", [.name("display_name"), .required()])
                    form.el(.label) { l in
                        l.text("Peran")
                        Layout.select(&l, [.name("role")], m.roleChoices)
                    }
                    form.el(.label) { l in
                        l.text("Perangkat Daerah (untuk Operator PD)")
                        Layout.select(&l, [.name("unit_id")], m.unitChoices)
                    }
                    Layout.field(&form, "NIP", [.name("nip"), .inputmode("numeric")])
                    Layout.field(&form, "Surel (pengingat)", [.name("email"), .type("email")])
                    Layout.field(&form, "Pangkat/golongan", [.name("rank")])
                    Layout.field(
                        &form, "Kata sandi awal",
                        [
                            .name("password"), .type("password"), .minlength(10), .required(),
                            .autocomplete("new-password"),
                        ])
                    form.el(.div) { $0.el(.button, [.class("primary")], text: "Tambah pengguna") }
                }
            }
            html.el(.section, [.class("card")]) { card in
                card.el(.h2, text: "Daftar pengguna (\(m.users.count))")
                card.el(
                    .p, [.class("muted")],
                    text: "Kosongkan kata sandi untuk tidak mengubahnya. Pengguna yang dinonaktifkan tidak dapat masuk."
                )
                for u in m.users { user(&card, u) }
            }
        }
    }

    private static func user(_ card: inout HTML, _ u: Row) {
        card.el(.details, [.class("user")]) { d in
            d.el(.summary) { s in
                s.el(.strong, text: u.username)
                s.text(" · \(u.name) · \(u.role)")
                if !u.active {
                    s.text(" ")
                    s.el(.span, [.class("chip")], text: "nonaktif")
                }
            }
            d.el(.form, [.data("api", Site.API.Admin.user.path(u.id)), .data("method", "PUT"), .class("fields")]) {
                form in
                form.void(.input, [.type("hidden"), .name("version"), .value(String(u.version)), .data("type", "int")])
                Layout.field(&form, "Nama lengkap", [.name("display_name"), .value(u.name), .required()])
                form.el(.label) { l in
                    l.text("Peran")
                    Layout.select(&l, [.name("role")], u.roleChoices)
                }
                form.el(.label) { l in
                    l.text("Perangkat Daerah")
                    Layout.select(&l, [.name("unit_id")], u.unitChoices)
                }
                Layout.field(&form, "NIP", [.name("nip"), .value(u.nip)])
                Layout.field(&form, "Surel (pengingat)", [.name("email"), .type("email"), .value(u.email)])
                Layout.field(&form, "Pangkat/golongan", [.name("rank"), .value(u.rank)])
                Layout.field(
                    &form, "Kata sandi baru",
                    [.name("password"), .type("password"), .minlength(10), .autocomplete("new-password")])
                form.el(.label, [.class("check")]) { l in
                    // One name per account: checkboxes sharing a name read as one group to a screen reader.
                    l.void(
                        .input,
                        [
                            .type("checkbox"), .name("active-\(u.id)"), .data("field", "active"), .data("type", "bool"),
                            .checked(u.active),
                        ])
                    l.text(" aktif")
                }
                form.el(.div) { $0.el(.button, text: "Simpan") }
            }
        }
    }
}
