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
    /// With the stamps: the state of those assessments' values (`AccessRecord.earlierValues`).
    var earlierValues = 0
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

    /// The PD's stage in the cycle (preparation while it has no assessment).
    var stage: Cycle.Stage { assessment?.stage ?? .preparation }

    /// The account as the cycle's rules see it on this PD.
    var cycleActor: Cycle.Actor {
        Cycle.Actor(role: user.role, teamRoles: teamRoles, ownUnit: user.unitID == unit.id)
    }
}

extension Request {
    /// A period of the signed-in account's government, or 404.
    func period(_ id: UUID?, for user: SignedIn) async throws -> Period {
        guard let id, let period = try await store.period(id), period.$government.id == user.governmentID
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
            unitActive: record.unit.active, periodOpen: record.period.status == .open,
            signedBefore: (record.assessment?.revision ?? 1) > 1)
        let access = UnitAccess(
            user: user, period: record.period, unit: record.unit, assessment: record.assessment,
            permissions: AccessRules.permissions(facts), teamRoles: record.teamRoles, stamps: record.stamps,
            earlierAssessments: record.earlierAssessments,
            earlierValues: record.earlierValues, answer: record.answer)
        try access.require(requiring)
        return access
    }

    /// The account's team roles per PD in a period.
    func teamRoles(user: UUID, periodID: UUID) async throws -> [UUID: Set<AccessRules.TeamRole>] {
        try await store.teamRoles(user: user, periodID: periodID)
    }

    /// Every PD of a period with what the account may do on each, in list order; PD it may not
    /// see are left out. Read with one statement, not Fluent: decoding 51 PD and their
    /// assessments as models took a third of the period page's time.
    func visibleUnits(in period: Period, for user: SignedIn) async throws -> [VisibleUnit] {
        let periodID = try period.requireID()
        let rows = try await store.hotRows(
            """
            SELECT u.id, u.name, u.cluster_id, a.id AS assessment_id, a.stage, a.released, a.revision, a.values_version
            FROM units u LEFT JOIN assessments a ON a.unit_id = u.id AND a.period_id = \(bind: periodID)
            WHERE u.government_id = \(bind: user.governmentID) AND u.active = \(bind: true) ORDER BY u.position
            """)
        let roles = user.role == .auditor ? try await teamRoles(user: user.id, periodID: periodID) : [:]
        let open = period.status == .open
        return try rows.compactMap { r in
            let id = try r.required(r.uuid, "id")
            let stage = try r.string("stage").flatMap(Cycle.Stage.init(rawValue:)) ?? .preparation
            let released = try r.bool("released") ?? false
            let revision = try r.int("revision") ?? 1
            let facts = AccessRules.Facts(
                role: user.role, ownUnit: user.unitID == id, teamRoles: roles[id] ?? [], released: released,
                stage: stage, unitActive: true, periodOpen: open, signedBefore: revision > 1)
            let p = AccessRules.permissions(facts)
            return p.isEmpty
                ? nil
                : VisibleUnit(
                    id: id, name: try r.required(r.string, "name"), clusterID: try r.uuid("cluster_id"),
                    assessmentID: try r.uuid("assessment_id"), stage: stage, revision: revision,
                    valuesVersion: try r.int("values_version") ?? 0, permissions: p, teamRoles: roles[id] ?? [])
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

/// A PD of a period as a list shows it, with what the account may do on it.
struct VisibleUnit: Sendable {
    var id: UUID
    var name: String
    var clusterID: UUID?
    var assessmentID: UUID?
    var stage: Cycle.Stage
    var revision: Int
    /// Raised by every write of the assessment's values (M0021).
    var valuesVersion: Int
    var permissions: AccessRules.Permissions
    var teamRoles: Set<AccessRules.TeamRole>
}
