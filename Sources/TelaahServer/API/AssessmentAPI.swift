import Fluent
import SQLKit
import TelaahCore
import Vapor

/// `/api/v1/periods/:period/units/:unit…`: one PD's LKE values and result, and the writes that
/// change them. Every write: access check, version check (409 when stale), validation by the
/// core, the change and its audit entry in one transaction, and the new result.
struct AssessmentAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let unit = routes.grouped("periods", ":period", "units", ":unit")
        unit.get(use: show)
        unit.put("answers", ":criterion", use: putAnswer)
        unit.put("grades", ":subcomponent", use: putGrade)
        unit.get("history", use: history)
    }

    func access(_ req: Request) async throws -> UnitAccess {
        try await req.unitAccess(periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"))
    }

    /// The values the account may read, per actor, with each actor's scored result.
    func show(req: Request) async throws -> JSONBody {
        let access = try await access(req)
        return JSONBody(try await Self.document(access, req: req))
    }

    static func document(_ access: UnitAccess, req: Request) async throws -> JSONValue {
        let scorer = try await req.scorer(for: access.period)
        let actors = access.readableActors
        let values = try await AssessmentStore.values(
            assessments: access.assessment.flatMap(\.id).map { [$0] } ?? [], actors: actors, on: req.db,
            local: req.application.sqliteReaders)
        var byActor: [(String, JSONValue)] = []
        for actor in actors {
            var answers: [(String, JSONValue)] = []
            for a in values.answers where a.actor == actor.rawValue {
                answers.append(
                    (
                        a.criterion_id,
                        .object([
                            ("code", .optional(a.code)), ("not_applicable", .optional(a.not_applicable_reason)),
                            ("note", .optional(a.note)), ("version", .int(a.version)),
                        ])
                    ))
            }
            var grades: [(String, JSONValue)] = []
            for g in values.grades where g.actor == actor.rawValue {
                grades.append(
                    (
                        g.subcomponent_id,
                        .object([
                            ("grade", .optional(g.grade)), ("justification", .optional(g.justification)),
                            ("note", .optional(g.note)), ("evidence", .optional(g.evidence)),
                            ("recommendation", .optional(g.recommendation)),
                            ("version", .int(g.version)),
                        ])
                    ))
            }
            let input = values.input(
                assessment: access.assessment?.id ?? UUID(), actor: actor, unitName: access.unit.name)
            let result = scorer.score(input)
            byActor.append(
                (
                    actor.rawValue,
                    .object([
                        ("answers", .object(answers.sorted { $0.0 < $1.0 })),
                        ("grades", .object(grades.sorted { $0.0 < $1.0 })),
                        ("result", result.json(framework: scorer.framework)),
                    ])
                ))
        }
        return .object([
            (
                "period",
                .object([
                    ("id", .uuid(access.period.id)), ("name", .string(access.period.name)),
                    ("evaluation_year", .int(access.period.evaluationYear)),
                    ("performance_year", .int(access.period.performanceYear)),
                ])
            ),
            ("unit", .object([("id", .uuid(access.unit.id)), ("name", .string(access.unit.name))])),
            (
                "assessment",
                access.assessment.map { a in
                    .object([
                        ("id", .uuid(a.id)), ("stage", .string(a.stage.rawValue)), ("released", .bool(a.released)),
                        ("version", .int(a.version)),
                    ])
                } ?? .null
            ),
            (
                "framework",
                .object([("id", .string(scorer.framework.id)), ("version", .string(scorer.framework.version))])
            ),
            ("permissions", .array(Self.permissionNames(access.permissions).map(JSONValue.string))),
            ("values", .object(byActor)),
        ])
    }

    static func permissionNames(_ p: AccessRules.Permissions) -> [String] {
        let names: [(AccessRules.Permissions, String)] = [
            (.readUnit, "read_unit"), (.readSelfAssessment, "read_self_assessment"),
            (.writeSelfAssessment, "write_self_assessment"), (.readEvaluation, "read_evaluation"),
            (.writeEvaluation, "write_evaluation"), (.readResult, "read_result"), (.readHistory, "read_history"),
            (.readLHE, "read_lhe"),
        ]
        return names.filter { p.contains($0.0) }.map(\.1)
    }

    struct AnswerBody: Content {
        /// `evaluator` (default) or `unit` (the PD's self-assessment).
        var actor: String?
        var code: String?
        var not_applicable: String?
        var note: String?
        /// The version the change is based on; 0 for an answer not yet saved.
        var version: Int
    }

    func putAnswer(req: Request) async throws -> JSONBody {
        let criterion = req.parameters.get("criterion") ?? ""
        // The answer the write is based on is read with the access check (one query fewer a
        // save); a body that does not decode is refused after that check, as before.
        let sent = try? req.decode(AnswerBody.self)
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"),
            answer: Actor(rawValue: sent?.actor ?? "evaluator").map { ($0, criterion) })
        let body = try sent ?? req.decode(AnswerBody.self)
        let actor = try Self.actor(body.actor, access)
        let scorer = try await req.scorer(for: access.period)
        guard scorer.framework.criterion(criterion) != nil else {
            throw Abort(.notFound, reason: "Kriteria \(criterion) tidak ada di kerangka periode ini.")
        }
        let answer: CriterionAnswer?
        if let reason = body.not_applicable {
            answer = .notApplicable(reason: reason)
        } else {
            answer = body.code.map(CriterionAnswer.code)
        }
        if let answer, let problem = scorer.check(criterion: criterion, answer: answer) {
            throw Abort(.unprocessableEntity, reason: problem.message)
        }
        let user = access.user
        // 2026-11-23: the answer the write is based on is read before the writer (with the access
        // check), and the update applies only to that version (`WHERE version = …`): a write by
        // anyone in between changed it, and this one gets 409. Shorter time in SQLite's single
        // writer; on PostgreSQL the conditional update waits for a concurrent one and then finds
        // no row.
        let existing = access.answer
        try Self.checkVersion(existing?.version ?? 0, body.version)
        let after = AnswerSnapshot(
            actor: actor.rawValue, criterion: criterion, code: body.not_applicable == nil ? body.code : nil,
            notApplicable: body.not_applicable, note: body.note, version: (existing?.version ?? 0) + 1)
        // The PD's first answer creates its assessment first (with its own audit entry).
        let assessmentID =
            if let id = access.assessment?.id { id } else {
                try await req.write { db in try await AssessmentStore.assessment(for: access, on: db).requireID() }
            }
        // Through SQLKit only: Fluent's reflection was a third of a save's time, and on SQLite
        // the writer runs it on its own connection.
        let saved = try await req.writeSQL { sql in
            let conflict = Abort(
                .conflict, reason: "Data ini baru saja disimpan orang lain. Muat ulang; tidak ada yang ditimpa.")
            do {
                // 2026-11-23: as SQL text; SQLKit's builders cost 3 % of a save to serialize.
                if let existing {
                    let updated = try await sql.raw(
                        """
                        UPDATE answers SET code = \(bind: after.code), not_applicable_reason = \(bind: after.notApplicable),
                          note = \(bind: after.note), updated_by = \(bind: user.id), version = \(bind: after.version),
                          updated_at = \(bind: Date())
                        WHERE id = \(bind: existing.id) AND version = \(bind: existing.version) RETURNING id
                        """
                    ).all()
                    guard !updated.isEmpty else { throw conflict }
                } else {
                    try await sql.raw(
                        """
                        INSERT INTO answers (id, assessment_id, actor, criterion_id, code, not_applicable_reason, note,
                          updated_by, version, updated_at)
                        VALUES (\(bind: UUID()), \(bind: assessmentID), \(bind: actor.rawValue), \(bind: criterion),
                          \(bind: after.code), \(bind: after.notApplicable), \(bind: after.note), \(bind: user.id),
                          \(bind: after.version), \(bind: Date()))
                        """
                    ).run()
                }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw conflict
            }
            try await AuditLog.append(
                on: sql, actor: user.auditActor, action: existing == nil ? "create" : "update",
                objectType: "assessment", objectID: assessmentID.uuidString,
                before: existing?.snapshot(actor, criterion),
                after: after)
            return (assessmentID, after.version)
        }
        let result = try await Self.result(
            assessmentID: saved.0, actor: actor, access: access, scorer: scorer, req: req)
        return JSONBody(
            .object([
                (
                    "answer",
                    .object([
                        ("criterion", .string(criterion)), ("actor", .string(actor.rawValue)),
                        ("code", .optional(body.not_applicable == nil ? body.code : nil)),
                        ("not_applicable", .optional(body.not_applicable)), ("note", .optional(body.note)),
                        ("version", .int(saved.1)),
                    ])
                ),
                ("result", result.json(framework: scorer.framework)),
            ]))
    }

    struct GradeBody: Content {
        var actor: String?
        /// nil: take the suggestion.
        var grade: String?
        var justification: String?
        var note: String?
        var evidence: String?
        var recommendation: String?
        var version: Int
    }

    func putGrade(req: Request) async throws -> JSONBody {
        let access = try await access(req)
        let body = try req.decode(GradeBody.self)
        let actor = try Self.actor(body.actor, access)
        let subID = req.parameters.get("subcomponent") ?? ""
        let scorer = try await req.scorer(for: access.period)
        guard scorer.framework.subcomponent(subID) != nil else {
            throw Abort(.notFound, reason: "Sub-komponen \(subID) tidak ada di kerangka periode ini.")
        }
        if let grade = body.grade, scorer.framework.grade(grade) == nil {
            let allowed = scorer.framework.grades.map(\.code).joined(separator: "/")
            throw Abort(.unprocessableEntity, reason: "Nilai \"\(grade)\" tidak dikenal; pilihan: \(allowed).")
        }
        let user = access.user
        let unitName = access.unit.name
        let saved = try await req.write { db in
            let assessment = try await AssessmentStore.assessment(for: access, on: db)
            let assessmentID = try assessment.requireID()
            try await lockRow(
                SubcomponentGrade.schema,
                [
                    "assessment_id": SQLBind(assessmentID), "actor": SQLBind(actor.rawValue),
                    "subcomponent_id": SQLBind(subID),
                ],
                on: db)
            let existing = try await SubcomponentGrade.query(on: db).filter(\.$assessment.$id == assessmentID)
                .filter(\.$actor == actor).filter(\.$subcomponentID == subID).first()
            try Self.checkVersion(existing?.version ?? 0, body.version)
            let before = existing.map(GradeSnapshot.init)
            let row = existing ?? SubcomponentGrade()
            if existing == nil {
                row.$assessment.id = assessmentID
                row.actor = actor
                row.subcomponentID = subID
                row.version = 0
            }
            row.grade = body.grade
            row.justification = body.justification
            row.note = body.note
            row.evidence = body.evidence
            row.recommendation = body.recommendation
            row.$updatedBy.id = user.id
            row.version += 1
            try await Self.save(row, isNew: existing == nil, expectedVersion: body.version, on: db)
            // The core decides whether the grade stands (justification, A/AA at 100 %).
            let values = try await AssessmentStore.values(assessments: [assessmentID], actors: [actor], on: db)
            let result = scorer.score(values.input(assessment: assessmentID, actor: actor, unitName: unitName))
            if let problem = result.problems.first(where: { $0.path.hasPrefix("subcomponents.\(subID).") }) {
                throw Abort(.unprocessableEntity, reason: problem.message)
            }
            try await AuditLog.append(
                on: db, actor: user.auditActor, action: existing == nil ? "create" : "update",
                objectType: "assessment", objectID: assessmentID.uuidString, before: before,
                after: GradeSnapshot(row))
            return (result, row.version)
        }
        return JSONBody(
            .object([
                (
                    "grade",
                    .object([
                        ("subcomponent", .string(subID)), ("actor", .string(actor.rawValue)),
                        ("grade", .optional(body.grade)), ("justification", .optional(body.justification)),
                        ("note", .optional(body.note)), ("evidence", .optional(body.evidence)),
                        ("recommendation", .optional(body.recommendation)), ("version", .int(saved.1)),
                    ])
                ),
                ("result", saved.0.json(framework: scorer.framework)),
            ]))
    }

    /// The audit entries about this PD's assessment, oldest first.
    func history(req: Request) async throws -> JSONBody {
        let access = try await access(req)
        try access.require(.readHistory)
        let ids = access.assessment.flatMap(\.id).map { [$0.uuidString] } ?? []
        let entries = try await AuditLog.history(on: req.db, objectType: "assessment", objectIDs: ids)
        return JSONBody(.object([("entries", .array(entries.map(Self.entryJSON)))]))
    }

    static func entryJSON(_ e: AuditEntry) -> JSONValue {
        .object([
            ("seq", .number(String(e.seq))), ("at", .string(e.at)), ("user", .optional(e.username)),
            ("action", .string(e.action)), ("object_type", .string(e.objectType)), ("object_id", .string(e.objectID)),
            ("before", .optional(e.before)), ("after", .optional(e.after)),
        ])
    }

    // MARK: Shared steps

    static func actor(_ name: String?, _ access: UnitAccess) throws -> Actor {
        guard let actor = Actor(rawValue: name ?? "evaluator") else {
            throw Abort(.badRequest, reason: "Pelaku \"\(name ?? "")\" tidak dikenal (evaluator atau unit).")
        }
        guard access.mayWrite(actor) else {
            throw Abort(
                .forbidden,
                reason: actor == .unit
                    ? "Hanya operator Perangkat Daerah ini yang dapat mengisi penilaian mandiri."
                    : "Hanya tim evaluator yang ditugaskan yang dapat mengisi LKE ini.")
        }
        return actor
    }

    static func checkVersion(_ stored: Int, _ sent: Int) throws {
        guard stored == sent else {
            throw Abort(
                .conflict,
                reason:
                    "Data ini sudah diubah orang lain (versi \(stored), Anda mengubah versi \(sent)). Muat ulang untuk melihat perubahan terbaru; tidak ada yang ditimpa."
            )
        }
    }

    /// Saves a row; an update only applies to the version it was based on (the row lock or the
    /// unique key catches a concurrent writer, which gets 409).
    static func save(_ row: some Model, isNew: Bool, expectedVersion: Int, on db: any Database) async throws {
        do {
            if isNew { try await row.create(on: db) } else { try await row.update(on: db) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Abort(
                .conflict, reason: "Data ini baru saja disimpan orang lain. Muat ulang; tidak ada yang ditimpa.")
        }
    }

    static func result(assessmentID: UUID, actor: Actor, access: UnitAccess, scorer: Scorer, req: Request) async throws
        -> ScoreResult
    {
        let values = try await AssessmentStore.values(
            assessments: [assessmentID], actors: [actor], on: req.db, local: req.application.sqliteReaders)
        return scorer.score(values.input(assessment: assessmentID, actor: actor, unitName: access.unit.name))
    }
}

/// An answer as read for a write.
struct StoredAnswer: Sendable {
    var id: UUID
    var code: String?
    var not_applicable_reason: String?
    var note: String?
    var version: Int

    func snapshot(_ actor: Actor, _ criterion: String) -> AnswerSnapshot {
        AnswerSnapshot(
            actor: actor.rawValue, criterion: criterion, code: code, notApplicable: not_applicable_reason, note: note,
            version: version)
    }
}

/// What the audit log keeps of an answer.
struct AnswerSnapshot: Codable, Sendable {
    var actor: String
    var criterion: String
    var code: String?
    var notApplicable: String?
    var note: String?
    var version: Int
}

/// What the audit log keeps of a sub-component grade.
struct GradeSnapshot: Codable, Sendable {
    var actor: String
    var subcomponent: String
    var grade: String?
    var justification: String?
    var note: String?
    var evidence: String?
    var recommendation: String?
    var version: Int

    init(_ g: SubcomponentGrade) {
        actor = g.actor.rawValue
        subcomponent = g.subcomponentID
        grade = g.grade
        justification = g.justification
        note = g.note
        evidence = g.evidence
        recommendation = g.recommendation
        version = g.version
    }
}
