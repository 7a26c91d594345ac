import Fluent
import TelaahCore
import Vapor

/// `/api/v1/periods/:period/units/:unit/conditions…`: the rancangan LHE, the kondisi of each
/// component written by the Ketua Tim (`Cycle.mayWriteDraft`) and printed in the LHE under item 1
/// of its uraian; "Ajukan reviu" needs all of them (`Cycle.draftComplete`).
struct DraftController {
    struct ConditionBody: Codable, Sendable {
        var component: String
        var title: String
        var text: String?
        var updated_by: String?
        /// 0 until written.
        var version: Int
    }

    struct DraftBody: Codable, Sendable {
        var components: [ConditionBody]
        var complete: Bool
        var editable: Bool
    }

    struct ConditionUpdate: Codable, Sendable {
        var text: Text
        var version: Version
    }

    struct Saved: Codable, Sendable {
        var component: String
        var version: Int
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.conditions, "Rancangan LHE: kondisi setiap komponen") { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readEvaluation)
            return try await Self.state(req, access)
        }
        api.json(
            .PUT, Site.API.condition, "Menulis kondisi satu komponen dalam rancangan LHE (Ketua Tim, dengan versi)",
            request: ConditionUpdate.self, errors: [.conflict]
        ) { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readEvaluation)
            let stage = access.stage
            guard CycleController.mayChange(access), Cycle.mayWriteDraft(access.cycleActor, at: stage),
                let assessmentID = access.assessment?.id
            else {
                throw Abort(
                    .forbidden,
                    reason:
                        "Rancangan LHE ditulis oleh Ketua Tim pada tahap Evaluasi oleh tim atau Tanggapan PD diterima (tahap sekarang: \(stage.title))."
                )
            }
            let component = req.parameters.get("component") ?? ""
            let scorer = try await req.scorer(for: access.period)
            guard scorer.framework.component(component) != nil else {
                throw Abort(.notFound, reason: "Komponen \(component) tidak ada di kerangka periode ini.")
            }
            let body = try req.decode(ConditionUpdate.self)
            try requireText(body.text, "text")
            let version = try await req.store.saveDraftCondition(
                assessmentID: assessmentID, component: component, text: body.text.trimmed,
                version: body.version.value, by: access.user)
            return Saved(component: component, version: version)
        }
    }

    static func state(_ req: Request, _ access: UnitAccess) async throws -> DraftBody {
        let scorer = try await req.scorer(for: access.period)
        var stored: [String: DraftCondition] = [:]
        if let id = access.assessment?.id { stored = try await req.store.draftConditions(assessmentID: id) }
        let stage = access.stage
        return DraftBody(
            components: scorer.framework.components.map { c in
                ConditionBody(
                    component: c.id, title: c.title, text: stored[c.id]?.text, updated_by: stored[c.id]?.updatedBy,
                    version: stored[c.id]?.version ?? 0)
            },
            complete: Cycle.draftComplete(
                components: scorer.framework.components.map(\.id), conditions: stored.mapValues(\.text)),
            editable: CycleController.mayChange(access) && access.assessment != nil
                && Cycle.mayWriteDraft(access.cycleActor, at: stage))
    }
}
