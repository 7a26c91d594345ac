extension LKEPage {
    /// The signed revisions of the LHE, each as stored; a replaced one says by which.
    static func signedLetters(_ html: inout HTML, _ m: Model) {
        guard !m.signedLetters.isEmpty else { return }
        html.el(.ul, [.id("signed-letters"), .class("muted")]) { ul in
            for letter in m.signedLetters {
                ul.el(.li) { li in
                    li.text("LHE revisi \(letter.revision) ditandatangani, nomor \(letter.number), \(letter.date)")
                    if let newer = letter.replacedBy { li.text(" (digantikan oleh revisi \(newer))") }
                    li.text(": ")
                    for (i, (file, label)) in [("lhe.docx", "Word"), ("lhe.pdf", "PDF")].enumerated() {
                        if i > 0 { li.text(" · ") }
                        let path = Site.API.unitDocument(file).path(m.periodID, m.unitID) + "?revisi=\(letter.revision)"
                        li.el(.a, [.href(path)], text: label)
                    }
                }
            }
        }
    }

    /// The findings of the tentative result with the PD's tanggapan and the team's replies; the
    /// forms where it is the account's turn.
    static func findings(_ html: inout HTML, _ f: ResponseController.ResponsesBody, _ m: Model) {
        guard !f.findings.isEmpty else { return }
        html.el(.section, [.class("card"), .id("findings")]) { box in
            box.el(.h2, text: "Temuan dan tanggapan")
            box.el(
                .p, [.class("muted")],
                text: f.may_respond
                    ? "Setujui setiap temuan atau beri tanggapan (wajib dijelaskan bila tidak setuju), lalu Kirim tanggapan."
                    : "Temuan hasil sementara, tanggapan Perangkat Daerah dan jawaban tim (revisi \(f.revision)).")
            let open = f.findings.filter { $0.version == 0 }.count
            if f.may_respond, open > 0 {
                box.el(.p) { p in
                    p.el(
                        .button,
                        [
                            .type("button"), .class("agree-all"),
                            .data("api-json", Site.API.agreeAll.path(m.periodID, m.unitID)), .data("method", "POST"),
                            .data(
                                "confirm",
                                "Setujui \(open) temuan yang belum ditanggapi? Tanggapan yang sudah ditulis tidak diubah."
                            ),
                        ], text: "Setujui semua temuan (\(open) belum ditanggapi)")
                }
            }
            for item in f.findings {
                box.el(.div, [.class("finding"), .data("finding", item.subcomponent)]) { d in
                    d.el(.p) { $0.el(.strong, text: "\(item.subcomponent) \(item.title)") }
                    d.el(.p, text: item.finding)
                    d.el(.p, [.class("response")]) { p in
                        switch item.agree {
                        case .none: p.el(.span, [.class("muted")], text: "Belum ditanggapi PD.")
                        case .some(true): p.text("Tanggapan PD: setuju")
                        case .some(false): p.text("Tanggapan PD: tidak setuju. \(item.text ?? "")")
                        }
                        if item.agree == true, let text = item.text { p.text(". \(text)") }
                        if let by = item.responded_by { p.el(.span, [.class("muted")], text: " (\(by))") }
                    }
                    if let reply = item.reply {
                        d.el(.p, [.class("reply")]) { p in
                            p.text("Jawaban tim: \(reply)")
                            if let by = item.replied_by { p.el(.span, [.class("muted")], text: " (\(by))") }
                        }
                    }
                    let url = Site.API.response.path(m.periodID, m.unitID, item.subcomponent)
                    if f.may_respond {
                        d.el(.form, [.data("api", url), .data("method", "PUT"), .class("response-form")]) { form in
                            form.el(.label, [.class("check")]) { l in
                                l.void(
                                    .input,
                                    [
                                        .type("checkbox"), .name("agree"), .data("type", "bool"),
                                        .checked(item.agree != false),
                                    ])
                                l.text(" Setuju dengan temuan ini")
                            }
                            form.el(.label) { l in
                                l.text("Tanggapan (wajib bila tidak setuju)")
                                l.el(.textarea, [.name("text"), .rows(2)], text: item.text ?? "")
                            }
                            form.void(
                                .input,
                                [.type("hidden"), .name("version"), .value(String(item.version)), .data("type", "int")])
                            form.el(.button, [.type("submit")], text: "Simpan tanggapan")
                        }
                    }
                    if f.may_reply, item.agree == false || item.reply != nil {
                        d.el(
                            .form, [.data("api", url + "/reply"), .data("method", "PUT"), .class("reply-form")]
                        ) { form in
                            form.el(.label) { l in
                                l.text("Jawaban tim")
                                l.el(.textarea, [.name("reply"), .rows(2), .required()], text: item.reply ?? "")
                            }
                            form.void(
                                .input,
                                [.type("hidden"), .name("version"), .value(String(item.version)), .data("type", "int")])
                            form.el(.button, [.type("submit")], text: "Simpan jawaban")
                        }
                    }
                }
            }
        }
    }

    static func view(_ m: Model, _ block: Block) -> HTML {
        Layout.page(m.frame, scripts: [m.texts], capacity: block.html.bytes.count + (8 << 10)) { html in
            html.el(.div, [.id("lke"), .data("period", m.periodID), .data("unit", m.unitID), .data("actor", m.actor)]) {
                lke in
                lke.el(.p) { p in
                    p.el(.a, [.href(Site.period.path(m.periodID))], text: "← \(m.periodName)")
                    if m.canReadSelfAssessment {
                        p.text(" · ")
                        p.el(.a, [.href(Site.preEvaluation.path(m.periodID, m.unitID))], text: "Profil pra-evaluasi")
                    }
                    if m.canReadEvaluation {
                        p.text(" · ")
                        p.el(.a, [.href(Site.draft.path(m.periodID, m.unitID))], text: "Rancangan LHE")
                        p.text(" · ")
                        p.el(.a, [.href(Site.review.path(m.periodID, m.unitID))], text: "Reviu dan komentar")
                    }
                    if m.followUp {
                        p.text(" · ")
                        p.el(.a, [.href(Site.followUp.path(m.periodID, m.unitID))], text: "Tindak lanjut")
                    }
                    if m.canSeeHistory {
                        p.text(" · ")
                        p.el(.a, [.href(Site.history.path(m.periodID, m.unitID))], text: "Riwayat perubahan")
                    }
                }
                lke.el(.h1, text: m.unitName)
                lke.el(.p, [.class("downloads")]) { p in
                    p.text("Unduh: ")
                    var links: [(String, String)] = []
                    if m.canReadEvaluation {
                        if m.canReadLHE {
                            let konsep = m.lheDraft ? ", konsep" : ""
                            links += [
                                ("lhe.docx", "LHE (Word\(konsep))"), ("lhe.pdf", "LHE (PDF\(konsep))"),
                                ("tindak-lanjut.docx", "surat tindak lanjut Bupati (Word)"),
                                ("rencana-aksi.docx", "formulir rencana aksi (Word)"),
                            ]
                        }
                        links.append(("lke.xlsx", "LKE (Excel)"))
                    }
                    links.append(("bukti-dukung.zip", "semua bukti dukung (ZIP)"))
                    for (i, (file, label)) in links.enumerated() {
                        if i > 0 { p.text(" · ") }
                        p.el(.a, [.href(Site.API.unitDocument(file).path(m.periodID, m.unitID))], text: label)
                    }
                }
                Self.signedLetters(&lke, m)
                Self.cycle(&lke, m.cycle)
                if let findings = m.findings { Self.findings(&lke, findings, m) }
                lke.el(.div, [.class("result card sticky")]) { box in
                    box.el(.div) { $0.el(.span, [.class("muted")], text: m.actorTitle) }
                    box.el(.div, [.class("total")]) { t in
                        t.el(.span, text: "Nilai")
                        t.text(" ")
                        t.el(.strong, [.id("total")], text: m.result.total)
                        t.text(" ")
                        t.el(.span, text: "Predikat")
                        t.text(" ")
                        t.el(.strong, [.id("predikat")], text: m.result.predikat)
                        t.text(" ")
                        t.el(.span, [.id("predikat-name"), .class("muted")], text: m.result.predikatName)
                    }
                    box.el(.div, [.id("status"), .role("status"), .aria("live", "polite")])
                    box.el(.details, [.id("missing-box"), .hidden(m.result.missing.isEmpty)]) { d in
                        d.el(.summary, text: "Belum lengkap")
                        d.el(.ul, [.id("missing")]) { ul in for item in m.result.missing { ul.el(.li, text: item) } }
                        if m.result.missingMore > 0 {
                            d.el(.p, [.class("muted")], text: "dan \(m.result.missingMore) lainnya")
                        }
                    }
                    if !m.result.problems.isEmpty {
                        box.el(.ul, [.class("alert")]) { ul in for p in m.result.problems { ul.el(.li, text: p) } }
                    }
                }
                if !m.editable { lke.el(.p, [.class("muted")], text: "Halaman ini hanya dapat dibaca oleh Anda.") }
                if let prior = m.priorFollowUp { Self.priorFollowUp(&lke, prior) }
                lke.fragment(block.html)
            }
            html.el(.noscript) { $0.el(.p, [.class("alert")], text: "Aktifkan JavaScript untuk mengisi LKE.") }
        }
    }

    /// The criteria block: everything that depends on the values (`Block`).
    static func criteria(_ components: [Component], editable: Bool) -> HTML {
        var html = HTML(capacity: 40 << 10)
        let locked: [Attribute] = editable ? [] : [.disabled(true)]
        let all = components.flatMap(\.subcomponents).reduce(0) { $0 + $1.copyable }
        if editable, all > 0 {
            html.el(.p, [.class("copy-all-box")]) { p in
                p.el(
                    .button, [.type("button"), .class("copy-all"), .data("count", String(all))],
                    text: "Salin semua jawaban PD (\(all) kriteria yang belum dijawab tim)")
            }
        }
        for c in components {
            html.el(.section, [.class("component")]) { section in
                section.el(.h2) { h in
                    h.text("\(c.id). \(c.title) ")
                    h.el(.small) { s in
                        s.text("bobot \(c.weight) · nilai ")
                        s.el(.span, [.data("component-score", c.id)], text: c.score)
                    }
                }
                for s in c.subcomponents {
                    section.el(.article, [.class("sub card"), .data("sub", s.id), .data("version", String(s.version))])
                    {
                        article in
                        article.el(.h3, text: "\(s.id) \(s.title)")
                        article.el(.p, [.class("muted")]) { p in
                            p.text((s.aspect.map { "\($0) · " } ?? "") + "bobot \(s.weight)")
                            let n = s.copyable
                            if editable, n > 0 {
                                p.text(" · ")
                                p.el(
                                    .button,
                                    [
                                        .type("button"), .class("link copy-all"), .data("sub", s.id),
                                        .data("count", String(n)),
                                    ], text: "Salin semua jawaban PD di \(s.id) (\(n))")
                            }
                        }
                        article.el(.ol, [.class("criteria")]) { ol in
                            for k in s.criteria { criterion(&ol, k, locked) }
                        }
                        grade(&article, s, locked: locked, editable: editable)
                    }
                }
            }
        }
        return html
    }

    private static func criterion(_ ol: inout HTML, _ k: Criterion, _ locked: [Attribute]) {
        ol.el(
            .li,
            [
                .class(
                    (k.answered ? "criterion" : "criterion unanswered") + (k.unit?.differs == true ? " differs" : "")),
                .data("criterion", k.id), .data("version", String(k.version)),
            ]
        ) { li in
            li.el(.div, [.class("ctext")]) { t in
                t.el(.b, text: k.id)
                t.text(" " + k.text)
            }
            // The options come from the framework's texts (`FrameworkTexts`): the same for every PD.
            li.el(.div, [.class("answer")]) { a in
                a.el(.select, [.name("code"), .data("value", k.notApplicable != nil ? "__na" : k.selected)] + locked)
                if let reason = k.notApplicable {
                    a.void(
                        .input, [.name("na"), .value(reason), .aria("label", "Alasan tidak berlaku \(k.id)")] + locked)
                }
                a.void(
                    .input,
                    [.name("note"), .value(k.note.isEmpty ? nil : k.note), .aria("label", "Catatan \(k.id)")] + locked
                )
            }
            if let unit = k.unit { unitAnswer(&li, unit, copyable: locked.isEmpty) }
        }
    }

    /// The PD's own answer under the team's, a difference marked; the team may copy it.
    private static func unitAnswer(_ li: inout HTML, _ u: UnitAnswer, copyable: Bool) {
        li.el(
            .p,
            [
                .class(u.differs ? "unit-answer differs small" : "unit-answer muted small"), .data("code", u.code),
                .data("na", u.notApplicable), .data("note", u.note.isEmpty ? nil : u.note),
            ]
        ) { p in
            p.text("Jawaban PD: ")
            switch u.code {
            case .none: p.text("belum dijawab")
            case "__na": p.text("tidak berlaku (\(u.notApplicable ?? ""))")
            case .some(let code): p.el(.strong, text: code)
            }
            if !u.note.isEmpty { p.text(" · \(u.note)") }
            if u.differs { p.el(.span, [.class("chip alert")], text: "berbeda") }
            if copyable, u.code != nil {
                p.text(" ")
                p.el(.button, [.type("button"), .class("link copy-unit")], text: "Salin jawaban PD")
            }
        }
    }

    private static func grade(_ article: inout HTML, _ s: Subcomponent, locked: [Attribute], editable: Bool) {
        article.el(.div, [.class("grade")]) { g in
            g.el(.dl, [.class("facts")]) { dl in
                for (label, field, value) in [
                    ("Terjawab", "answered", s.answered), ("Pemenuhan", "fulfilment", s.fulfilment),
                    ("Saran nilai", "suggested", s.suggested), ("Nilai", "grade", s.shownGrade),
                    ("Skor", "score", s.score),
                ] {
                    dl.el(.dt, text: label)
                    dl.el(.dd, [.data("field", field)], text: value)
                }
            }
            g.el(.label) { l in
                l.text("Nilai akhir ")
                l.el(.select, [.name("grade"), .data("value", s.grade)] + locked)
            }
            if !s.held.isEmpty {
                g.el(.p, [.class("small held"), .data("field", "held")], text: "Periode sebelumnya: \(s.held)")
            }
            for (label, name, value) in [
                ("Justifikasi (wajib bila berbeda dari saran, dan untuk A dan AA)", "justification", s.justification),
                ("Catatan (hal yang perlu diperhatikan)", "note", s.note),
                ("Rekomendasi", "recommendation", s.recommendation),
                ("Daftar bukti", "evidence", s.evidence),
            ] {
                g.el(.label) { l in
                    l.text(label)
                    l.el(.textarea, [.name(name)] + locked, text: value)
                }
            }
            if editable { g.el(.button, [.class("save-grade")], text: "Simpan nilai") }
        }
    }

    /// The stage box: where the PD stands, whose turn it is, the moves this account may make (each
    /// a form sent to the cycle's API; a return or a reopen asks for its reason), and the moves so
    /// far, fetched when opened.
    static func cycle(_ html: inout HTML, _ c: CycleBox) {
        html.el(.section, [.class("cycle card"), .aria("label", "Tahap evaluasi")]) { box in
            box.el(.p) { p in
                p.text("Tahap: ")
                p.el(.strong, [.id("stage")], text: c.stage)
                if c.revision > 1 { p.text(" · revisi \(c.revision)") }
                p.text(" · giliran: ")
                p.el(.span, [.class("muted")], text: c.owner)
            }
            box.el(.div, [.id("form-status"), .role("status"), .aria("live", "polite")])
            if !c.moves.isEmpty {
                box.el(.div, [.class("moves")]) { moves in
                    for move in c.moves {
                        moves.el(
                            .form,
                            [
                                .class(move.needsReason ? "move with-reason" : "move inline"), .data("api", c.url),
                                .data("method", "POST"), .data("confirm", "\(move.title)?"),
                                .data("move", move.rawValue),
                            ]
                        ) { form in
                            form.void(.input, [.type("hidden"), .name("action"), .value(move.rawValue)])
                            form.void(.input, [.type("hidden"), .name("from"), .value(c.from.rawValue)])
                            if move.needsReason {
                                form.el(.label) { l in
                                    l.text("Alasan")
                                    l.el(.textarea, [.name("reason"), .required(), .rows(2)])
                                }
                            }
                            form.el(.button, [.type("submit")], text: move.title)
                        }
                    }
                }
            }
            box.el(.details, [.data("cycle-events", c.url)]) { d in
                d.el(.summary, text: "Riwayat tahap")
                d.el(.ol, [.class("events")])
            }
        }
    }

    /// Last year's recommendations and their follow-up; the page's script moves the card to the
    /// first criterion that draws on it.
    static func priorFollowUp(_ html: inout HTML, _ p: PriorFollowUp) {
        html.el(
            .section,
            [
                .id("prior-follow-up"), .class("card prior-follow-up"),
                .data("criteria", p.criteria.map(\.id).joined(separator: " ")),
            ]
        ) { card in
            card.el(.h3, text: "Tindak lanjut rekomendasi LHE \(p.year)")
            card.el(.p) { line in
                line.text(p.summary + ". ")
                line.el(.a, [.href(p.link)], text: "Rincian tindak lanjut \(p.year)")
            }
            card.el(.ul, [.class("small")]) { ul in
                for item in p.items {
                    ul.el(.li) { li in
                        li.el(.span, [.class(item.closed ? "chip ok" : "chip")], text: item.status)
                        li.text(" \(item.subcomponent): \(item.text)")
                    }
                }
            }
            if !p.carried.isEmpty {
                card.el(.p, [.class("small")], text: "Masih terbuka dari tahun-tahun sebelumnya:")
                card.el(.ul, [.class("small carried")]) { ul in
                    for item in p.carried {
                        ul.el(.li) { li in
                            li.el(.span, [.class("chip")], text: item.status)
                            li.text(" \(item.subcomponent): \(item.text)")
                        }
                    }
                }
            }
            for c in p.criteria {
                if let suggestion = c.suggestion {
                    card.el(
                        .p, [.class("suggestion")],
                        text: "Saran jawaban \(c.id) menurut tingkat tindak lanjut: \(suggestion)")
                }
            }
        }
    }
}
