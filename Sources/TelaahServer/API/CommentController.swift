import Fluent
import TelaahCore
import Vapor

/// `/api/v1/periods/:period/units/:unit/comments…`: the reviewers' comments on a PD's draft per
/// sub-component, in threads the team answers and resolves (`Cycle.mayComment`,
/// `Cycle.mayResolve`), kept per revision and audited.
struct CommentController {
    struct ReplyBody: Codable, Sendable {
        var text: String
        var author: String?
        var at_text: String
    }

    struct ThreadBody: Codable, Sendable {
        var id: UUID
        var subcomponent: String
        var stage_title: String
        var text: String
        var author: String?
        var at_text: String
        var resolved: Bool
        var resolved_by: String?
        var replies: [ReplyBody]
    }

    struct CommentsBody: Codable, Sendable {
        var threads: [ThreadBody]
        var open_threads: Int
        var may_comment: Bool
        var may_resolve: Bool
    }

    struct CommentCreate: Codable, Sendable {
        var subcomponent: String
        var text: Text
        /// The thread answered; null opens a new thread.
        var thread_id: UUID?
    }

    struct Created: Codable, Sendable {
        var id: UUID
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.comments, "Komentar reviu atas rancangan per sub-komponen, dalam utas") { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readEvaluation)
            return try await Self.state(req, access)
        }
        api.json(
            .POST, Site.API.comments, "Menulis komentar reviu (utas baru, atau jawaban dalam utas)",
            request: CommentCreate.self, status: .created, errors: [.unprocessableEntity]
        ) { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readEvaluation)
            let stage = access.stage
            guard CycleController.mayChange(access), let assessment = access.assessment, let id = assessment.id,
                Cycle.mayComment(access.cycleActor, at: stage)
            else {
                throw Abort(
                    .forbidden,
                    reason:
                        "Komentar reviu ditulis oleh tim PD ini dari tahap Evaluasi oleh tim sampai Reviu pengendali mutu (tahap sekarang: \(stage.title))."
                )
            }
            let body = try req.decode(CommentCreate.self)
            try requireText(body.text, "text")
            guard try await req.scorer(for: access.period).framework.subcomponent(body.subcomponent) != nil else {
                throw Abort(
                    .unprocessableEntity, reason: "Sub-komponen \(body.subcomponent) tidak ada di kerangka periode ini."
                )
            }
            let created = try await req.store.addReviewComment(
                assessmentID: id, revision: assessment.revision, subcomponent: body.subcomponent,
                threadID: body.thread_id, stage: stage, text: body.text.trimmed, by: access.user)
            return Created(id: created)
        }
        api.empty(
            .PUT, Site.API.commentResolve, "Menandai utas komentar selesai (oleh tim)", success: .noContent
        ) { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readEvaluation)
            guard CycleController.mayChange(access), let id = access.assessment?.id,
                Cycle.mayResolve(access.cycleActor)
            else { throw Abort(.forbidden, reason: "Utas komentar ditandai selesai oleh tim evaluasi PD ini.") }
            try await req.store.resolveReviewThread(assessmentID: id, threadID: try req.id("comment"), by: access.user)
        }
    }

    static func state(_ req: Request, _ access: UnitAccess) async throws -> CommentsBody {
        let stage = access.stage
        let actor = access.cycleActor
        let open = CycleController.mayChange(access) && access.assessment != nil
        var comments: [ReviewComment] = []
        if let assessment = access.assessment, let id = assessment.id {
            comments = try await req.store.reviewComments(assessmentID: id, revision: assessment.revision)
        }
        let threads = comments.filter { $0.threadID == nil }.map { t in
            ThreadBody(
                id: t.id, subcomponent: t.subcomponent, stage_title: t.stage?.title ?? "—", text: t.text,
                author: t.author, at_text: WIBTime.text(utc: t.at), resolved: t.resolvedAt != nil,
                resolved_by: t.resolvedBy,
                replies: comments.filter { $0.threadID == t.id }.map {
                    ReplyBody(text: $0.text, author: $0.author, at_text: WIBTime.text(utc: $0.at))
                })
        }
        return CommentsBody(
            threads: threads, open_threads: threads.filter { !$0.resolved }.count,
            may_comment: open && Cycle.mayComment(actor, at: stage), may_resolve: open && Cycle.mayResolve(actor))
    }
}
