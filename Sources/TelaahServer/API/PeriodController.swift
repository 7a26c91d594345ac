import Fluent
import TelaahCore
import Vapor

/// `/api/v1/periods…`: the periods of the account's government, one period's overview (every PD
/// the account may see, with progress, total and predikat, and the regency summary for those who
/// see the whole period), and its frozen framework.
struct PeriodController {
    struct PeriodList: Codable, Sendable {
        var periods: [PeriodBody]
    }

    struct OverviewUnit: Codable, Sendable {
        var id: UUID
        var name: String
        var cluster: String?
        var stage: AccessRules.Stage
        var criteria_answered: Int
        var criteria: Int
        var subcomponents_graded: Int
        var subcomponents: Int
        var total: Figure?
        var predikat: String?
        var permissions: [PermissionName]
    }

    struct Overview: Codable, Sendable {
        var period: PeriodBody
        var framework: FrameworkRef
        var units: [OverviewUnit]
        var complete: Int
        /// The regency summary compiled by the core (`telaah compile`'s JSON), for the Admin, the
        /// Inspektur and the pimpinan; null for others and while no PD is complete.
        var summary: CoreDocument?
    }

    struct GeneralRecommendations: Codable, Sendable {
        /// One recommendation per line; empty: none.
        var text: String
        var version: Version
    }

    struct GeneralRecommendationsSaved: Codable, Sendable {
        var text: String
        var version: Int
    }

    func register(_ api: APIBuilder) {
        api.json(
            .PUT, Site.API.generalRecommendations,
            "Rekomendasi umum periode (di luar empat komponen), satu per baris: Laporan Kompilasi E, F, …",
            request: GeneralRecommendations.self, errors: [.conflict]
        ) { req in
            let user = try req.signedIn()
            guard AccessRules.writesGeneralRecommendations(user.role) else {
                throw Abort(.forbidden, reason: "Rekomendasi umum periode ditulis oleh Inspektur.")
            }
            let period = try await req.period(req.parameters.get("period"), for: user)
            guard period.status == .open else {
                throw Abort(.forbidden, reason: "Periode ini ditutup: rekomendasinya tidak dapat diubah.")
            }
            let body = try req.decode(GeneralRecommendations.self)
            let text = body.text.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
            guard text.count <= 20_000 else {
                throw Abort(.badRequest, reason: "Rekomendasi umum paling panjang 20.000 karakter.")
            }
            let version = try await req.store.setGeneralRecommendations(
                periodID: try period.requireID(), text: text, version: body.version.value, by: user)
            return GeneralRecommendationsSaved(text: text, version: version)
        }
        api.json(.GET, Site.API.periods, "Periode evaluasi pemerintah daerah akun ini") { req in
            let user = try req.signedIn()
            let periods = try await Period.query(on: req.db).filter(\.$government.$id == user.governmentID)
                .sort(\.$evaluationYear, .descending).all()
            return PeriodList(periods: periods.map(PeriodBody.init))
        }
        api.json(.GET, Site.API.period, "Ikhtisar periode: setiap PD yang boleh dilihat akun ini") { req in
            let user = try req.signedIn()
            let period = try await req.period(req.parameters.get("period"), for: user)
            let o = try await PeriodOverview.load(period: period, user: user, req: req)
            return Overview(
                period: PeriodBody(period), framework: FrameworkRef(o.framework),
                units: o.rows.map { row in
                    OverviewUnit(
                        id: row.unitID, name: row.name, cluster: row.cluster, stage: row.stage,
                        criteria_answered: row.answered, criteria: row.criteria, subcomponents_graded: row.graded,
                        subcomponents: row.subcomponents, total: row.result?.total.map { Figure($0) },
                        predikat: row.result?.predikat?.code, permissions: PermissionName.names(row.permissions))
                }, complete: o.completeCount, summary: o.summary.map { CoreDocument($0.json()) })
        }
        api.document(
            Site.API.framework, "Kerangka LKE periode ini (dibekukan), dalam bentuk berkas kerangkanya",
            schema: .object([
                ("type", .string("object")),
                ("description", .string("Kerangka LKE dalam bentuk berkasnya (docs/framework-format.md)")),
            ])
        ) { req in
            let user = try req.signedIn()
            let period = try await req.period(req.parameters.get("period"), for: user)
            return try await req.scorer(for: period).framework.document()
        }
    }
}

/// A JSON document the core writes (a compilation), carried whole inside a response.
struct CoreDocument: Codable, Sendable, SchemaDescribable, WireJSON {
    var json: JSONValue

    init(_ json: JSONValue) { self.json = json }

    init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "hanya keluaran"))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(json.rendered(pretty: false))
    }

    static func schema(_ schemas: SchemaRegistry) -> JSONValue {
        .object([
            ("type", .string("object")),
            ("description", .string("Keluaran inti Telaah, sama dengan JSON telaah compile")),
        ])
    }
    static var schemaExample: CoreDocument { CoreDocument(.null) }
}
