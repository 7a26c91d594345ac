import Fluent
import TelaahCore
import Vapor

/// `GET|PUT /api/v1/periods/:period/units/:unit/pre-evaluation`: the PD's pra-evaluasi profile
/// (`PreEvaluation`, items a–l). Read by who reads the PD's self-assessment; written by its
/// operator while the self-assessment is theirs (before it is sent). Item l comes from the
/// previous period where that period has the PD's result.
struct PreEvaluationController {
    struct ItemBody: Codable, Sendable {
        var key: String
        var title: String
        var text: String?
        /// Filled from the previous period, not by the PD.
        var automatic: Bool
    }

    struct PreEvaluationBody: Codable, Sendable {
        var items: [ItemBody]
        var filled: Int
        var version: Int
        var editable: Bool
        var updated_by: String?
        /// `16 Oktober 2024 09.12 WIB`.
        var updated_at_text: String?
    }

    struct PreEvaluationUpdate: Codable, Sendable {
        var a: String?
        var b: String?
        var c: String?
        var d: String?
        var e: String?
        var f: String?
        var g: String?
        var h: String?
        var i: String?
        var j: String?
        var k: String?
        var l: String?
        var version: Version

        var texts: [String: String] {
            let all: [String: String?] = [
                "a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h, "i": i, "j": j, "k": k, "l": l,
            ]
            return all.compactMapValues { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
                !$0.value.isEmpty
            }
        }
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.preEvaluation, "Profil pra-evaluasi PD (butir a–l)") { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"),
                requiring: .readSelfAssessment)
            return try await Self.state(req, access)
        }
        api.json(
            .PUT, Site.API.preEvaluation, "Mengisi profil pra-evaluasi PD (dengan versi)",
            request: PreEvaluationUpdate.self, errors: [.conflict]
        ) { req in
            let access = try await req.unitAccess(
                periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"),
                requiring: .readSelfAssessment)
            guard access.permissions.contains(.writeSelfAssessment) else {
                throw Abort(
                    .forbidden,
                    reason:
                        "Profil pra-evaluasi diisi oleh operator PD ini sebelum penilaian mandiri dikirim (tahap sekarang: \((access.stage).title))."
                )
            }
            let body = try req.decode(PreEvaluationUpdate.self)
            _ = try await req.store.savePreEvaluation(
                periodID: try access.period.requireID(), unitID: try access.unit.requireID(), texts: body.texts,
                version: body.version.value, by: access.user)
            return try await Self.state(req, access)
        }
    }

    static func state(_ req: Request, _ access: UnitAccess) async throws -> PreEvaluationBody {
        let stored = try await req.store.preEvaluation(
            periodID: try access.period.requireID(), unitID: try access.unit.requireID())
        let previous = try await req.store.previousResult(
            of: access.period, unitID: try access.unit.requireID(), frameworks: req.application.frameworks)
        return PreEvaluationBody(
            items: PreEvaluation.items.map { item in
                let automatic = item.key == PreEvaluation.previousResultKey && previous != nil
                return ItemBody(
                    key: item.key, title: item.title, text: automatic ? previous : stored.texts[item.key],
                    automatic: automatic)
            },
            filled: PreEvaluation.filled(stored.texts, previousResult: previous), version: stored.version,
            editable: access.permissions.contains(.writeSelfAssessment), updated_by: stored.updatedBy,
            updated_at_text: stored.updatedAt.map { WIBTime.text(utc: $0) })
    }
}
