import Fluent
import FluentSQLiteDriver
import SQLKit
import TelaahCore
import Vapor

/// Reads an assessment's values per actor and scores them with the core.
package enum AssessmentStore {
    package struct AnswerRow: Decodable {
        package var assessment_id: UUID
        package var actor: String
        package var criterion_id: String
        package var code: String?
        package var not_applicable_reason: String?
        package var note: String?
        package var version: Int
    }

    package struct GradeRow: Decodable {
        package var assessment_id: UUID
        package var actor: String
        package var subcomponent_id: String
        package var grade: String?
        package var justification: String?
        package var note: String?
        package var evidence: String?
        package var recommendation: String?
        package var version: Int
    }

    /// The stored values of some assessments for some actors (two queries, through SQLKit).
    package struct Values: Sendable {
        package var answers: [AnswerRow]
        package var grades: [GradeRow]

        /// The scorer's input for one assessment and actor.
        package func input(assessment: UUID, actor: Actor, unitName: String?) -> AssessmentInput {
            var input = AssessmentInput(unit: unitName)
            for a in answers where a.assessment_id == assessment && a.actor == actor.rawValue {
                let sub = String(a.criterion_id.split(separator: ".").prefix(2).joined(separator: "."))
                let answer: CriterionAnswer
                if let reason = a.not_applicable_reason {
                    answer = .notApplicable(reason: reason)
                } else if let code = a.code {
                    answer = .code(code)
                } else {
                    continue
                }
                input.subcomponents[sub, default: SubcomponentInput()].answers[a.criterion_id] = answer
            }
            for g in grades where g.assessment_id == assessment && g.actor == actor.rawValue {
                var entry = input.subcomponents[g.subcomponent_id, default: SubcomponentInput()]
                entry.grade = g.grade
                entry.justification = g.justification
                entry.note = g.note
                input.subcomponents[g.subcomponent_id] = entry
            }
            return input
        }
    }

    /// `local`: see `ReadRow.all` (never inside a write transaction).
    package static func values(assessments: [UUID], actors: [Actor], on db: any Database, local: SQLiteReaders? = nil)
        async throws -> Values
    {
        guard !assessments.isEmpty, !actors.isEmpty else { return Values(answers: [], grades: []) }
        let ids: [any Encodable & Sendable] = assessments
        let names: [any Encodable & Sendable] = actors.map(\.rawValue)
        // 2026-11-23: answers and grades in one query (each query costs about 0,4 ms of CPU on
        // SQLite, and this runs on every LKE page and after every save).
        let query: SQLQueryString = """
            SELECT 'a' AS kind, assessment_id, actor, criterion_id AS item, code AS value,
              not_applicable_reason AS reason, note, NULL AS evidence, NULL AS recommendation, version
            FROM answers WHERE assessment_id IN (\(binds: ids)) AND actor IN (\(binds: names))
            UNION ALL
            SELECT 'g' AS kind, assessment_id, actor, subcomponent_id AS item, grade AS value,
              justification AS reason, note, evidence, recommendation, version
            FROM subcomponent_grades WHERE assessment_id IN (\(binds: ids)) AND actor IN (\(binds: names))
            """
        let rows = try await ReadRow.all(query, on: db, local: local).map(ValueRow.init(row:))
        var values = Values(answers: [], grades: [])
        for r in rows {
            if r.kind == "a" {
                values.answers.append(
                    AnswerRow(
                        assessment_id: r.assessment_id, actor: r.actor, criterion_id: r.item, code: r.value,
                        not_applicable_reason: r.reason, note: r.note, version: r.version))
            } else {
                values.grades.append(
                    GradeRow(
                        assessment_id: r.assessment_id, actor: r.actor, subcomponent_id: r.item, grade: r.value,
                        justification: r.reason, note: r.note, evidence: r.evidence, recommendation: r.recommendation,
                        version: r.version))
            }
        }
        return values
    }

    /// The state of each actor's values of an assessment: rows and the sum of their versions, of
    /// the answers and of the grades (`12:40/3:5`). Values are never deleted and every write raises
    /// a version, so every write changes it (see `LKEPage.load`). Extra columns of the access query
    /// (alias `a` the assessment), so the LKE page needs no query of its own for it. (PostgreSQL
    /// sums a bigint column as numeric: cast back.)
    static let stampColumns: String = Actor.allCases.map { actor in
        let a = actor.rawValue
        return ["answers", "subcomponent_grades"].map { table in
            let prefix = "\(a)_\(table == "answers" ? "a" : "g")"
            return """
                , (SELECT COUNT(*) FROM \(table) x WHERE x.assessment_id = a.id AND x.actor = '\(a)') AS \(prefix)c\
                , (SELECT CAST(COALESCE(SUM(x.version), 0) AS BIGINT) FROM \(table) x \
                WHERE x.assessment_id = a.id AND x.actor = '\(a)') AS \(prefix)v
                """
        }.joined()
    }.joined()

    static func stamps(from row: ReadRow) throws -> [Actor: String] {
        var result: [Actor: String] = [:]
        for actor in Actor.allCases {
            let n = { (c: String) in try row.int(c) ?? 0 }
            let a = actor.rawValue
            result[actor] = "\(try n("\(a)_ac")):\(try n("\(a)_av"))/\(try n("\(a)_gc")):\(try n("\(a)_gv"))"
        }
        return result
    }

    struct ValueRow {
        var kind: String
        var assessment_id: UUID
        var actor: String
        var item: String
        var value: String?
        var reason: String?
        var note: String?
        var evidence: String?
        var recommendation: String?
        var version: Int

        /// 2026-11-23: decoded column by column; `Decodable` through SQLKit's row decoder was a
        /// sixth of an LKE page's CPU time (90 rows of ten columns).
        init(row: ReadRow) throws {
            kind = try row.required(row.string, "kind")
            assessment_id = try row.required(row.uuid, "assessment_id")
            actor = try row.required(row.string, "actor")
            item = try row.required(row.string, "item")
            value = try row.string("value")
            reason = try row.string("reason")
            note = try row.string("note")
            evidence = try row.string("evidence")
            recommendation = try row.string("recommendation")
            version = try row.required(row.int, "version")
        }
    }

    /// The assessment of a PD in a period, created (with an audit entry) when missing.
    ///
    /// 2026-11-23: the first writes to a PD through two app processes raced to create it and one
    /// got a unique-key error (HTTP 500). The insert now skips a row that another writer created
    /// meanwhile (`ON CONFLICT DO NOTHING`; PostgreSQL waits for that writer's commit) and then
    /// reads it; only the writer whose insert took effect appends the audit entry.
    static func assessment(for access: UnitAccess, on db: any Database) async throws -> Assessment {
        // An assessment is never deleted: the one the access check found stands.
        if let existing = access.assessment { return existing }
        let periodID = try access.period.requireID()
        let unitID = try access.unit.requireID()
        if let existing = try await find(periodID: periodID, unitID: unitID, on: db) { return existing }
        let sql = db as! any SQLDatabase
        let created = Assessment(id: UUID(), governmentID: access.user.governmentID, periodID: periodID, unitID: unitID)
        let inserted = try await sql.insert(into: Assessment.schema)
            .columns("id", "government_id", "period_id", "unit_id", "stage", "released", "version")
            .values(
                SQLBind(created.id), SQLBind(access.user.governmentID), SQLBind(periodID), SQLBind(unitID),
                SQLBind(created.stage.rawValue), SQLBind(created.released), SQLBind(created.version)
            )
            .ignoringConflicts(with: ["period_id", "unit_id"])
            .returning("id")
            .all()
        guard let stored = try await find(periodID: periodID, unitID: unitID, on: db) else {
            throw Abort(.internalServerError, reason: "Penilaian Perangkat Daerah tidak dapat dibuat.")
        }
        if !inserted.isEmpty {
            try await AuditLog.append(
                on: db, actor: access.user.auditActor, action: "create", objectType: "assessment",
                objectID: stored.requireID().uuidString, before: String?.none,
                after: ["period": periodID.uuidString, "unit": unitID.uuidString])
        }
        return stored
    }

    static func find(periodID: UUID, unitID: UUID, on db: any Database) async throws -> Assessment? {
        try await Assessment.query(on: db).filter(\.$period.$id == periodID).filter(\.$unit.$id == unitID).first()
    }
}

extension Request {
    /// The scorer of a period's frozen framework.
    func scorer(for period: Period) async throws -> Scorer {
        // A frozen version never changes: once parsed, its row (and its YAML text) is not read again.
        if let cached = await application.frameworks.cached(period.$frameworkVersion.id) { return cached }
        guard let version = try await FrameworkVersion.find(period.$frameworkVersion.id, on: db) else {
            throw Abort(.internalServerError, reason: "Kerangka periode tidak ditemukan.")
        }
        return try await application.frameworks.scorer(for: version)
    }
}
