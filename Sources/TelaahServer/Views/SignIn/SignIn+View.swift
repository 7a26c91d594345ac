extension SignInPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.section, [.class("narrow card")]) { card in
                card.el(.h1, text: "Masuk")
                if let error = m.error { card.el(.p, [.class("alert"), .role("alert")], text: error) }
                if m.setupHint {
                    card.el(.p, [.class("muted")]) { p in
                        p.text("Belum ada pemerintah daerah di basis data ini. Siapkan lebih dahulu dengan ")
                        p.el(.code, text: "telaah setup --government \"Kabupaten …\" --admin NAMA")
                        p.text(".")
                    }
                }
                card.el(.form, [.method("post"), .action(Site.signIn.path())]) { form in
                    form.void(.input, [.type("hidden"), .name(SignInForm.field), .value(m.token)])
                    form.void(.input, [.type("hidden"), .name("lanjut"), .value(m.next)])
                    if !m.governments.isEmpty {
                        form.el(.label) { l in
                            l.text("Pemerintah daerah ")
                            Layout.select(&l, [.name("government"), .required()], m.governments)
                        }
                    }
                    Layout.field(
                        &form, "Nama pengguna ",
                        [.name("username"), .value(m.username), .autocomplete("username"), .required(), .autofocus()])
                    Layout.field(
                        &form, "Kata sandi ",
                        [.name("password"), .type("password"), .autocomplete("current-password"), .required()])
                    form.el(.button, [.type("submit"), .class("primary")], text: "Masuk")
                }
            }
        }
    }
}
