import Fluent
import TelaahCore
import TelaahDocuments
import Vapor

/// `/api/v1/admin/periods/:period/cycle`: the period's cycle settings, the review tiers it skips
/// (only where the seed allows it: nothing is skipped unless set here) and its due dates.
struct PeriodCycleController {
    /// A calendar date, TTTT-BB-HH.
    struct DueDate: Codable, Sendable, SchemaDescribable {
        var value: String

        init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(String.self) }
        init(value: String) { self.value = value }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(value)
        }

        static func schema(_ schemas: SchemaRegistry) -> JSONValue {
            .object([("type", .string("string")), ("format", .string("date"))])
        }
        static var schemaExample: DueDate { DueDate(value: "2024-08-31") }
    }

    /// The settings as read, and as sent back with the version read.
    struct PeriodCycleBody: Codable, Sendable {
        var skip_technical_review: Bool
        var skip_panel: Bool
        var skip_quality_review: Bool
        var due_self_assessment: DueDate?
        var due_evaluation: DueDate?
        var due_review: DueDate?
        var due_confirmation: DueDate?
        var due_signing: DueDate?
        /// The period's version, for the next edit.
        var version: Version

        init(_ c: PeriodCycle, version: Int) {
            skip_technical_review = c.settings.skipTechnicalReview
            skip_panel = c.settings.skipPanel
            skip_quality_review = c.settings.skipQualityReview
            due_self_assessment = c.due[.selfAssessment].map(DueDate.init)
            due_evaluation = c.due[.evaluation].map(DueDate.init)
            due_review = c.due[.review].map(DueDate.init)
            due_confirmation = c.due[.confirmation].map(DueDate.init)
            due_signing = c.due[.signing].map(DueDate.init)
            self.version = Version(value: version)
        }

        /// The settings sent; 422 naming a due date that is not a date.
        func periodCycle() throws -> PeriodCycle {
            let due: [Cycle.Deadline: String] = [
                .selfAssessment: due_self_assessment?.value, .evaluation: due_evaluation?.value,
                .review: due_review?.value, .confirmation: due_confirmation?.value, .signing: due_signing?.value,
            ].compactMapValues { $0 }
            for (deadline, text) in due where DocumentDate(iso: text) == nil {
                throw Abort(
                    .unprocessableEntity,
                    reason: "Batas waktu \"\(deadline.title)\" harus tanggal berbentuk TTTT-BB-HH, misalnya 2024-08-31."
                )
            }
            return PeriodCycle(
                settings: Cycle.Settings(
                    skipTechnicalReview: skip_technical_review, skipPanel: skip_panel,
                    skipQualityReview: skip_quality_review),
                due: due)
        }
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.Admin.periodCycle, "Tingkat reviu yang dilewati dan batas waktu periode ini") { req in
            let admin = try req.requireAdmin()
            let period = try await req.period(req.parameters.get("period"), for: admin)
            return PeriodCycleBody(
                try await req.store.periodCycle(periodID: try period.requireID()), version: period.version)
        }
        api.json(
            .PUT, Site.API.Admin.periodCycle,
            "Mengubah tingkat reviu yang dilewati dan batas waktu periode ini (dengan versi)",
            request: PeriodCycleBody.self, errors: [.conflict]
        ) { req in
            let admin = try req.requireAdmin()
            let body = try req.decode(PeriodCycleBody.self)
            let periodID = try await req.period(req.parameters.get("period"), for: admin).requireID()
            try await req.store.setPeriodCycle(
                try body.periodCycle(), periodID: periodID, version: body.version.value, by: admin)
            guard let period = try await Period.find(periodID, on: req.db) else { throw Abort(.notFound) }
            return PeriodCycleBody(try await req.store.periodCycle(periodID: periodID), version: period.version)
        }
    }
}
