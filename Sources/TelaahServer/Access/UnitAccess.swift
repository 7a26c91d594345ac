import Fluent
import SQLKit
import TelaahCore
import Vapor

/// A PD in a period as one signed-in account may see it: the facts are read here, the
/// decision is `AccessRules.permissions` in the core.
struct UnitAccess: Sendable {
    var user: SignedIn
    var period: Period
    var unit: Unit
    var assessment: Assessment?
    var permissions: AccessRules.Permissions
    /// With `unitAccess(…, stamps: true)`: the state of each actor's values (`AssessmentStore.stampColumns`).
    var stamps: [Actor: String] = [:]
    /// With `unitAccess(…, answer:)`: that answer as stored, if it exists (read for a write).
    var answer: StoredAnswer?

    func require(
        _ needed: AccessRules.Permissions, _ message: String = "Anda tidak berhak mengakses Perangkat Daerah ini."
    )
        throws
    {
        guard permissions.isSuperset(of: needed) else { throw Abort(.forbidden, reason: message) }
    }

    /// The actors whose values this account may read.
    var readableActors: [Actor] {
        var actors: [Actor] = []
        if permissions.contains(.readSelfAssessment) { actors.append(.unit) }
        if permissions.contains(.readEvaluation) { actors.append(.evaluator) }
        return actors
    }

    func mayWrite(_ actor: Actor) -> Bool {
        switch actor {
        case .unit: permissions.contains(.writeSelfAssessment)
        case .evaluator: permissions.contains(.writeEvaluation)
        }
    }
}

extension Request {
    /// A period of the signed-in account's government, or 404.
    func period(_ id: UUID?, for user: SignedIn) async throws -> Period {
        guard let id, let period = try await Period.find(id, on: db), period.$government.id == user.governmentID
        else { throw Abort(.notFound, reason: "Periode evaluasi tidak ditemukan.") }
        return period
    }

    /// The PD `unitID` in `periodID` with what the signed-in account may do on it. 404 when the
    /// period or PD is not of the account's government; 403 when the account may not see it.
    /// `requiring` is what the route needs at least (baku: seeing the PD at all).
    func unitAccess(
        periodID: UUID?, unitID: UUID?, requiring: AccessRules.Permissions = .readUnit, stamps: Bool = false,
        answer: (actor: Actor, criterion: String)? = nil
    ) async throws -> UnitAccess {
        let user = try signedIn()
        guard let periodID, let unitID else { throw Abort(.notFound, reason: "Perangkat Daerah tidak ditemukan.") }
        // 2026-11-23: one query for the period, the PD, its assessment and the account's team
        // roles on it (each query costs about 0,4 ms of CPU on SQLite; this ran on every page),
        // and for a save the answer it changes.
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
        let rawRows = try await ReadRow.all(
            """
            SELECT p.government_id AS p_government, p.name AS p_name, p.evaluation_year, p.performance_year,
              p.framework_version_id, p.status AS p_status, p.version AS p_version,
              u.id AS u_id, u.government_id AS u_government, u.name AS u_name, u.cluster_id, u.position,
              u.active, u.version AS u_version,
              a.id AS a_id, a.stage, a.released, a.version AS a_version, m.role AS team_role
              \(unsafeRaw: stamps ? AssessmentStore.stampColumns : "") \(answerColumns)
            FROM periods p
            LEFT JOIN units u ON u.id = \(bind: unitID)
            LEFT JOIN assessments a ON a.period_id = p.id AND a.unit_id = u.id
            \(answerJoin)
            LEFT JOIN assignments s ON s.period_id = p.id AND s.unit_id = u.id
            LEFT JOIN team_members m ON m.team_id = s.team_id AND m.user_id = \(bind: user.id)
            WHERE p.id = \(bind: periodID)
            """, on: db, local: application.sqliteReaders)
        let rows = try rawRows.map(AccessRow.init(row:))
        guard let first = rows.first, first.p_government == user.governmentID else {
            throw Abort(.notFound, reason: "Periode evaluasi tidak ditemukan.")
        }
        guard first.u_id != nil, first.u_government == user.governmentID else {
            throw Abort(.notFound, reason: "Perangkat Daerah tidak ditemukan.")
        }
        let (period, unit, assessment) = first.models(periodID: periodID)
        let roles = Set(rows.compactMap { $0.team_role.flatMap(AccessRules.TeamRole.init(rawValue:)) })
        let facts = AccessRules.Facts(
            role: user.role, ownUnit: user.unitID == unitID, teamRoles: roles, released: assessment?.released ?? false,
            stage: assessment?.stage ?? .selfAssessment, unitActive: unit.active, periodOpen: period.status == .open)
        var access = UnitAccess(
            user: user, period: period, unit: unit, assessment: assessment,
            permissions: AccessRules.permissions(facts))
        try access.require(requiring)
        if stamps, let raw = rawRows.first {
            access.stamps = try AssessmentStore.stamps(from: raw)
        }
        if answer != nil, let raw = rawRows.first, let id = try raw.uuid("x_id") {
            access.answer = StoredAnswer(
                id: id, code: try raw.string("x_code"), not_applicable_reason: try raw.string("x_reason"),
                note: try raw.string("x_note"), version: try raw.required(raw.int, "x_version"))
        }
        return access
    }

    /// One row of the access query (one per team role of the account on the PD, at least one).
    struct AccessRow {
        var p_government: UUID
        var p_name: String
        var evaluation_year: Int
        var performance_year: Int
        var framework_version_id: UUID
        var p_status: String
        var p_version: Int
        var u_id: UUID?
        var u_government: UUID?
        var u_name: String?
        var cluster_id: UUID?
        var position: Int?
        var active: Bool?
        var u_version: Int?
        var a_id: UUID?
        var stage: String?
        var released: Bool?
        var a_version: Int?
        var team_role: String?

        init(row: ReadRow) throws {
            p_government = try row.required(row.uuid, "p_government")
            p_name = try row.required(row.string, "p_name")
            evaluation_year = try row.required(row.int, "evaluation_year")
            performance_year = try row.required(row.int, "performance_year")
            framework_version_id = try row.required(row.uuid, "framework_version_id")
            p_status = try row.required(row.string, "p_status")
            p_version = try row.required(row.int, "p_version")
            u_id = try row.uuid("u_id")
            u_government = try row.uuid("u_government")
            u_name = try row.string("u_name")
            cluster_id = try row.uuid("cluster_id")
            position = try row.int("position")
            active = try row.bool("active")
            u_version = try row.int("u_version")
            a_id = try row.uuid("a_id")
            stage = try row.string("stage")
            released = try row.bool("released")
            a_version = try row.int("a_version")
            team_role = try row.string("team_role")
        }

        /// The rows as the models the routes use (read from the database: they exist).
        func models(periodID: UUID) -> (Period, Unit, Assessment?) {
            let period = Period(
                id: periodID, governmentID: p_government, name: p_name, evaluationYear: evaluation_year,
                performanceYear: performance_year, frameworkVersionID: framework_version_id)
            period.status = Period.Status(rawValue: p_status) ?? .open
            period.version = p_version
            period.$id.exists = true
            let unit = Unit(
                id: u_id, governmentID: u_government ?? p_government, name: u_name ?? "", clusterID: cluster_id,
                position: position ?? 0)
            unit.active = active ?? true
            unit.version = u_version ?? 1
            unit.$id.exists = true
            var assessment: Assessment?
            if let a_id {
                let a = Assessment(id: a_id, governmentID: p_government, periodID: periodID, unitID: u_id!)
                a.stage = stage.flatMap(AccessRules.Stage.init(rawValue:)) ?? .selfAssessment
                a.released = released ?? false
                a.version = a_version ?? 1
                a.$id.exists = true
                assessment = a
            }
            return (period, unit, assessment)
        }
    }

    /// The account's team roles per PD in a period (one query).
    func teamRoles(user: UUID, periodID: UUID, unitIDs: [UUID]? = nil) async throws -> [UUID: Set<AccessRules.TeamRole>]
    {
        let sql = db as! any SQLDatabase
        var query = sql.select().column(SQLColumn("unit_id", table: "assignments"))
            .column(SQLColumn("role", table: "team_members"))
            .from("assignments")
            .join(
                "team_members", on: SQLColumn("team_id", table: "assignments"), .equal,
                SQLColumn("team_id", table: "team_members")
            )
            .where(SQLColumn("period_id", table: "assignments"), .equal, SQLBind(periodID))
            .where(SQLColumn("user_id", table: "team_members"), .equal, SQLBind(user))
        if let unitIDs { query = query.where(SQLColumn("unit_id", table: "assignments"), .in, SQLBind.group(unitIDs)) }
        var result: [UUID: Set<AccessRules.TeamRole>] = [:]
        for row in try await query.all(decoding: RoleRow.self) {
            if let role = AccessRules.TeamRole(rawValue: row.role) { result[row.unit_id, default: []].insert(role) }
        }
        return result
    }

    struct RoleRow: Decodable {
        var unit_id: UUID
        var role: String
    }

    /// Every PD of a period with what the account may do on each, in list order; PD it may not
    /// see are left out.
    func visibleUnits(in period: Period, for user: SignedIn) async throws -> [(
        Unit, Assessment?, AccessRules.Permissions
    )] {
        let periodID = try period.requireID()
        let units = try await Unit.query(on: db).filter(\.$government.$id == user.governmentID)
            .filter(\.$active == true).sort(\.$position).all()
        let assessments = try await Assessment.query(on: db).filter(\.$period.$id == periodID).all()
        let byUnit = Dictionary(assessments.map { ($0.$unit.id, $0) }, uniquingKeysWith: { a, _ in a })
        let roles = user.role == .auditor ? try await teamRoles(user: user.id, periodID: periodID) : [:]
        return units.compactMap { unit in
            let id = unit.id!
            let a = byUnit[id]
            let facts = AccessRules.Facts(
                role: user.role, ownUnit: user.unitID == id, teamRoles: roles[id] ?? [], released: a?.released ?? false,
                stage: a?.stage ?? .selfAssessment, unitActive: unit.active, periodOpen: period.status == .open)
            let p = AccessRules.permissions(facts)
            return p.isEmpty ? nil : (unit, a, p)
        }
    }

    /// 403 unless the signed-in account administers.
    func requireAdmin() throws -> SignedIn {
        let user = try signedIn()
        guard AccessRules.mayAdminister(user.role) else {
            throw Abort(.forbidden, reason: "Hanya Admin Inspektorat yang dapat melakukan ini.")
        }
        return user
    }
}
