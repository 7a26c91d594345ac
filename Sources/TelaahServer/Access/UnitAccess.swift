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
    func unitAccess(periodID: UUID?, unitID: UUID?, requiring: AccessRules.Permissions = .readUnit) async throws
        -> UnitAccess
    {
        let user = try signedIn()
        let period = try await period(periodID, for: user)
        guard let unitID, let unit = try await Unit.find(unitID, on: db), unit.$government.id == user.governmentID
        else { throw Abort(.notFound, reason: "Perangkat Daerah tidak ditemukan.") }
        let assessment = try await Assessment.query(on: db).filter(\.$period.$id == period.requireID())
            .filter(\.$unit.$id == unitID).first()
        let roles = try await teamRoles(user: user.id, periodID: period.requireID(), unitIDs: [unitID])[unitID] ?? []
        let facts = AccessRules.Facts(
            role: user.role, ownUnit: user.unitID == unitID, teamRoles: roles, released: assessment?.released ?? false,
            stage: assessment?.stage ?? .selfAssessment)
        let access = UnitAccess(
            user: user, period: period, unit: unit, assessment: assessment,
            permissions: AccessRules.permissions(facts))
        try access.require(requiring)
        return access
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
                stage: a?.stage ?? .selfAssessment)
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
