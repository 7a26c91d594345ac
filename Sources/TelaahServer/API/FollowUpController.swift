import Foundation
import TelaahCore
import Vapor

/// `/api/v1/periods/:period/units/:unit/follow-up…`: the tindak lanjut of a PD's signed LHE. The
/// PD writes its rencana aksi (actions per recommendation, its head as signer), submits it, and
/// reports what it did; the Inspektorat returns or accepts the plan and verifies each
/// recommendation. Who does what is `AccessRules` (`writeFollowUp`, `verifyFollowUp`) and
/// `FollowUp` in the core.
struct FollowUpController {
    struct ReportBody: Codable, Sendable {
        var id: UUID
        var text: String
        var by: String?
        var at_text: String
    }

    struct ActionBody: Codable, Sendable {
        var id: UUID
        var action: String
        var person_name: String
        var person_position: String
        var person_phone: String?
        /// TTTT-BB-HH.
        var due: String
        var due_text: String
        var overdue: Bool
        var reports: [ReportBody]
    }

    struct RecommendationBody: Codable, Sendable {
        var id: UUID
        /// In the PD's register, the same in later years: `2024-1.a-1`.
        var code: String
        var subcomponent: String
        var subcomponent_title: String
        var text: String
        var status: FollowUp.Status
        var status_title: String
        var verdict: FollowUp.Verdict?
        var verdict_reason: String?
        var verified_by: String?
        var verified_at_text: String?
        var version: Int
        var actions: [ActionBody]
    }

    struct TallyBody: Codable, Sendable {
        var total: Int
        var compliant: Int
        var in_progress: Int
        var open: Int
        var impossible: Int
        /// *Sesuai* over all recommendations, as BPK counts it (`66,67%`); null when there are none.
        var rate_text: String?
        /// *Tidak dapat ditindaklanjuti* over all recommendations (`16,67%`), a figure of its own.
        var impossible_text: String?
    }

    struct HeadBody: Codable, Sendable {
        var head_name: String?
        var head_rank: String?
        var head_nip: String?
    }

    /// The Bupati's letter on the LHE (seed 002), as prepared and, once signed, as kept.
    struct LetterBody: Codable, Sendable {
        var number: String
        /// TTTT-BB-HH.
        var date: String
        var date_text: String
        var signer_kind: RegionSigner.Kind
        var signer_name: String
        var signer_position: String
        /// The lines above the signature: `Pt. BUPATI BANYUASIN` / `Wakil Bupati`.
        var signer_title: String
        var prepared_by: String?
        var signed: Bool
        var signed_by: String?
        var signed_at_text: String?
    }

    struct LetterPrepare: Codable, Sendable {
        var number: String
        /// TTTT-BB-HH.
        var date: String
        var signer_kind: RegionSigner.Kind
        var signer_name: String
        var signer_position: String?
    }

    struct FollowUpBody: Codable, Sendable {
        var state: FollowUp.PlanState
        var state_title: String
        /// The Inspektorat's note when it returned the plan.
        var note: String?
        var moved_by: String?
        var moved_at_text: String?
        var head: HeadBody
        var tally: TallyBody
        /// The tally in words: `1 dari 5 rekomendasi sesuai, tingkat tindak lanjut 25,00%`.
        var summary: String
        var recommendations: [RecommendationBody]
        /// What the account may do now.
        var may_plan: Bool
        var may_report: Bool
        var may_verify: Bool
        /// The account reads the PD's evidence (the follow-up's among it); the pimpinan does not.
        var reads_evidence: Bool
        var letter: LetterBody?
        /// The Inspektorat sets the letter's number, date and signer until it is signed.
        var may_prepare_letter: Bool
        /// The pimpinan signs it once prepared.
        var may_sign_letter: Bool
        /// The letter (`tindak-lanjut.docx`): the kept one once signed, else a draft.
        var letter_url: String
        var moves: [FollowUp.PlanMove]
    }

    struct ActionCreate: Codable, Sendable {
        var recommendation_id: UUID
        var action: String
        var person_name: String
        var person_position: String
        var person_phone: String?
        /// TTTT-BB-HH.
        var due: String
    }

    struct ReportCreate: Codable, Sendable {
        var text: String
    }

    struct PlanMoveBody: Codable, Sendable {
        var move: FollowUp.PlanMove
        /// Required when returning the plan.
        var note: String?
    }

    struct VerdictBody: Codable, Sendable {
        var verdict: FollowUp.Verdict
        var reason: String?
        var version: Int
    }

    func register(_ api: APIBuilder) {
        api.file(
            Site.API.periodDocument("tindak-lanjut.xlsx"),
            "Matriks tindak lanjut rekomendasi LHE periode ini dan rekap per PD (XLSX), atas PD yang dapat Anda baca",
            types: [DocumentsController.xlsx], description: "Matriks tindak lanjut"
        ) { req in
            let user = try req.signedIn()
            let period = try await req.period(req.parameters.get("period", as: UUID.self), for: user)
            let matrix = try await PeriodFollowUp.load(period: period, req: req)
            let government = try await Government.find(user.governmentID, on: req.db)?.name ?? ""
            var headers = HTTPHeaders()
            headers.add(name: .contentType, value: DocumentsController.xlsx)
            headers.add(
                name: .contentDisposition,
                value: "attachment; filename=\"Tindak-Lanjut-\(period.evaluationYear).xlsx\"")
            headers.add(name: .cacheControl, value: "no-store")
            return Response(
                status: .ok, headers: headers,
                body: .init(data: try matrix.workbook(government: government).package().zipped()))
        }
        api.json(.GET, Site.API.followUp, "Tindak lanjut LHE PD: rekomendasi, rencana aksi, realisasi, verifikasi") {
            req in
            let (access, id) = try await Self.access(req, .readSignedLHE)
            return try await Self.body(req, access, id)
        }
        api.json(
            .POST, Site.API.followUpActions, "Menambah rencana aksi untuk satu rekomendasi (PD)",
            request: ActionCreate.self, status: .created, errors: [.conflict, .unprocessableEntity]
        ) { req in
            let (access, id) = try await Self.access(req, .writeFollowUp)
            let body = try req.decode(ActionCreate.self)
            let trim = { (s: String) in s.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let refusal = FollowUp.actionRefusal(
                action: body.action, person: body.person_name, position: body.person_position, due: trim(body.due))
            {
                throw Abort(.unprocessableEntity, reason: refusal)
            }
            let phone = body.person_phone.map(trim).flatMap { $0.isEmpty ? nil : $0 }
            _ = try await req.store.addAction(
                assessmentID: id, recommendationID: body.recommendation_id, action: trim(body.action),
                person: trim(body.person_name), position: trim(body.person_position), phone: phone, due: trim(body.due),
                by: access.user)
            return try await Self.body(req, access, id)
        }
        api.empty(
            .DELETE, Site.API.followUpAction, "Menghapus satu rencana aksi (PD, sebelum diajukan)", success: .noContent
        ) {
            req in
            let (access, id) = try await Self.access(req, .writeFollowUp)
            guard let action = req.parameters.get("action", as: UUID.self) else { throw Abort(.notFound) }
            try await req.store.removeAction(assessmentID: id, actionID: action, by: access.user)
        }
        api.json(
            .POST, Site.API.followUpPlan, "Mengajukan, mengembalikan (dengan catatan) atau menerima rencana aksi",
            request: PlanMoveBody.self, errors: [.conflict]
        ) { req in
            let body = try req.decode(PlanMoveBody.self)
            let (access, id) = try await Self.access(req, body.move == .submit ? .writeFollowUp : .verifyFollowUp)
            try await req.store.movePlan(
                assessmentID: id, move: body.move, actor: Self.actor(access), note: body.note, by: access.user)
            return try await Self.body(req, access, id)
        }
        api.json(
            .PUT, Site.API.followUpHead, "Kepala PD penanda tangan rencana aksi: nama, pangkat/golongan, NIP",
            request: HeadBody.self
        ) { req in
            let (access, id) = try await Self.access(req, .writeFollowUp)
            let body = try req.decode(HeadBody.self)
            let clean = { (s: String?) in
                s.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            try await req.store.setUnitHead(
                unitID: try access.unit.requireID(), name: clean(body.head_name), rank: clean(body.head_rank),
                nip: clean(body.head_nip), by: access.user)
            return try await Self.body(req, access, id)
        }
        api.json(
            .POST, Site.API.followUpReports, "Melaporkan realisasi satu rencana aksi (PD)", request: ReportCreate.self,
            status: .created, errors: [.conflict, .unprocessableEntity]
        ) { req in
            let (access, id) = try await Self.access(req, .writeFollowUp)
            let body = try req.decode(ReportCreate.self)
            let text = body.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= 4000 else {
                throw Abort(
                    .unprocessableEntity, reason: "Tuliskan apa yang sudah dilakukan (paling banyak 4000 karakter).")
            }
            guard let action = req.parameters.get("action", as: UUID.self) else { throw Abort(.notFound) }
            _ = try await req.store.addReport(assessmentID: id, actionID: action, text: text, by: access.user)
            return try await Self.body(req, access, id)
        }
        api.json(
            .PUT, Site.API.followUpLetter,
            "Menyiapkan surat tindak lanjut Bupati/Wali Kota: nomor, tanggal, penanda tangan (Inspektorat)",
            request: LetterPrepare.self, errors: [.conflict, .unprocessableEntity]
        ) { req in
            let (access, id) = try await Self.access(req, .verifyFollowUp)
            let body = try req.decode(LetterPrepare.self)
            let trim = { (s: String?) in (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            let signer = RegionSigner(
                kind: body.signer_kind, name: trim(body.signer_name), position: trim(body.signer_position))
            if trim(body.number).isEmpty { throw Abort(.unprocessableEntity, reason: "Tuliskan nomor surat.") }
            guard DocumentDate(iso: trim(body.date)) != nil else {
                throw Abort(
                    .unprocessableEntity, reason: "Tanggal surat harus berbentuk TTTT-BB-HH, misalnya 2024-11-21.")
            }
            if let refusal = signer.refusal { throw Abort(.unprocessableEntity, reason: refusal) }
            try await req.store.prepareFollowUpLetter(
                assessmentID: id, number: trim(body.number), date: trim(body.date), signer: signer, by: access.user)
            return try await Self.body(req, access, id)
        }
        api.json(
            .POST, Site.API.followUpLetterSign, "Menandatangani surat tindak lanjut yang sudah disiapkan (pimpinan)",
            errors: [.conflict]
        ) { req in
            let (access, id) = try await Self.access(req, .signFollowUpLetter)
            let docs = try await PeriodDocuments.load(
                periodID: try access.period.requireID(), governmentID: access.user.governmentID, db: req.db,
                frameworks: req.application.frameworks, focus: try access.unit.requireID())
            guard let unit = docs.unit(try access.unit.requireID()),
                let lhe = try await req.store.sealedLHE(assessmentID: id), let lheDate = DocumentDate(iso: lhe.date)
            else { throw Abort(.notFound) }
            try await req.store.signFollowUpLetter(assessmentID: id, by: access.user) { letter in
                guard let date = DocumentDate(iso: letter.date) else { throw Abort(.unprocessableEntity) }
                return try docs.followUpLetter(
                    unit, date: date, number: letter.number, lhe: (lhe.number, lheDate), signer: letter.signer
                ).package().zipped()
            }
            return try await Self.body(req, access, id)
        }
        api.json(
            .PUT, Site.API.followUpVerdict, "Verifikasi Inspektorat atas satu rekomendasi", request: VerdictBody.self,
            errors: [.conflict, .unprocessableEntity]
        ) { req in
            let (access, id) = try await Self.access(req, .verifyFollowUp)
            let body = try req.decode(VerdictBody.self)
            if let refusal = FollowUp.verdictRefusal(body.verdict, reason: body.reason) {
                throw Abort(.unprocessableEntity, reason: refusal)
            }
            guard let recommendation = req.parameters.get("recommendation", as: UUID.self) else {
                throw Abort(.notFound)
            }
            try await req.store.setVerdict(
                assessmentID: id, recommendationID: recommendation, verdict: body.verdict, reason: body.reason,
                version: body.version, by: access.user)
            return try await Self.body(req, access, id)
        }
    }

    /// The PD's access with `permission`, and the assessment whose LHE is signed; 404 before that.
    static func access(_ req: Request, _ permission: AccessRules.Permissions) async throws -> (UnitAccess, UUID) {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: permission)
        guard let id = access.assessment?.id, try await req.store.sealedLHE(assessmentID: id) != nil else {
            throw Abort(.notFound, reason: "Tindak lanjut dimulai setelah LHE PD ini ditandatangani.")
        }
        return (access, id)
    }

    /// `3 dari 5 rekomendasi sesuai, tingkat tindak lanjut 60,00%; 1 tidak dapat ditindaklanjuti (20,00%)`.
    static func summary(_ t: FollowUp.Tally) -> String {
        "\(t.compliant) dari \(t.total) rekomendasi sesuai"
            + (t.rate.map { ", tingkat tindak lanjut \($0.indonesian(places: 2))%" } ?? "")
            + (t.impossible > 0
                ? "; \(t.impossible) tidak dapat ditindaklanjuti (\(t.impossibleShare?.indonesian(places: 2) ?? "0,00")%)"
                : "")
    }

    static func actor(_ access: UnitAccess) -> FollowUp.Actor? {
        if access.permissions.contains(.verifyFollowUp) { return .inspektorat }
        if access.permissions.contains(.writeFollowUp) { return .unit }
        return nil
    }

    static func body(_ req: Request, _ access: UnitAccess, _ id: UUID) async throws -> FollowUpBody {
        let stored = try await req.store.followUp(assessmentID: id)
        let framework = try await req.scorer(for: access.period).framework
        let head = try await req.store.unitHead(unitID: try access.unit.requireID())
        let today = DocumentDate.today()
        let recommendations = stored.current.map { r in
            let status = stored.status(r)
            return RecommendationBody(
                id: r.id, code: r.code, subcomponent: r.subcomponent,
                subcomponent_title: framework.subcomponent(r.subcomponent)?.title ?? r.subcomponent, text: r.text,
                status: status, status_title: status.title, verdict: r.verdict, verdict_reason: r.verdictReason,
                verified_by: r.verifiedBy, verified_at_text: r.verifiedAt.map { WIBTime.text(utc: $0) },
                version: r.version,
                actions: stored.actions.filter { $0.recommendationID == r.id }.map { a in
                    let due = DocumentDate(iso: a.due)
                    return ActionBody(
                        id: a.id, action: a.action, person_name: a.personName, person_position: a.personPosition,
                        person_phone: a.personPhone, due: a.due, due_text: due?.indonesian ?? a.due,
                        overdue: due.map { FollowUp.overdue(due: $0, today: today, status: status) } ?? false,
                        reports: stored.reports.filter { $0.actionID == a.id }.map {
                            ReportBody(id: $0.id, text: $0.text, by: $0.by, at_text: WIBTime.text(utc: $0.at))
                        })
                })
        }
        let tally = stored.tally
        let actor = actor(access)
        let letter = try await req.store.followUpLetter(assessmentID: id)
        // The head's title only where a letter names its signer.
        var region = HeadOfRegion(government: "")
        if letter != nil, let g = try await Government.find(access.user.governmentID, on: req.db) {
            region = HeadOfRegion(government: g.name, title: g.headTitle)
        }
        return FollowUpBody(
            state: stored.state, state_title: stored.state.title, note: stored.note, moved_by: stored.movedBy,
            moved_at_text: stored.movedAt.map { WIBTime.text(utc: $0) },
            head: HeadBody(head_name: head.name, head_rank: head.rank, head_nip: head.nip),
            tally: TallyBody(
                total: tally.total, compliant: tally.compliant, in_progress: tally.inProgress, open: tally.open,
                impossible: tally.impossible, rate_text: tally.rate.map { $0.indonesian(places: 2) + "%" },
                impossible_text: tally.impossibleShare.map { $0.indonesian(places: 2) + "%" }),
            summary: summary(tally), recommendations: recommendations,
            may_plan: actor == .unit && stored.state.editableByUnit,
            may_report: actor == .unit && stored.state == .accepted,
            may_verify: actor == .inspektorat, reads_evidence: Evidence.mayRead(.unit, access.permissions),
            letter: letter.map { l in
                LetterBody(
                    number: l.number, date: l.date, date_text: DocumentDate(iso: l.date)?.indonesian ?? l.date,
                    signer_kind: l.signer.kind, signer_name: l.signer.name, signer_position: l.signer.position,
                    signer_title: l.signer.title(region).joined(separator: " / "), prepared_by: l.preparedBy,
                    signed: l.signed, signed_by: l.signedBy, signed_at_text: l.signedAt.map { WIBTime.text(utc: $0) })
            },
            may_prepare_letter: actor == .inspektorat && letter?.signed != true,
            may_sign_letter: access.permissions.contains(.signFollowUpLetter) && letter != nil
                && letter?.signed != true,
            letter_url: Site.API.unitDocument("tindak-lanjut.docx").path(
                try access.period.requireID(), try access.unit.requireID()),
            moves: FollowUp.PlanMove.allCases.filter {
                FollowUp.moveRefusal(
                    $0, from: stored.state, by: actor, recommendations: stored.current.count,
                    planned: Set(stored.actions.map(\.recommendationID)).intersection(stored.current.map(\.id)).count,
                    note: "-") == nil
            })
    }
}
