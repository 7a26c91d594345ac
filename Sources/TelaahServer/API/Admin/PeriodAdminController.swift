import Fluent
import TelaahCore
import Vapor

/// `/api/v1/admin/periods…`: opening a period on a framework version (frozen from then on), one
/// per evaluation year; renaming, closing and reopening it.
struct PeriodAdminController {
    /// An evaluation year a period may open: from 2000 to next year.
    struct EvaluationYear: Codable, Sendable, SchemaDescribable {
        var value: Int

        init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
        init(value: Int) { self.value = value }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(value)
        }

        static func schema(_ schemas: SchemaRegistry) -> JSONValue {
            .object([("type", .string("integer")), ("minimum", .int(2000)), ("maximum", .int(currentYear + 1))])
        }
        static var schemaExample: EvaluationYear { EvaluationYear(value: currentYear) }
        static var currentYear: Int { Calendar(identifier: .gregorian).component(.year, from: Date()) }
    }
    struct PeriodCreate: Codable, Sendable {
        var name: Text
        var evaluation_year: EvaluationYear
        /// Baku: the evaluation year − 1.
        var performance_year: Int?
        var framework_version_id: UUID
    }
    struct PeriodUpdate: Codable, Sendable {
        var name: Text?
        var status: Period.Status
        var version: Version
    }

    func register(_ api: APIBuilder) {
        api.json(
            .POST, Site.API.Admin.periods, "Membuka periode evaluasi; versi kerangkanya dibekukan",
            request: PeriodCreate.self, status: .created, errors: [.conflict]
        ) { req in
            let admin = try req.requireAdmin()
            let body = try req.decode(PeriodCreate.self)
            try requireText(body.name, "name")
            let year = body.evaluation_year.value
            if let problem = AccountRules.evaluationYearProblem(year, currentYear: EvaluationYear.currentYear) {
                throw Abort(.unprocessableEntity, reason: problem.message)
            }
            let period = try await req.store.write { tx in
                guard let version = try await FrameworkVersion.find(body.framework_version_id, on: tx.db),
                    version.$government.id == admin.governmentID
                else { throw Abort(.unprocessableEntity, reason: "Versi kerangka tidak ditemukan.") }
                if try await Period.query(on: tx.db).filter(\.$government.$id == admin.governmentID)
                    .filter(\.$evaluationYear == year).first() != nil
                {
                    throw Abort(.conflict, reason: "Periode evaluasi \(year) sudah ada.")
                }
                let period = Period(
                    governmentID: admin.governmentID, name: body.name.trimmed, evaluationYear: year,
                    performanceYear: body.performance_year ?? year - 1, frameworkVersionID: try version.requireID())
                try await period.create(on: tx.db)
                if !version.frozen {
                    version.frozen = true
                    try await version.update(on: tx.db)
                }
                try await tx.audit(
                    admin.auditActor, "create", "period", period.requireID().uuidString, before: String?.none,
                    after: [
                        "name": period.name, "evaluation_year": String(year),
                        "framework": "\(version.frameworkKey) \(version.frameworkVersion) (dibekukan)",
                    ])
                return period
            }
            return PeriodBody(period)
        }
        api.json(
            .PUT, Site.API.Admin.period,
            "Mengganti nama periode, menutupnya (tidak ada lagi perubahan penilaian) atau membukanya kembali (dengan versi)",
            request: PeriodUpdate.self, errors: [.conflict]
        ) { req in
            let admin = try req.requireAdmin()
            let body = try req.decode(PeriodUpdate.self)
            if let name = body.name { try requireText(name, "name") }
            let periodID = try await req.period(req.parameters.get("period"), for: admin).requireID()
            let period = try await req.store.write { tx in
                try await tx.lock(Period.schema, ["id": periodID])
                guard let period = try await Period.find(periodID, on: tx.db) else { throw Abort(.notFound) }
                try Store.checkVersion(period.version, body.version.value)
                let before = ["name": period.name, "status": period.status.rawValue]
                period.name = body.name?.trimmed ?? period.name
                period.status = body.status
                period.version += 1
                try await period.update(on: tx.db)
                try await tx.audit(
                    admin.auditActor, "update", "period", periodID.uuidString, before: before,
                    after: ["name": period.name, "status": period.status.rawValue])
                return period
            }
            return PeriodBody(period)
        }
    }
}
