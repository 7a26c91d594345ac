import Fluent
import TelaahCore
import Vapor

/// `/api/v1/periods/:period/units/:unit/responses…`: the findings of a PD's tentative result (the
/// evaluators' notes per sub-component), the PD's tanggapan on each (agree, or disagree with its
/// words) during the confirmation, and the team's reply once the PD has sent them. One row per
/// finding per revision; every change is in the audit chain.
struct ResponseController {
    struct FindingBody: Codable, Sendable {
        var subcomponent: String
        var title: String
        var finding: String
        /// Null until the PD answers.
        var agree: Bool?
        var text: String?
        var responded_by: String?
        var reply: String?
        var replied_by: String?
        /// 0 until the PD answers.
        var version: Int
    }

    struct ResponsesBody: Codable, Sendable {
        var revision: Int
        var findings: [FindingBody]
        /// The PD has answered every finding (the condition of "Kirim tanggapan").
        var complete: Bool
        var may_respond: Bool
        var may_reply: Bool
    }

    struct ResponseRequest: Codable, Sendable {
        var agree: Bool
        /// The tanggapan; required when the PD disagrees.
        var text: String?
        var version: Version
    }

    struct ReplyRequest: Codable, Sendable {
        var reply: Text
        var version: Version
    }

    struct Saved: Codable, Sendable {
        var subcomponent: String
        var version: Int
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.responses, "Temuan hasil sementara satu PD, tanggapan PD dan jawaban tim") { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readEvaluation)
            return try await Self.state(req, access)
        }
        api.json(
            .PUT, Site.API.response, "Tanggapan PD atas satu temuan (setuju, atau tidak setuju dengan penjelasannya)",
            request: ResponseRequest.self, errors: [.conflict]
        ) { req in
            let (access, assessment, finding) = try await Self.finding(req)
            guard Cycle.mayRespond(access.cycleActor, at: assessment.stage) else {
                throw Abort(
                    .forbidden,
                    reason:
                        "Tanggapan diberikan oleh operator PD ini pada tahap Konfirmasi ke PD (tahap sekarang: \(assessment.stage.title))."
                )
            }
            let body = try req.decode(ResponseRequest.self)
            if let problem = Cycle.responseProblem(agree: body.agree, text: body.text) {
                throw Abort(.unprocessableEntity, reason: problem)
            }
            let text = body.text?.trimmingCharacters(in: .whitespacesAndNewlines)
            let version = try await req.store.saveResponse(
                assessmentID: try assessment.requireID(), revision: assessment.revision, subcomponent: finding,
                agree: body.agree, text: text?.isEmpty == true ? nil : text, version: body.version.value,
                by: access.user)
            return Saved(subcomponent: finding, version: version)
        }
        api.json(
            .POST, Site.API.agreeAll,
            "Setujui semua temuan yang belum ditanggapi PD (tanggapan yang sudah ditulis tidak diubah)",
            errors: [.conflict]
        ) { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readEvaluation)
            guard CycleController.mayChange(access), let assessment = access.assessment, let id = assessment.id,
                Cycle.mayRespond(access.cycleActor, at: assessment.stage)
            else {
                throw Abort(
                    .forbidden,
                    reason: "Tanggapan diberikan oleh operator PD ini pada tahap Konfirmasi ke PD.")
            }
            let state = try await Self.state(req, access)
            let answered = Set(state.findings.filter { $0.version > 0 }.map(\.subcomponent))
            for sub in Cycle.agreeable(findings: state.findings.map(\.subcomponent), answered: answered) {
                _ = try await req.store.saveResponse(
                    assessmentID: id, revision: assessment.revision, subcomponent: sub, agree: true, text: nil,
                    version: 0, by: access.user)
            }
            return try await Self.state(req, access)
        }
        api.json(
            .PUT, Site.API.reply, "Jawaban tim atas tanggapan PD pada satu temuan", request: ReplyRequest.self,
            errors: [.conflict]
        ) { req in
            let (access, assessment, finding) = try await Self.finding(req)
            guard Cycle.mayReply(access.cycleActor, at: assessment.stage) else {
                throw Abort(
                    .forbidden,
                    reason:
                        "Jawaban atas tanggapan diberikan oleh tim pada tahap Tanggapan PD diterima (tahap sekarang: \(assessment.stage.title))."
                )
            }
            let body = try req.decode(ReplyRequest.self)
            try requireText(body.reply, "reply")
            let version = try await req.store.saveReply(
                assessmentID: try assessment.requireID(), revision: assessment.revision, subcomponent: finding,
                reply: body.reply.trimmed, version: body.version.value, by: access.user)
            return Saved(subcomponent: finding, version: version)
        }
    }

    /// The access, the assessment and the finding a write names; 404 for a sub-component with no
    /// finding, 403 where the period is closed or the PD deactivated.
    static func finding(_ req: Request) async throws -> (UnitAccess, Assessment, String) {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readEvaluation)
        guard CycleController.mayChange(access), let assessment = access.assessment, let id = assessment.id else {
            throw Abort(
                .forbidden, reason: "Periode ini ditutup atau PD ini dinonaktifkan: tidak ada yang dapat diubah.")
        }
        let sub = req.parameters.get("subcomponent") ?? ""
        let scorer = try await req.scorer(for: access.period)
        let values = try await req.store.values(of: access, actors: [.evaluator])
        guard
            Finding.of(values, assessment: id, framework: scorer.framework).contains(where: { $0.subcomponent == sub })
        else { throw Abort(.notFound, reason: "Tidak ada temuan pada sub-komponen \(sub).") }
        return (access, assessment, sub)
    }

    /// The findings with their answers, and what the account may do with them now.
    static func state(_ req: Request, _ access: UnitAccess) async throws -> ResponsesBody {
        guard let assessment = access.assessment, let id = assessment.id else {
            return ResponsesBody(revision: 1, findings: [], complete: true, may_respond: false, may_reply: false)
        }
        let scorer = try await req.scorer(for: access.period)
        let values = try await req.store.values(of: access, actors: [.evaluator])
        let findings = Finding.of(values, assessment: id, framework: scorer.framework)
        let responses = try await req.store.responses(assessmentID: id, revision: assessment.revision)
        let open = CycleController.mayChange(access)
        return ResponsesBody(
            revision: assessment.revision,
            findings: findings.map { f in
                let r = responses[f.subcomponent]
                return FindingBody(
                    subcomponent: f.subcomponent, title: f.title, finding: f.text, agree: r?.agree, text: r?.text,
                    responded_by: r?.respondedBy, reply: r?.reply, replied_by: r?.repliedBy, version: r?.version ?? 0)
            },
            complete: Cycle.findingsAnswered(
                findings: findings.map(\.subcomponent), responses: responses.mapValues { ($0.agree, $0.text) }),
            may_respond: open && Cycle.mayRespond(access.cycleActor, at: assessment.stage),
            may_reply: open && Cycle.mayReply(access.cycleActor, at: assessment.stage))
    }
}
