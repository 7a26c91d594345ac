import Fluent
import TelaahCore
import TelaahDocuments
import Vapor

/// `/api/v1/admin/periods/:period/teams`, `/api/v1/admin/teams/:team/members…` and the assignment
/// of each PD to a team: the surat tugas of a period.
struct TeamController {
    struct MemberBody: Codable, Sendable {
        var user_id: UUID
        var role: AccessRules.TeamRole
    }
    struct TeamBody: Codable, Sendable {
        var id: UUID
        var name: String
        /// The surat tugas, null until issued.
        var letter_number: String?
        var letter_date: String?
        var version: Int
        var members: [MemberBody]
        /// The PD assigned to the team.
        var units: [UUID]
    }
    struct TeamsBody: Codable, Sendable {
        var teams: [TeamBody]
    }
    struct TeamCreate: Codable, Sendable {
        var name: Text
    }
    /// The team's name and its surat tugas (number and date, TTTT-BB-HH).
    struct TeamUpdate: Codable, Sendable {
        var name: Text
        var letter_number: String?
        var letter_date: PeriodCycleController.DueDate?
        var version: Version
    }
    struct TeamCreated: Codable, Sendable {
        var id: UUID
        var name: String
    }
    struct MemberAdd: Codable, Sendable {
        var user_id: UUID
        var role: AccessRules.TeamRole
    }
    struct Assign: Codable, Sendable {
        /// Null: the PD is no longer assigned.
        var team_id: UUID?
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.Admin.teams, "Tim periode ini, anggotanya dan PD yang ditugaskan") { req in
            let admin = try req.requireAdmin()
            let periodID = try await req.period(req.parameters.get("period"), for: admin).requireID()
            let teams = try await Team.query(on: req.db).filter(\.$period.$id == periodID).sort(\.$name).all()
            let members = try await TeamMember.query(on: req.db).filter(\.$team.$id ~~ teams.compactMap(\.id)).all()
            let assignments = try await Assignment.query(on: req.db).filter(\.$period.$id == periodID).all()
            return TeamsBody(
                teams: teams.map { team in
                    TeamBody(
                        id: team.id!, name: team.name, letter_number: team.letterNumber, letter_date: team.letterDate,
                        version: team.version,
                        members: members.filter { $0.$team.id == team.id }.map {
                            MemberBody(user_id: $0.$user.id, role: $0.role)
                        },
                        units: assignments.filter { $0.$team.id == team.id }.map { $0.$unit.id })
                })
        }
        api.json(
            .POST, Site.API.Admin.teams, "Membentuk tim", request: TeamCreate.self, status: .created,
            errors: [.conflict]
        ) { req in
            let admin = try req.requireAdmin()
            let periodID = try await req.period(req.parameters.get("period"), for: admin).requireID()
            let body = try req.decode(TeamCreate.self)
            try requireText(body.name, "name")
            let team = try await req.store.write { tx in
                let team = Team(periodID: periodID, name: body.name.trimmed)
                do { try await team.create(on: tx.db) } catch let error as any DatabaseError
                    where error.isConstraintFailure
                {
                    throw Abort(.conflict, reason: "Tim \"\(body.name.trimmed)\" sudah ada di periode ini.")
                }
                try await tx.audit(
                    admin.auditActor, "create", "team", team.requireID().uuidString, before: String?.none,
                    after: ["name": team.name])
                return team
            }
            return TeamCreated(id: team.id!, name: team.name)
        }
        api.json(
            .PUT, Site.API.Admin.team, "Mengubah nama tim dan surat tugasnya (nomor, tanggal), dengan versi",
            request: TeamUpdate.self, errors: [.conflict]
        ) { req in
            let admin = try req.requireAdmin()
            let teamID = try req.id("team")
            let body = try req.decode(TeamUpdate.self)
            try requireText(body.name, "name")
            if let date = body.letter_date?.value, DocumentDate(iso: date) == nil {
                throw Abort(
                    .unprocessableEntity, reason: "Tanggal surat tugas harus berbentuk TTTT-BB-HH, misalnya 2024-07-01."
                )
            }
            let number = body.letter_number?.trimmingCharacters(in: .whitespacesAndNewlines)
            let team = try await req.store.write { tx in
                try await tx.lock(Team.schema, ["id": teamID])
                let team = try await Self.team(teamID, admin, tx)
                try Store.checkVersion(team.version, body.version.value)
                let before = [
                    "name": team.name, "letter_number": team.letterNumber ?? "", "letter_date": team.letterDate ?? "",
                ]
                team.name = body.name.trimmed
                team.letterNumber = number?.isEmpty == false ? number : nil
                team.letterDate = body.letter_date?.value
                team.version += 1
                try await team.update(on: tx.db)
                try await tx.audit(
                    admin.auditActor, "update", "team", teamID.uuidString, before: before,
                    after: [
                        "name": team.name, "letter_number": team.letterNumber ?? "",
                        "letter_date": team.letterDate ?? "",
                    ])
                return team
            }
            return TeamCreated(id: team.id!, name: team.name)
        }
        api.empty(
            .POST, Site.API.Admin.members, "Menambah anggota tim (pegawai Inspektorat) dengan perannya",
            request: MemberAdd.self, success: .created, errors: [.conflict, .unprocessableEntity]
        ) { req in
            let admin = try req.requireAdmin()
            let teamID = try req.id("team")
            let body = try req.decode(MemberAdd.self)
            try await req.store.write { tx in
                _ = try await Self.team(teamID, admin, tx)
                guard let user = try await User.find(body.user_id, on: tx.db),
                    user.$government.id == admin.governmentID, user.role == .auditor || user.role == .inspektur
                else { throw Abort(.unprocessableEntity, reason: "Anggota tim harus pegawai Inspektorat (auditor).") }
                let member = TeamMember(teamID: teamID, userID: body.user_id, role: body.role)
                do { try await member.create(on: tx.db) } catch let error as any DatabaseError
                    where error.isConstraintFailure
                {
                    throw Abort(.conflict, reason: "Pengguna itu sudah anggota tim ini.")
                }
                try await tx.audit(
                    admin.auditActor, "create", "team", teamID.uuidString, before: String?.none,
                    after: ["member": body.user_id.uuidString, "role": body.role.rawValue])
            }
        }
        api.empty(.DELETE, Site.API.Admin.member, "Mengeluarkan anggota dari tim", success: .noContent) { req in
            let admin = try req.requireAdmin()
            let teamID = try req.id("team")
            let userID = try req.id("user")
            try await req.store.write { tx in
                _ = try await Self.team(teamID, admin, tx)
                guard
                    let member = try await TeamMember.query(on: tx.db).filter(\.$team.$id == teamID)
                        .filter(\.$user.$id == userID).first()
                else { throw Abort(.notFound, reason: "Anggota tidak ditemukan.") }
                try await member.delete(on: tx.db)
                try await tx.audit(
                    admin.auditActor, "delete", "team", teamID.uuidString,
                    before: ["member": userID.uuidString, "role": member.role.rawValue], after: String?.none)
            }
        }
        api.empty(
            .PUT, Site.API.Admin.assignment, "Menugaskan PD ke sebuah tim periode ini (null: melepasnya)",
            request: Assign.self, success: .noContent, errors: [.unprocessableEntity]
        ) { req in
            let admin = try req.requireAdmin()
            let periodID = try await req.period(req.parameters.get("period"), for: admin).requireID()
            let unitID = try req.id("unit")
            let body = try req.decode(Assign.self)
            try await req.store.write { tx in
                guard let unit = try await Unit.find(unitID, on: tx.db), unit.$government.id == admin.governmentID
                else {
                    throw Abort(.notFound, reason: "Perangkat Daerah tidak ditemukan.")
                }
                let existing = try await Assignment.query(on: tx.db).filter(\.$period.$id == periodID)
                    .filter(\.$unit.$id == unitID).first()
                let before = existing.map { ["team": $0.$team.id.uuidString] }
                try await existing?.delete(on: tx.db)
                if let teamID = body.team_id {
                    let team = try await Self.team(teamID, admin, tx)
                    guard team.$period.id == periodID else {
                        throw Abort(.unprocessableEntity, reason: "Tim itu bukan tim periode ini.")
                    }
                    try await Assignment(periodID: periodID, teamID: teamID, unitID: unitID).create(on: tx.db)
                }
                try await tx.audit(
                    admin.auditActor, "update", "assignment", unitID.uuidString, before: before,
                    after: body.team_id.map { ["team": $0.uuidString, "period": periodID.uuidString] })
            }
        }
    }

    static func team(_ id: UUID, _ admin: SignedIn, _ tx: StoreTransaction) async throws -> Team {
        guard let team = try await Team.find(id, on: tx.db),
            let period = try await Period.find(team.$period.id, on: tx.db),
            period.$government.id == admin.governmentID
        else { throw Abort(.notFound, reason: "Tim tidak ditemukan.") }
        return team
    }
}
