import Fluent
import SQLKit
import TelaahCore
import Vapor

/// The stored values of some assessments for some actors: each answer and grade as a row.
package struct AssessmentValues: Sendable {
    package struct Answer: Sendable {
        package var assessment_id: UUID
        package var actor: String
        package var criterion_id: String
        package var code: String?
        package var not_applicable_reason: String?
        package var note: String?
        package var version: Int
    }

    package struct Grade: Sendable {
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

    package var answers: [Answer] = []
    package var grades: [Grade] = []

    /// The scorer's input for one assessment and actor. Each criterion goes to its sub-component
    /// as the framework places it.
    package func input(assessment: UUID, actor: Actor, unitName: String?, framework: Framework) -> AssessmentInput {
        var input = AssessmentInput(unit: unitName)
        for a in answers where a.assessment_id == assessment && a.actor == actor.rawValue {
            let answer: CriterionAnswer
            if let reason = a.not_applicable_reason {
                answer = .notApplicable(reason: reason)
            } else if let code = a.code {
                answer = .code(code)
            } else {
                continue
            }
            let sub = framework.subcomponentID(ofCriterion: a.criterion_id)
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

/// What the access check reads of a PD in a period for one account, in one query: the period, the
/// PD, its assessment, the account's team roles on it, and on request the values' state and the
/// answer a save is about to change.
struct AccessRecord: Sendable {
    var period: Period
    var unit: Unit
    var assessment: Assessment?
    var teamRoles: Set<AccessRules.TeamRole>
    /// The state of each actor's values (`AccessRecord.stamps`), when asked for.
    var stamps: [Actor: String] = [:]
    /// With the stamps: how many assessments the PD has in its government's earlier periods.
    var earlierAssessments = 0
    /// With the stamps: the sum of those assessments' values versions (M0021), which every write
    /// on their values raises: with the count, it names the state of the PD's earlier grades.
    var earlierValues = 0
    /// The answer a save is based on, as stored, when asked for and present.
    var answer: StoredAnswer?
}

/// An answer as read for a write.
struct StoredAnswer: Sendable {
    var id: UUID
    var code: String?
    var not_applicable_reason: String?
    var note: String?
    var version: Int
}

/// A change of one criterion's answer, as a save asks for it.
struct AnswerChange: Sendable, Codable {
    var actor: String
    var criterion: String
    var code: String?
    var notApplicable: String?
    var note: String?
    var version: Int
}

/// A change of one sub-component's grade (and its texts).
struct GradeChange: Sendable, Codable {
    var actor: String
    var subcomponent: String
    var grade: String?
    var justification: String?
    var note: String?
    var evidence: String?
    var recommendation: String?
    var version: Int
    /// The stage at which it is set, when a review tier sets it.
    var stage: String? = nil
}

extension Store {
    /// The access check's facts (see `AccessRecord`); nil when the period is missing or of another
    /// government, a record without `unit` when the PD is.
    func access(
        periodID: UUID, unitID: UUID, userID: UUID, stamps: Bool, answer: (actor: Actor, criterion: String)?
    ) async throws -> (record: AccessRecord?, periodGovernment: UUID?, unitGovernment: UUID?) {
        let query = Self.accessQuery(
            periodID: periodID, unitID: unitID, userID: userID, stamps: stamps, answer: answer)
        let rows =
            try await stamps
            ? hotRows(query, shape: AccessShape.Page.self)
            : answer != nil
                ? hotRows(query, shape: AccessShape.Answer.self) : hotRows(query, shape: AccessShape.Plain.self)
        guard let first = rows.first else { return (nil, nil, nil) }
        let periodGovernment = try first.required(first.uuid, "p_government")
        guard let unitGovernment = try first.uuid("u_government"), let unitID = try first.uuid("u_id") else {
            return (nil, periodGovernment, nil)
        }
        let period = Period(
            id: periodID, governmentID: periodGovernment, name: try first.required(first.string, "p_name"),
            evaluationYear: try first.required(first.int, "evaluation_year"),
            performanceYear: try first.required(first.int, "performance_year"),
            frameworkVersionID: try first.required(first.uuid, "framework_version_id"))
        period.status = Period.Status(rawValue: try first.required(first.string, "p_status")) ?? .open
        period.version = try first.required(first.int, "p_version")
        period.$id.exists = true
        let unit = Unit(
            id: unitID, governmentID: unitGovernment, name: try first.string("u_name") ?? "",
            clusterID: try first.uuid("cluster_id"), position: try first.int("position") ?? 0)
        unit.active = try first.bool("active") ?? true
        unit.version = try first.int("u_version") ?? 1
        unit.$id.exists = true
        var assessment: Assessment?
        if let id = try first.uuid("a_id") {
            let a = Assessment(id: id, governmentID: periodGovernment, periodID: periodID, unitID: unitID)
            a.stage = try first.string("stage").flatMap(AccessRules.Stage.init(rawValue:)) ?? .preparation
            a.released = try first.bool("released") ?? false
            a.version = try first.int("a_version") ?? 1
            a.revision = try first.int("a_revision") ?? 1
            a.$id.exists = true
            assessment = a
        }
        var record = AccessRecord(
            period: period, unit: unit, assessment: assessment,
            teamRoles: Set(
                try rows.compactMap { try $0.string("team_role").flatMap(AccessRules.TeamRole.init(rawValue:)) }))
        if stamps {
            record.stamps = try Self.stamps(from: first)
            record.earlierAssessments = try first.int("earlier_assessments") ?? 0
            record.earlierValues = try first.int("earlier_values") ?? 0
        }
        if answer != nil, let id = try first.uuid("x_id") {
            record.answer = StoredAnswer(
                id: id, code: try first.string("x_code"), not_applicable_reason: try first.string("x_reason"),
                note: try first.string("x_note"), version: try first.required(first.int, "x_version"))
        }
        return (record, periodGovernment, unitGovernment)
    }

    /// One query for the period, the PD, its assessment and the account's team roles on it (it
    /// runs on every page view and save); a save's answer rides along.
    static func accessQuery(
        periodID: UUID, unitID: UUID, userID: UUID, stamps: Bool, answer: (actor: Actor, criterion: String)?
    ) -> SQLQueryString {
        let answerColumns: SQLQueryString =
            answer == nil
            ? ""
            : ", x.id AS x_id, x.code AS x_code, x.not_applicable_reason AS x_reason, x.note AS x_note, x.version AS x_version"
        let answerJoin: SQLQueryString =
            answer.map {
                """
                LEFT JOIN answers x ON x.assessment_id = a.id AND x.actor = \(bind: $0.actor.rawValue) \
                AND x.criterion_id = \(bind: $0.criterion)
                """
            } ?? ""
        return """
            SELECT p.government_id AS p_government, p.name AS p_name, p.evaluation_year, p.performance_year,
              p.framework_version_id, p.status AS p_status, p.version AS p_version,
              u.id AS u_id, u.government_id AS u_government, u.name AS u_name, u.cluster_id, u.position,
              u.active, u.version AS u_version,
              a.id AS a_id, a.stage, a.released, a.version AS a_version, a.revision AS a_revision,
              m.role AS team_role
              \(unsafeRaw: stamps ? Self.stampColumns : "") \(answerColumns)
            FROM periods p
            LEFT JOIN units u ON u.id = \(bind: unitID)
            LEFT JOIN assessments a ON a.period_id = p.id AND a.unit_id = u.id
            \(answerJoin)
            LEFT JOIN assignments s ON s.period_id = p.id AND s.unit_id = u.id
            LEFT JOIN team_members m ON m.team_id = s.team_id AND m.user_id = \(bind: userID)
            WHERE p.id = \(bind: periodID)
            """
    }

    /// The access check's statements on PostgreSQL.
    enum AccessShape {
        enum Page: HotShape {
            static let name = "telaah_access_page"
            static let sql = PostgresText.of(
                accessQuery(periodID: .init(), unitID: .init(), userID: .init(), stamps: true, answer: nil))
        }
        enum Answer: HotShape {
            static let name = "telaah_access_answer"
            static let sql = PostgresText.of(
                accessQuery(
                    periodID: .init(), unitID: .init(), userID: .init(), stamps: false, answer: (.evaluator, "")))
        }
        enum Plain: HotShape {
            static let name = "telaah_access"
            static let sql = PostgresText.of(
                accessQuery(periodID: .init(), unitID: .init(), userID: .init(), stamps: false, answer: nil))
        }
    }

    /// The values of one PD for `actors` (a hot read: every LKE page and save).
    func values(of access: UnitAccess, actors: [Actor]) async throws -> AssessmentValues {
        try await values(assessments: access.assessment.flatMap(\.id).map { [$0] } ?? [], actors: actors, hot: true)
    }

    /// The values of some assessments for some actors: answers and grades in one query.
    package func values(assessments: [UUID], actors: [Actor], hot: Bool = false) async throws -> AssessmentValues {
        guard !assessments.isEmpty, !actors.isEmpty else { return AssessmentValues() }
        let query = Self.valuesQuery(assessments: assessments, actors: actors)
        guard hot else { return try Self.values(from: await rows(query)) }
        let rows =
            try await assessments.count > 1 || actors.count > 2
            ? hotRows(query)
            : actors.count == 1
                ? hotRows(query, shape: ValuesShape.OneActor.self)
                : hotRows(query, shape: ValuesShape.TwoActors.self)
        return try Self.values(from: rows)
    }

    static func valuesQuery(assessments: [UUID], actors: [Actor]) -> SQLQueryString {
        let ids: [any Encodable & Sendable] = assessments
        let names: [any Encodable & Sendable] = actors.map(\.rawValue)
        return """
            SELECT 'a' AS kind, assessment_id, actor, criterion_id AS item, code AS value,
              not_applicable_reason AS reason, note, NULL AS evidence, NULL AS recommendation, version
            FROM answers WHERE assessment_id IN (\(binds: ids)) AND actor IN (\(binds: names))
            UNION ALL
            SELECT 'g' AS kind, assessment_id, actor, subcomponent_id AS item, grade AS value,
              justification AS reason, note, evidence, recommendation, version
            FROM subcomponent_grades WHERE assessment_id IN (\(binds: ids)) AND actor IN (\(binds: names))
            """
    }

    /// One PD's values for one or both actors, on PostgreSQL.
    enum ValuesShape {
        enum OneActor: HotShape {
            static let name = "telaah_values_1"
            static let sql = PostgresText.of(valuesQuery(assessments: [.init()], actors: [.evaluator]))
        }
        enum TwoActors: HotShape {
            static let name = "telaah_values_2"
            static let sql = PostgresText.of(valuesQuery(assessments: [.init()], actors: [.unit, .evaluator]))
        }
    }

    /// Values read inside a write transaction (never on the readers: they would not see it).
    static func values(assessment: UUID, actor: Actor, in tx: StoreTransaction) async throws -> AssessmentValues {
        let rows = try await ReadRow.all(
            """
            SELECT 'a' AS kind, assessment_id, actor, criterion_id AS item, code AS value,
              not_applicable_reason AS reason, note, NULL AS evidence, NULL AS recommendation, version
            FROM answers WHERE assessment_id = \(bind: assessment) AND actor = \(bind: actor.rawValue)
            UNION ALL
            SELECT 'g' AS kind, assessment_id, actor, subcomponent_id AS item, grade AS value,
              justification AS reason, note, evidence, recommendation, version
            FROM subcomponent_grades WHERE assessment_id = \(bind: assessment) AND actor = \(bind: actor.rawValue)
            """, on: tx.sql)
        return try values(from: rows)
    }

    /// Rows decoded column by column: `Decodable` through SQLKit's row decoder cost a sixth of an
    /// LKE page's CPU (90 rows of ten columns).
    private static func values(from rows: [ReadRow]) throws -> AssessmentValues {
        var values = AssessmentValues()
        for r in rows {
            let assessment = try r.required(r.uuid, "assessment_id")
            let actor = try r.required(r.string, "actor")
            let item = try r.required(r.string, "item")
            let version = try r.required(r.int, "version")
            if try r.required(r.string, "kind") == "a" {
                values.answers.append(
                    .init(
                        assessment_id: assessment, actor: actor, criterion_id: item, code: try r.string("value"),
                        not_applicable_reason: try r.string("reason"), note: try r.string("note"), version: version))
            } else {
                values.grades.append(
                    .init(
                        assessment_id: assessment, actor: actor, subcomponent_id: item, grade: try r.string("value"),
                        justification: try r.string("reason"), note: try r.string("note"),
                        evidence: try r.string("evidence"), recommendation: try r.string("recommendation"),
                        version: version))
            }
        }
        return values
    }

    /// The state of each actor's values of an assessment: rows and the sum of their versions, of
    /// the answers and of the grades (`12:40/3:5`). Values are never deleted and every write raises
    /// a version, so every write changes it: the LKE page keys its rendering on it. Extra columns of
    /// the access query (alias `a`: the assessment). PostgreSQL sums a bigint as numeric: cast back.
    static let stampColumns: String =
        Actor.allCases.map { actor in
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
            + """
            , (SELECT COUNT(*) FROM periods e JOIN assessments ea ON ea.period_id = e.id \
            WHERE ea.unit_id = u.id AND e.government_id = p.government_id \
            AND e.evaluation_year < p.evaluation_year) AS earlier_assessments\
            , (SELECT CAST(COALESCE(SUM(ea.values_version), 0) AS BIGINT) FROM periods e \
            JOIN assessments ea ON ea.period_id = e.id WHERE ea.unit_id = u.id \
            AND e.government_id = p.government_id AND e.evaluation_year < p.evaluation_year) AS earlier_values
            """

    static func stamps(from row: ReadRow) throws -> [Actor: String] {
        var result: [Actor: String] = [:]
        for actor in Actor.allCases {
            let n = { (c: String) in try row.int(c) ?? 0 }
            let a = actor.rawValue
            result[actor] = "\(try n("\(a)_ac")):\(try n("\(a)_av"))/\(try n("\(a)_gc")):\(try n("\(a)_gv"))"
        }
        return result
    }

    /// Saves one answer of the PD `access` names (created with its assessment when it is the
    /// first), if the stored one is still at `change.version`: else 409 and nothing is written. The
    /// update applies only to the version read with the access check (`WHERE version = …`), so
    /// the write transaction stays short and a concurrent change is caught. Returns the
    /// assessment and the new version.
    func saveAnswer(_ change: AnswerChange, access: UnitAccess, by user: SignedIn) async throws -> (
        assessment: UUID, version: Int
    ) {
        let existing = access.answer
        try Self.checkVersion(existing?.version ?? 0, change.version)
        var after = change
        after.version = (existing?.version ?? 0) + 1
        let assessmentID: UUID =
            if let id = access.assessment?.id { id } else {
                try await write { tx in try await Self.assessment(for: access, in: tx).requireID() }
            }
        let before = existing.map {
            AnswerChange(
                actor: change.actor, criterion: change.criterion, code: $0.code,
                notApplicable: $0.not_applicable_reason, note: $0.note, version: $0.version)
        }
        let saved = after
        return try await writeSQL { tx in
            try await Self.writeAnswer(
                saved, over: existing.map { ($0.id, $0.version) }, assessmentID: assessmentID, by: user, in: tx)
            try await Self.raiseValuesVersion(assessmentID, in: tx)
            try await tx.audit(
                user.auditActor, existing == nil ? "create" : "update", "assessment", assessmentID.uuidString,
                before: before, after: saved)
            return (assessmentID, saved.version)
        }
    }

    /// Saves one sub-component's grade and texts if still at `change.version`; `check` decides, on
    /// the values with the change in place, whether it stands (the core's rules), and throws to
    /// undo it. Returns the assessment and the new version.
    func saveGrade(
        _ change: GradeChange, access: UnitAccess, by user: SignedIn,
        check: @escaping @Sendable (AssessmentValues, UUID) throws -> Void
    ) async throws -> (assessment: UUID, version: Int) {
        try await write { tx in
            let assessmentID = try await Self.assessment(for: access, in: tx).requireID()
            try await tx.lock(
                SubcomponentGrade.schema,
                ["assessment_id": assessmentID, "actor": change.actor, "subcomponent_id": change.subcomponent])
            let existing = try await SubcomponentGrade.query(on: tx.db).filter(\.$assessment.$id == assessmentID)
                .filter(\.$actor == Actor(rawValue: change.actor)!).filter(\.$subcomponentID == change.subcomponent)
                .first()
            try Self.checkVersion(existing?.version ?? 0, change.version)
            let before = existing.map {
                GradeChange(
                    actor: change.actor, subcomponent: change.subcomponent, grade: $0.grade,
                    justification: $0.justification, note: $0.note, evidence: $0.evidence,
                    recommendation: $0.recommendation, version: $0.version)
            }
            let row = existing ?? SubcomponentGrade()
            if existing == nil {
                row.$assessment.id = assessmentID
                row.actor = Actor(rawValue: change.actor)!
                row.subcomponentID = change.subcomponent
                row.version = 0
            }
            row.grade = change.grade
            row.justification = change.justification
            row.note = change.note
            row.evidence = change.evidence
            row.recommendation = change.recommendation
            row.setAtStage = access.assessment?.stage.rawValue
            row.$updatedBy.id = user.id
            row.version += 1
            do {
                if existing == nil { try await row.create(on: tx.db) } else { try await row.update(on: tx.db) }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw Self.conflict
            }
            try check(
                try await Self.values(assessment: assessmentID, actor: Actor(rawValue: change.actor)!, in: tx),
                assessmentID)
            var after = change
            after.version = row.version
            try await Self.raiseValuesVersion(assessmentID, in: tx)
            try await tx.audit(
                user.auditActor, existing == nil ? "create" : "update", "assessment", assessmentID.uuidString,
                before: before, after: after)
            return (assessmentID, row.version)
        }
    }

    /// Writes one answer as `saved` holds it: over the stored row `over` if still at its version
    /// (else 409), or as a new row (a row made meanwhile breaks the unique key: 409).
    static func writeAnswer(
        _ saved: AnswerChange, over existing: (id: UUID, version: Int)?, assessmentID: UUID, by user: SignedIn,
        in tx: StoreTransaction
    ) async throws {
        do {
            if let existing {
                let updated = try await tx.sql.raw(
                    """
                    UPDATE answers SET code = \(bind: saved.code), not_applicable_reason = \(bind: saved.notApplicable),
                      note = \(bind: saved.note), updated_by = \(bind: user.id), version = \(bind: saved.version),
                      updated_at = \(bind: Date())
                    WHERE id = \(bind: existing.id) AND version = \(bind: existing.version) RETURNING id
                    """
                ).all()
                guard !updated.isEmpty else { throw conflict }
            } else {
                try await tx.sql.raw(
                    """
                    INSERT INTO answers (id, assessment_id, actor, criterion_id, code, not_applicable_reason, note,
                      updated_by, version, updated_at)
                    VALUES (\(bind: UUID()), \(bind: assessmentID), \(bind: saved.actor), \(bind: saved.criterion),
                      \(bind: saved.code), \(bind: saved.notApplicable), \(bind: saved.note), \(bind: user.id),
                      \(bind: saved.version), \(bind: Date()))
                    """
                ).run()
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw conflict
        }
    }

    /// Marks the assessment's values as changed (M0021), in the write's transaction.
    static func raiseValuesVersion(_ assessmentID: UUID, in tx: StoreTransaction) async throws {
        try await tx.sql.raw(
            "UPDATE assessments SET values_version = values_version + 1 WHERE id = \(bind: assessmentID)"
        ).run()
    }

    /// The audit entries about this PD's assessment, oldest first.
    func history(of access: UnitAccess) async throws -> [AuditEntry] {
        try await AuditLog.history(
            on: db, objectType: "assessment", objectIDs: access.assessment.flatMap(\.id).map { [$0.uuidString] } ?? [])
    }

    static let conflict = Abort(
        .conflict, reason: "Data ini baru saja disimpan orang lain. Muat ulang; tidak ada yang ditimpa.")

    static func checkVersion(_ stored: Int, _ sent: Int) throws {
        guard stored == sent else {
            throw Abort(
                .conflict,
                reason:
                    "Data ini sudah diubah orang lain (versi \(stored), Anda mengubah versi \(sent)). Muat ulang untuk melihat perubahan terbaru; tidak ada yang ditimpa."
            )
        }
    }

    /// The assessment of a PD in a period, created (with an audit entry) when missing. Two app
    /// processes may race to create it: the insert skips a row another writer made meanwhile
    /// (`ON CONFLICT DO NOTHING`; PostgreSQL waits for that writer's commit) and then reads it;
    /// only the writer whose insert took effect appends the audit entry.
    static func assessment(for access: UnitAccess, in tx: StoreTransaction) async throws -> Assessment {
        if let existing = access.assessment { return existing }
        let periodID = try access.period.requireID()
        let unitID = try access.unit.requireID()
        if let existing = try await find(periodID: periodID, unitID: unitID, in: tx) { return existing }
        let created = Assessment(id: UUID(), governmentID: access.user.governmentID, periodID: periodID, unitID: unitID)
        let inserted = try await tx.sql.insert(into: Assessment.schema)
            .columns("id", "government_id", "period_id", "unit_id", "stage", "released", "version", "revision")
            .values(
                SQLBind(created.id), SQLBind(access.user.governmentID), SQLBind(periodID), SQLBind(unitID),
                SQLBind(created.stage.rawValue), SQLBind(created.released), SQLBind(created.version),
                SQLBind(created.revision)
            )
            .ignoringConflicts(with: ["period_id", "unit_id"])
            .returning("id")
            .all()
        guard let stored = try await find(periodID: periodID, unitID: unitID, in: tx) else {
            throw Abort(.internalServerError, reason: "Penilaian Perangkat Daerah tidak dapat dibuat.")
        }
        if !inserted.isEmpty {
            try await tx.audit(
                access.user.auditActor, "create", "assessment", stored.requireID().uuidString, before: String?.none,
                after: ["period": periodID.uuidString, "unit": unitID.uuidString])
        }
        return stored
    }

    private static func find(periodID: UUID, unitID: UUID, in tx: StoreTransaction) async throws -> Assessment? {
        let rows = try await ReadRow.all(
            """
            SELECT id, government_id, stage, released, version, revision FROM assessments
            WHERE period_id = \(bind: periodID) AND unit_id = \(bind: unitID)
            """, on: tx.sql)
        guard let row = rows.first, let id = try row.uuid("id") else { return nil }
        let a = Assessment(
            id: id, governmentID: try row.required(row.uuid, "government_id"), periodID: periodID, unitID: unitID)
        a.stage = try row.string("stage").flatMap(AccessRules.Stage.init(rawValue:)) ?? .preparation
        a.released = try row.bool("released") ?? false
        a.version = try row.int("version") ?? 1
        a.revision = try row.int("revision") ?? 1
        a.$id.exists = true
        return a
    }
}

extension Store {
    /// An account's team roles per PD in a period.
    func teamRoles(user: UUID, periodID: UUID) async throws -> [UUID: Set<AccessRules.TeamRole>] {
        let rows = try await hotRows(
            """
            SELECT s.unit_id, m.role FROM assignments s JOIN team_members m ON m.team_id = s.team_id
            WHERE s.period_id = \(bind: periodID) AND m.user_id = \(bind: user)
            """)
        var result: [UUID: Set<AccessRules.TeamRole>] = [:]
        for row in rows {
            if let unit = try row.uuid("unit_id"), let role = try row.string("role").flatMap(AccessRules.TeamRole.init)
            {
                result[unit, default: []].insert(role)
            }
        }
        return result
    }
}

extension Request {
    /// The scorer of a period's frozen framework.
    func scorer(for period: Period) async throws -> Scorer {
        // A frozen version never changes: once parsed, its row (and its YAML text) is not read again.
        guard let scorer = try await application.frameworks.scorer(id: period.$frameworkVersion.id, on: db) else {
            throw Abort(.internalServerError, reason: "Kerangka periode tidak ditemukan.")
        }
        return scorer
    }
}
