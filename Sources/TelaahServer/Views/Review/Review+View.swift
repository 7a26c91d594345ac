extension ReviewPage {
    static func view(_ m: Model) -> HTML {
        Layout.page(m.frame) { html in
            html.el(.p) { $0.el(.a, [.href(m.back)], text: "← \(m.unit)") }
            html.el(.h1, text: "Reviu rancangan: \(m.unit)")
            html.el(
                .p, [.class("muted")],
                text:
                    "Tahap \(m.stage) sejak \(m.since). Nilai yang berbeda dari saran kriteria ditandai; perubahan sejak tahap ini dimulai tercantum per sub-komponen. Utas komentar terbuka: \(m.openThreads)."
            )
            html.el(.div, [.id("form-status"), .role("status"), .aria("live", "polite")])
            for sub in m.subs { section(&html, sub, m) }
        }
    }

    private static func section(_ html: inout HTML, _ sub: Sub, _ m: Model) {
        html.el(.section, [.class(sub.deviates ? "card review deviates" : "card review"), .data("sub", sub.id)]) {
            card in
            card.el(.h2, text: "\(sub.id) \(sub.title)")
            card.el(.p) { p in
                p.text("Nilai tim: ")
                p.el(.strong, text: sub.grade)
                p.text(" · saran kriteria: \(sub.suggested)")
                if sub.deviates { p.el(.span, [.class("chip alert")], text: "berbeda dari saran") }
                if let tier = sub.tier { p.el(.span, [.class("chip")], text: "diputuskan pada tahap \(tier)") }
            }
            if !sub.justification.isEmpty { card.el(.p, [.class("muted")], text: "Justifikasi: \(sub.justification)") }
            if !sub.changes.isEmpty {
                card.el(.details, [.class("changes")]) { d in
                    d.el(.summary, text: "Perubahan sejak tahap ini dimulai (\(sub.changes.count))")
                    d.el(.ul) { ul in for c in sub.changes { ul.el(.li, [.class("small")], text: c) } }
                }
            }
            for t in sub.threads { thread(&card, t, sub, m) }
            if m.mayComment {
                card.el(
                    .form, [.data("api", m.commentsURL), .data("method", "POST"), .class("comment-form")]
                ) { form in
                    form.void(.input, [.type("hidden"), .name("subcomponent"), .value(sub.id)])
                    form.el(.label, [.class("wide")]) { l in
                        l.text("Komentar baru")
                        l.el(.textarea, [.name("text"), .rows(2), .required()])
                    }
                    form.el(.button, [.type("submit")], text: "Kirim komentar")
                }
            }
        }
    }

    private static func thread(_ card: inout HTML, _ t: CommentController.ThreadBody, _ sub: Sub, _ m: Model) {
        card.el(.div, [.class(t.resolved ? "thread resolved" : "thread"), .data("thread", t.id.uuidString)]) { d in
            d.el(.p) { p in
                p.el(.strong, text: t.author ?? "—")
                p.el(.span, [.class("muted")], text: " · \(t.stage_title) · \(t.at_text)")
                if t.resolved {
                    p.el(.span, [.class("chip")], text: "selesai" + (t.resolved_by.map { " (\($0))" } ?? ""))
                }
            }
            d.el(.p, text: t.text)
            for r in t.replies {
                d.el(.p, [.class("reply")]) { p in
                    p.el(.strong, text: r.author ?? "—")
                    p.el(.span, [.class("muted")], text: " · \(r.at_text): ")
                    p.text(r.text)
                }
            }
            guard !t.resolved else { return }
            if m.mayComment {
                d.el(.form, [.data("api", m.commentsURL), .data("method", "POST"), .class("row reply-comment")]) {
                    form in
                    form.void(.input, [.type("hidden"), .name("subcomponent"), .value(sub.id)])
                    form.void(.input, [.type("hidden"), .name("thread_id"), .value(t.id.uuidString)])
                    form.void(.input, [.name("text"), .placeholder("Jawab"), .aria("label", "Jawaban"), .required()])
                    form.el(.button, text: "Jawab")
                }
            }
            if m.mayResolve {
                d.el(
                    .button,
                    [
                        .class("link resolve"),
                        .data("api-json", Site.API.commentResolve.path(m.periodID, m.unitID, t.id.uuidString)),
                        .data("method", "PUT"), .data("body", "{}"),
                    ], text: "Tandai selesai")
            }
        }
    }
}
