import Fluent
import TelaahCore
import Vapor

/// `/api/v1/admin/users…`: the accounts of the government. A new password, a deactivation,
/// another role or PD ends the account's sessions.
struct UserController {
    struct UserBody: Codable, Sendable {
        var id: UUID
        var username: String
        var display_name: String
        var role: AccessRules.AccountRole
        var unit_id: UUID?
        var nip: String?
        var rank: String?
        /// Where reminders go; null: none by e-mail.
        var email: String?
        var active: Bool
        var version: Int

        init(_ u: User) {
            id = u.id!
            username = u.username
            display_name = u.displayName
            role = u.role
            unit_id = u.$unit.id
            nip = u.nip
            rank = u.rank
            email = u.email
            active = u.active
            version = u.version
        }
    }
    struct UsersBody: Codable, Sendable {
        var users: [UserBody]
    }
    struct UserCreate: Codable, Sendable {
        var username: Username
        var display_name: Text
        var password: Password
        var role: AccessRules.AccountRole
        /// The PD an operator serves.
        var unit_id: UUID?
        var nip: String?
        var rank: String?
        var email: String?
    }
    struct UserUpdate: Codable, Sendable {
        var display_name: Text
        /// Set only to change it.
        var password: Password?
        var role: AccessRules.AccountRole
        var unit_id: UUID?
        var nip: String?
        var rank: String?
        var email: String?
        var active: Bool?
        var version: Version
    }

    /// An address as stored (trimmed, empty as none), or 422 with the reason.
    static func email(_ given: String?) throws -> String? {
        guard let address = given?.trimmingCharacters(in: .whitespaces), !address.isEmpty else { return nil }
        if let problem = MailSettings.addressProblem(address) { throw Abort(.unprocessableEntity, reason: problem) }
        return address
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.Admin.users, "Pengguna") { req in
            let admin = try req.requireAdmin()
            let list = try await User.query(on: req.db).filter(\.$government.$id == admin.governmentID)
                .sort(\.$username).all()
            return UsersBody(users: list.map(UserBody.init))
        }
        api.json(
            .POST, Site.API.Admin.users, "Menambah pengguna", request: UserCreate.self, status: .created,
            errors: [.conflict]
        ) { req in
            let admin = try req.requireAdmin()
            let body = try req.decode(UserCreate.self)
            let username: String
            switch AccountRules.username(body.username.value) {
            case .success(let valid): username = valid
            case .failure(let violation): throw Abort(.unprocessableEntity, reason: violation.message)
            }
            try requireText(body.display_name, "display_name")
            try await Self.checkUnit(body.role, body.unit_id, admin, req)
            if let problem = AccountRules.passwordProblem(body.password.value) {
                throw Abort(.unprocessableEntity, reason: problem.message)
            }
            let hash = try await req.password.async.hash(body.password.value)
            let created = try await req.store.write { tx in
                // Unique within the government only (M0012): another government's names stay unseen.
                if try await User.query(on: tx.db).filter(\.$government.$id == admin.governmentID)
                    .filter(\.$username == username).first() != nil
                {
                    throw Abort(.conflict, reason: "Nama pengguna \"\(username)\" sudah dipakai.")
                }
                let user = User(
                    governmentID: admin.governmentID, username: username, displayName: body.display_name.trimmed,
                    passwordHash: hash, role: body.role, unitID: body.role == .operator ? body.unit_id : nil)
                user.nip = body.nip
                user.rank = body.rank
                user.email = try Self.email(body.email)
                try await user.create(on: tx.db)
                try await tx.audit(
                    admin.auditActor, "create", "user", user.requireID().uuidString, before: String?.none,
                    after: ["username": username, "role": body.role.rawValue])
                return user
            }
            return UserBody(created)
        }
        api.json(
            .PUT, Site.API.Admin.user,
            "Mengubah pengguna (dengan versi); sesi berakhir bila kata sandi, peran, PD atau status aktif berubah",
            request: UserUpdate.self, errors: [.conflict]
        ) { req in
            let admin = try req.requireAdmin()
            let body = try req.decode(UserUpdate.self)
            let id = try req.id("user")
            try requireText(body.display_name, "display_name")
            try await Self.checkUnit(body.role, body.unit_id, admin, req)
            if let password = body.password, let problem = AccountRules.passwordProblem(password.value) {
                throw Abort(.unprocessableEntity, reason: problem.message)
            }
            let hash = try await body.password.asyncMap { try await req.password.async.hash($0.value) }
            let current = req.hasSession ? req.session.id?.string : nil
            let updated = try await req.store.write { tx in
                try await tx.lock(User.schema, ["id": id])
                guard let user = try await User.find(id, on: tx.db), user.$government.id == admin.governmentID else {
                    throw Abort(.notFound, reason: "Pengguna tidak ditemukan.")
                }
                try Store.checkVersion(user.version, body.version.value)
                let before = [
                    "role": user.role.rawValue, "active": String(user.active), "display_name": user.displayName,
                ]
                let standing = (user.role, user.$unit.id, user.active)
                user.displayName = body.display_name.trimmed
                user.role = body.role
                user.$unit.id = body.role == .operator ? body.unit_id : nil
                user.nip = body.nip
                user.rank = body.rank
                user.email = try Self.email(body.email)
                user.active = body.active ?? user.active
                if let hash { user.passwordHash = hash }
                user.version += 1
                try await user.update(on: tx.db)
                var after = [
                    "role": body.role.rawValue, "active": String(user.active), "display_name": user.displayName,
                ]
                if hash != nil { after["password"] = "diganti" }
                // A new password, a deactivation, another role or PD ends the account's sessions
                // (but the admin's own current one, when it is their own account).
                if hash != nil || standing != (user.role, user.$unit.id, user.active) {
                    let ended = try await TelaahSessions.end(userID: id, except: current, in: tx)
                    if ended > 0 { after["sesi_diakhiri"] = String(ended) }
                }
                try await tx.audit(admin.auditActor, "update", "user", id.uuidString, before: before, after: after)
                return user
            }
            // Its sessions read the account anew on their next request (role, PD, active).
            req.application.sessionCache?.forgetAll()
            return UserBody(updated)
        }
    }

    /// 422 unless an operator is tied to a PD of the government (the rule is the core's).
    static func checkUnit(_ role: AccessRules.AccountRole, _ unitID: UUID?, _ admin: SignedIn, _ req: Request)
        async throws
    {
        var known = false
        if role == .operator, let unitID, let unit = try await Unit.find(unitID, on: req.db) {
            known = unit.$government.id == admin.governmentID
        }
        if let problem = AccountRules.unitProblem(role: role, unitGiven: unitID != nil, unitKnown: known) {
            throw Abort(.unprocessableEntity, reason: problem.message)
        }
    }
}
