import Foundation
import TelaahCore

extension FollowUpPage {
    static func view(_ m: Model) -> HTML {
        let s = m.state
        return Layout.page(m.frame) { html in
            html.el(.p) { $0.el(.a, [.href(m.back)], text: "← \(m.unit)") }
            html.el(
                .h1, [.id("follow-up"), .data("period", m.periodID), .data("unit", m.unitID)],
                text: "Tindak lanjut LHE: \(m.unit)")
            html.el(.p, [.class("muted")]) { p in
                p.text("Rencana aksi: ")
                p.el(.span, [.class("chip"), .id("plan-state")], text: s.state_title)
                if let by = s.moved_by, let at = s.moved_at_text { p.text(" (\(by), \(at))") }
                p.text(" · \(s.summary).")
                p.text(" ")
                p.el(.a, [.href(m.actionPlanDocument)], text: "Formulir rencana aksi (Word)")
            }
            if s.state == .returned, let note = s.note {
                html.el(.p, [.class("alert"), .id("plan-note")], text: "Dikembalikan oleh Inspektorat: \(note)")
            }
            html.el(.div, [.id("form-status"), .role("status"), .aria("live", "polite")])
            letter(&html, m)
            head(&html, m)
            for (i, r) in s.recommendations.enumerated() { recommendation(&html, r, number: i + 1, m) }
            moves(&html, m)
        }
    }

    /// The Bupati's letter on the LHE (seed 002): prepared by the Inspektorat, signed by the pimpinan.
    private static func letter(_ html: inout HTML, _ m: Model) {
        let s = m.state
        html.el(.section, [.class("card"), .id("letter")]) { card in
            card.el(.h2, text: "Surat tindak lanjut kepala daerah")
            if let l = s.letter {
                card.el(.p) { p in
                    p.text("Nomor \(l.number), \(l.date_text); penanda tangan \(l.signer_title), \(l.signer_name). ")
                    p.el(
                        .span, [.class(l.signed ? "chip ok" : "chip"), .id("letter-state")],
                        text: l.signed
                            ? "Ditandatangani \(l.signed_by ?? "")\(l.signed_at_text.map { ", \($0)" } ?? "")"
                            : "Menunggu tanda tangan")
                    p.text(" ")
                    p.el(.a, [.href(s.letter_url)], text: l.signed ? "Surat (Word)" : "Konsep surat (Word)")
                }
            } else {
                card.el(.p, [.class("muted")], text: "Belum disiapkan Inspektorat.")
            }
            if s.may_prepare_letter {
                card.el(.form, [.data("api", m.letterURL), .data("method", "PUT"), .id("letter-form")]) { form in
                    form.el(.div, [.class("fields")]) { f in
                        Layout.field(&f, "Nomor surat", [.name("number"), .value(s.letter?.number), .required()])
                        Layout.field(
                            &f, "Tanggal surat", [.name("date"), .type("date"), .value(s.letter?.date), .required()])
                        f.el(.label) { l in
                            l.text("Penanda tangan")
                            Layout.select(
                                &l, [.name("signer_kind")],
                                RegionSigner.Kind.allCases.map {
                                    Choice(value: $0.rawValue, label: $0.title, selected: $0 == s.letter?.signer_kind)
                                })
                        }
                        Layout.field(
                            &f, "Nama penanda tangan",
                            [.name("signer_name"), .value(s.letter?.signer_name), .required()])
                        Layout.field(
                            &f, "Jabatan (bila Pt./Plh./Plt.)",
                            [.name("signer_position"), .value(s.letter?.signer_position), .placeholder("Wakil Bupati")])
                    }
                    form.el(.button, text: "Simpan surat")
                }
            }
            if s.may_sign_letter {
                card.el(
                    .form,
                    [
                        .data("api", m.letterSignURL), .data("method", "POST"), .class("row"), .id("letter-sign"),
                        .data(
                            "confirm",
                            "Tandatangani surat tindak lanjut ini? Surat yang ditandatangani tidak berubah lagi."),
                    ]
                ) { form in
                    form.el(.button, [.class("primary")], text: "Tandatangani surat")
                }
            }
        }
    }

    /// The Kepala PD who signs the rencana aksi.
    private static func head(_ html: inout HTML, _ m: Model) {
        let h = m.state.head
        html.el(.section, [.class("card")]) { card in
            card.el(.h2, text: "Penanda tangan rencana aksi")
            guard m.state.may_plan else {
                card.el(
                    .p,
                    text: [h.head_name, h.head_rank, h.head_nip.map { "NIP. \($0)" }].compactMap { $0 }.joined(
                        separator: " · "
                    ).nonEmpty ?? "Belum diisi PD.")
                return
            }
            card.el(.form, [.data("api", m.headURL), .data("method", "PUT"), .id("head-form")]) { form in
                form.el(.div, [.class("fields")]) { f in
                    Layout.field(&f, "Nama Kepala PD", [.name("head_name"), .value(h.head_name)])
                    Layout.field(&f, "Pangkat/golongan", [.name("head_rank"), .value(h.head_rank)])
                    Layout.field(&f, "NIP", [.name("head_nip"), .value(h.head_nip), .inputmode("numeric")])
                }
                form.el(.button, text: "Simpan penanda tangan")
            }
        }
    }

    private static func recommendation(
        _ html: inout HTML, _ r: FollowUpController.RecommendationBody, number: Int, _ m: Model
    ) {
        let s = m.state
        html.el(.section, [.class("card recommendation"), .data("recommendation", r.code)]) { card in
            card.el(.h2) { h in
                h.text("Rekomendasi \(number) · \(r.subcomponent) \(r.subcomponent_title) ")
                h.el(
                    .span, [.class(r.status.closed ? "chip ok" : "chip"), .data("status", r.status.rawValue)],
                    text: r.status_title)
            }
            card.el(.p, text: r.text)
            if let verdict = r.verdict {
                card.el(.p, [.class("muted")]) { p in
                    p.text("Verifikasi: \(verdict.title)")
                    if let reason = r.verdict_reason, !reason.isEmpty { p.text(" — \(reason)") }
                    if let by = r.verified_by, let at = r.verified_at_text { p.text(" (\(by), \(at))") }
                }
            }
            card.el(.ol, [.class("actions")]) { ol in
                for a in r.actions {
                    ol.el(.li, [.data("action", a.id.uuidString)]) { li in
                        li.el(.p, text: a.action)
                        li.el(.p, [.class("small muted")]) { p in
                            p.text(
                                "Penanggung jawab: \(a.person_name), \(a.person_position)"
                                    + (a.person_phone.map { ", \($0)" } ?? "") + " · batas waktu \(a.due_text)")
                            if a.overdue { p.el(.span, [.class("chip alert")], text: "lewat batas waktu") }
                        }
                        for report in a.reports {
                            li.el(
                                .p, [.class("small report")],
                                text: "Realisasi (\(report.by ?? "—"), \(report.at_text)): \(report.text)")
                        }
                        if s.may_plan {
                            li.el(
                                .button,
                                [
                                    .class("link"), .data("api-delete", m.actionURL(a.id)),
                                    .data("confirm", "Hapus rencana aksi ini?"),
                                ], text: "Hapus")
                        }
                        if s.may_report, !r.status.closed {
                            li.el(
                                .form,
                                [.data("api", m.reportsURL(a.id)), .data("method", "POST"), .class("row report-form")]
                            ) {
                                form in
                                form.void(
                                    .input,
                                    [
                                        .name("text"), .placeholder("Apa yang sudah dilakukan"),
                                        .aria("label", "Realisasi"), .required(),
                                    ])
                                form.el(.button, text: "Laporkan realisasi")
                            }
                        }
                    }
                }
            }
            if r.actions.isEmpty { card.el(.p, [.class("muted")], text: "Belum ada rencana aksi.") }
            if s.may_plan {
                card.el(.form, [.data("api", m.actionsURL), .data("method", "POST"), .class("action-form")]) { form in
                    form.void(.input, [.type("hidden"), .name("recommendation_id"), .value(r.id.uuidString)])
                    form.el(.label, [.class("wide")]) { l in
                        l.text("Rencana aksi")
                        l.el(.textarea, [.name("action"), .rows(2), .required()])
                    }
                    form.el(.div, [.class("fields")]) { f in
                        Layout.field(&f, "Penanggung jawab", [.name("person_name"), .required()])
                        Layout.field(&f, "Jabatan", [.name("person_position"), .required()])
                        Layout.field(&f, "Nomor HP", [.name("person_phone"), .inputmode("tel")])
                        Layout.field(&f, "Batas waktu", [.name("due"), .type("date"), .required()])
                    }
                    form.el(.button, text: "Tambah rencana aksi")
                }
            }
            // Bukti tindak lanjut: the page's script puts the evidence box here.
            if s.reads_evidence { card.el(.div, [.class("follow-up-evidence"), .data("evidence-target", r.code)]) }
            if s.may_verify {
                card.el(
                    .form,
                    [.data("api", m.verdictURL(r.id)), .data("method", "PUT"), .class("row verdict-form")]
                ) { form in
                    form.void(
                        .input, [.type("hidden"), .name("version"), .value(String(r.version)), .data("type", "int")])
                    // No verdict until one is chosen: a verification is never a default.
                    Layout.select(
                        &form, [.name("verdict"), .aria("label", "Verifikasi"), .required()],
                        [Choice(value: "", label: "Pilih verifikasi", selected: r.verdict == nil)]
                            + FollowUp.Verdict.allCases.map {
                                Choice(value: $0.rawValue, label: $0.title, selected: $0 == r.verdict)
                            })
                    form.void(
                        .input,
                        [
                            .name("reason"), .value(r.verdict_reason),
                            .placeholder("Alasan / yang masih harus dilakukan"),
                            .aria("label", "Alasan"),
                        ])
                    form.el(.button, text: "Simpan verifikasi")
                }
            }
        }
    }

    /// Submit (the PD), return with a note or accept (the Inspektorat).
    private static func moves(_ html: inout HTML, _ m: Model) {
        guard !m.state.moves.isEmpty else { return }
        html.el(.section, [.class("card moves")]) { card in
            for move in m.state.moves {
                card.el(
                    .form,
                    [
                        .data("api", m.planURL), .data("method", "POST"), .class("row plan-move"),
                        .data("move", move.rawValue),
                        .data("confirm", move == .submit ? "Ajukan rencana aksi ke Inspektorat?" : nil),
                    ]
                ) { form in
                    form.void(.input, [.type("hidden"), .name("move"), .value(move.rawValue)])
                    if move == .returnToUnit {
                        form.void(
                            .input,
                            [
                                .name("note"), .placeholder("Yang harus diperbaiki PD"), .aria("label", "Catatan"),
                                .required(),
                            ])
                    }
                    form.el(.button, [.class(move == .returnToUnit ? nil : "primary")], text: move.title)
                }
            }
        }
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
