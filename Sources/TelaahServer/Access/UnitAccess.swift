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
    /// The account's roles in the teams assigned this PD in this period.
    var teamRoles: Set<AccessRules.TeamRole> = []
    /// With `unitAccess(…, stamps: true)`: the state of each actor's values (`Store.stampColumns`).
    var stamps: [Actor: String] = [:]
    /// With the stamps: how many assessments the PD has in its government's earlier periods.
    var earlierAssessments = 0
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
    var readableActors: [Actor] { AccessRules.readableActors(permissions) }

    func mayWrite(_ actor: Actor) -> Bool { AccessRules.mayWrite(actor, permissions) }
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
    /// `requiring` is what the route needs at least (baku: seeing the PD at all); `stamps` reads the
    /// values' state (the LKE page), `answer` the answer a save is about to change.
    func unitAccess(
        periodID: UUID?, unitID: UUID?, requiring: AccessRules.Permissions = .readUnit, stamps: Bool = false,
        answer: (actor: Actor, criterion: String)? = nil
    ) async throws -> UnitAccess {
        let user = try signedIn()
        guard let periodID, let unitID else { throw Abort(.notFound, reason: "Perangkat Daerah tidak ditemukan.") }
        let (record, periodGovernment, unitGovernment) = try await store.access(
            periodID: periodID, unitID: unitID, userID: user.id, stamps: stamps, answer: answer)
        guard periodGovernment == user.governmentID else {
            throw Abort(.notFound, reason: "Periode evaluasi tidak ditemukan.")
        }
        guard let record, unitGovernment == user.governmentID else {
            throw Abort(.notFound, reason: "Perangkat Daerah tidak ditemukan.")
        }
        let facts = AccessRules.Facts(
            role: user.role, ownUnit: user.unitID == unitID, teamRoles: record.teamRoles,
            released: record.assessment?.released ?? false, stage: record.assessment?.stage ?? .preparation,
            unitActive: record.unit.active, periodOpen: record.period.status == .open)
        let access = UnitAccess(
            user: user, period: record.period, unit: record.unit, assessment: record.assessment,
            permissions: AccessRules.permissions(facts), teamRoles: record.teamRoles, stamps: record.stamps,
            earlierAssessments: record.earlierAssessments, answer: record.answer)
        try access.require(requiring)
        return access
    }

    /// The account's team roles per PD in a period.
    func teamRoles(user: UUID, periodID: UUID) async throws -> [UUID: Set<AccessRules.TeamRole>] {
        try await store.teamRoles(user: user, periodID: periodID)
    }

    /// Every PD of a period with what the account may do on each, in list order; PD it may not
    /// see are left out.
    func visibleUnits(in period: Period, for user: SignedIn) async throws -> [(
        Unit, Assessment?, AccessRules.Permissions, Set<AccessRules.TeamRole>
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
                stage: a?.stage ?? .preparation, unitActive: unit.active, periodOpen: period.status == .open)
            let p = AccessRules.permissions(facts)
            return p.isEmpty ? nil : (unit, a, p, roles[id] ?? [])
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
