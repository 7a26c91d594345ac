import Fluent
import SQLKit
import TelaahCore
import Vapor

/// `/api/v1/admin/…`: what the Admin Inspektorat manages. Every route requires the admin role;
/// every write is versioned (409 when stale) and audited in its transaction.
struct AdminAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin")
        admin.get("government", use: government)
        admin.put("government", use: updateGovernment)
        admin.get("government", "logo", use: logo)
        admin.on(.PUT, "government", "logo", body: .collect(maxSize: "1mb"), use: putLogo)
        admin.delete("government", "logo", use: deleteLogo)
        admin.get("clusters", use: clusters)
        admin.post("clusters", use: createCluster)
        admin.get("units", use: units)
        admin.post("units", use: createUnit)
        admin.put("units", ":id", use: updateUnit)
        admin.on(.POST, "units", "import", body: .collect(maxSize: "2mb"), use: importUnits)
        admin.get("users", use: users)
        admin.post("users", use: createUser)
        admin.put("users", ":id", use: updateUser)
        admin.get("frameworks", use: frameworks)
        admin.on(.POST, "frameworks", body: .collect(maxSize: "4mb"), use: uploadFramework)
        admin.post("periods", use: createPeriod)
        admin.put("periods", ":period", use: updatePeriod)
        admin.get("periods", ":period", "teams", use: teams)
        admin.post("periods", ":period", "teams", use: createTeam)
        admin.post("teams", ":team", "members", use: addMember)
        admin.delete("teams", ":team", "members", ":user", use: removeMember)
        admin.put("periods", ":period", "assignments", ":unit", use: assign)
    }

    // MARK: Government settings

    struct GovernmentBody: Content {
        var name: String
        var province: String?
        var city: String?
        var inspektorat_name: String?
        var address: String?
        var phone: String?
        var email: String?
        var website: String?
        var inspektur_name: String?
        var inspektur_rank: String?
        var inspektur_nip: String?
        var lhe_number_pattern: String?
        var head_name: String?
        var head_title: String?
        var legal_basis: String?
        var tembusan_lhe: String?
        var tembusan_kompilasi: String?
        var tembusan_tindak_lanjut: String?
        var version: Int
    }

    static func governmentJSON(_ g: Government) -> JSONValue {
        .object([
            ("id", .uuid(g.id)), ("code", .string(g.code)), ("name", .string(g.name)),
            ("province", .optional(g.province)),
            ("city", .optional(g.city)), ("inspektorat_name", .optional(g.inspektoratName)),
            ("address", .optional(g.address)), ("phone", .optional(g.phone)), ("email", .optional(g.email)),
            ("website", .optional(g.website)), ("inspektur_name", .optional(g.inspekturName)),
            ("inspektur_rank", .optional(g.inspekturRank)), ("inspektur_nip", .optional(g.inspekturNIP)),
            ("lhe_number_pattern", .optional(g.lheNumberPattern)), ("head_name", .optional(g.headName)),
            ("head_title", .string(HeadOfRegion(government: g.name, title: g.headTitle).title)),
            ("legal_basis", .optional(g.legalBasis)), ("tembusan_lhe", .optional(g.tembusanLHE)),
            ("tembusan_kompilasi", .optional(g.tembusanKompilasi)),
            ("tembusan_tindak_lanjut", .optional(g.tembusanTindakLanjut)),
            ("logo", .bool(g.logoPNG != nil)),
            ("version", .int(g.version)),
        ])
    }

    func government(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        guard let g = try await Government.find(user.governmentID, on: req.db) else { throw Abort(.notFound) }
        return JSONBody(Self.governmentJSON(g))
    }

    func updateGovernment(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let body = try req.decode(GovernmentBody.self)
        try Self.requireText(body.name, "name")
        if let pattern = body.lhe_number_pattern, !pattern.isEmpty, !pattern.contains("{seq}") {
            throw Abort(.unprocessableEntity, reason: "Pola Nomor LHE harus memuat {seq} (nomor urut).")
        }
        if let title = body.head_title, !["", "Bupati", "Wali Kota", "Gubernur"].contains(title) {
            throw Abort(.unprocessableEntity, reason: "Sebutan kepala daerah: Bupati, Wali Kota atau Gubernur.")
        }
        let g = try await Self.editGovernment(
            req: req, user: user, version: body.version, snapshot: { Self.governmentJSON($0).rendered(pretty: false) },
            apply: { g in
                g.name = body.name
                g.province = body.province
                g.city = body.city
                g.inspektoratName = body.inspektorat_name
                g.address = body.address
                g.phone = body.phone
                g.email = body.email
                g.website = body.website
                g.inspekturName = body.inspektur_name
                g.inspekturRank = body.inspektur_rank
                g.inspekturNIP = body.inspektur_nip
                g.lheNumberPattern = body.lhe_number_pattern
                g.headName = body.head_name
                g.headTitle = body.head_title.flatMap { $0.isEmpty ? nil : $0 }
                g.legalBasis = body.legal_basis
                g.tembusanLHE = body.tembusan_lhe
                g.tembusanKompilasi = body.tembusan_kompilasi
                g.tembusanTindakLanjut = body.tembusan_tindak_lanjut
            })
        return JSONBody(Self.governmentJSON(g))
    }

    // MARK: The letterhead's logo

    /// The logo as stored (for the settings page's preview); 404 when there is none.
    func logo(req: Request) async throws -> Response {
        let user = try req.requireAdmin()
        guard let g = try await Government.find(user.governmentID, on: req.db), let png = g.logoPNG else {
            throw Abort(.notFound, reason: "Belum ada logo.")
        }
        var headers = HTTPHeaders()
        headers.contentType = .png
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: png))
    }

    /// The PNG file as the body, `?version=` the settings' version it is based on.
    func putLogo(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "Isi berkas logo kosong.")
        }
        let png = Data(buffer.readableBytesView)
        guard png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Abort(.unprocessableEntity, reason: "Logo harus berkas PNG.")
        }
        return JSONBody(Self.governmentJSON(try await Self.setLogo(png, req: req, user: user)))
    }

    func deleteLogo(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        return JSONBody(Self.governmentJSON(try await Self.setLogo(nil, req: req, user: user)))
    }

    static func setLogo(_ png: Data?, req: Request, user: SignedIn) async throws -> Government {
        guard let version = req.query[Int.self, at: "version"] else {
            throw Abort(.badRequest, reason: "Parameter \"version\" wajib diisi.")
        }
        // What the audit keeps of a logo: its size and digest, not its bytes.
        return try await editGovernment(
            req: req, user: user, version: version,
            snapshot: { g in
                g.logoPNG.map {
                    [
                        "logo": "PNG \($0.count) bita, SHA-256 "
                            + SHA256.hash(data: $0).hexString
                    ]
                }
            }, apply: { $0.logoPNG = png })
    }

    /// Changes the government's settings in one audited transaction: the row locked, its version
    /// checked against `version` (409 when stale) and raised, `snapshot` before and after.
    static func editGovernment<Snapshot: Encodable & Sendable>(
        req: Request, user: SignedIn, version: Int, snapshot: @escaping @Sendable (Government) -> Snapshot?,
        apply: @escaping @Sendable (Government) -> Void
    ) async throws -> Government {
        try await req.write { db in
            try await lockRow(Government.schema, ["id": SQLBind(user.governmentID)], on: db)
            guard let g = try await Government.find(user.governmentID, on: db) else { throw Abort(.notFound) }
            try AssessmentAPI.checkVersion(g.version, version)
            let before = snapshot(g)
            apply(g)
            g.version += 1
            try await g.update(on: db)
            try await AuditLog.append(
                on: db, actor: user.auditActor, action: "update", objectType: "government",
                objectID: user.governmentID.uuidString, before: before, after: snapshot(g))
            return g
        }
    }

    // MARK: Clusters and PD

    struct ClusterBody: Content { var name: String }

    func clusters(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let list = try await Cluster.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$position).all()
        return JSONBody(
            .object([
                (
                    "clusters",
                    .array(
                        list.map {
                            .object([("id", .uuid($0.id)), ("name", .string($0.name)), ("version", .int($0.version))])
                        })
                )
            ]))
    }

    func createCluster(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let body = try req.decode(ClusterBody.self)
        try Self.requireText(body.name, "name")
        let cluster = try await req.write { db in try await Self.cluster(named: body.name, user: user, on: db) }
        return JSONBody(.object([("id", .uuid(cluster.id)), ("name", .string(cluster.name))]), status: .created)
    }

    /// The cluster of that name, created (and audited) when missing.
    static func cluster(named name: String, user: SignedIn, on db: any Database) async throws -> Cluster {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let existing = try await Cluster.query(on: db).filter(\.$government.$id == user.governmentID)
            .filter(\.$name == trimmed).first()
        {
            return existing
        }
        let count = try await Cluster.query(on: db).filter(\.$government.$id == user.governmentID).count()
        let cluster = Cluster(governmentID: user.governmentID, name: trimmed, position: count + 1)
        try await cluster.create(on: db)
        try await AuditLog.append(
            on: db, actor: user.auditActor, action: "create", objectType: "cluster",
            objectID: cluster.requireID().uuidString,
            before: String?.none, after: ["name": trimmed])
        return cluster
    }

    static func unitJSON(_ u: Unit, clusters: [UUID: String]) -> JSONValue {
        .object([
            ("id", .uuid(u.id)), ("name", .string(u.name)),
            ("cluster", .optional(u.$cluster.id.flatMap { clusters[$0] })),
            ("active", .bool(u.active)), ("position", .int(u.position)), ("version", .int(u.version)),
        ])
    }

    func units(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let list = try await Unit.query(on: req.db).filter(\.$government.$id == user.governmentID).sort(\.$position)
            .all()
        let names = try await Self.clusterNames(user, on: req.db)
        return JSONBody(.object([("units", .array(list.map { Self.unitJSON($0, clusters: names) }))]))
    }

    static func clusterNames(_ user: SignedIn, on db: any Database) async throws -> [UUID: String] {
        let list = try await Cluster.query(on: db).filter(\.$government.$id == user.governmentID).all()
        return Dictionary(uniqueKeysWithValues: list.map { ($0.id!, $0.name) })
    }

    struct UnitBody: Content {
        var name: String
        var cluster: String?
        var active: Bool?
        var version: Int?
    }

    func createUnit(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let body = try req.decode(UnitBody.self)
        try Self.requireText(body.name, "name")
        let unit = try await req.write { db in
            try await Self.createUnit(body.name, cluster: body.cluster, user: user, on: db)
        }
        return JSONBody(Self.unitJSON(unit, clusters: try await Self.clusterNames(user, on: req.db)), status: .created)
    }

    static func createUnit(_ name: String, cluster: String?, user: SignedIn, on db: any Database) async throws -> Unit {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if try await Unit.query(on: db).filter(\.$government.$id == user.governmentID).filter(\.$name == trimmed)
            .first()
            != nil
        {
            throw Abort(.conflict, reason: "Perangkat Daerah \"\(trimmed)\" sudah ada.")
        }
        let clusterID = try await cluster.flatMap { $0.isEmpty ? nil : $0 }.asyncMap {
            try await Self.cluster(named: $0, user: user, on: db).requireID()
        }
        let count = try await Unit.query(on: db).filter(\.$government.$id == user.governmentID).count()
        let unit = Unit(governmentID: user.governmentID, name: trimmed, clusterID: clusterID, position: count + 1)
        try await unit.create(on: db)
        try await AuditLog.append(
            on: db, actor: user.auditActor, action: "create", objectType: "unit", objectID: unit.requireID().uuidString,
            before: String?.none, after: ["name": trimmed, "cluster": cluster ?? ""])
        return unit
    }

    func updateUnit(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let body = try req.decode(UnitBody.self)
        guard let version = body.version else { throw Abort(.badRequest, reason: "Kolom \"version\" wajib diisi.") }
        let id = try Self.uuid(req, "id")
        let unit = try await req.write { db in
            try await lockRow(Unit.schema, ["id": SQLBind(id)], on: db)
            guard let unit = try await Unit.find(id, on: db), unit.$government.id == user.governmentID else {
                throw Abort(.notFound, reason: "Perangkat Daerah tidak ditemukan.")
            }
            try AssessmentAPI.checkVersion(unit.version, version)
            let before = ["name": unit.name, "active": String(unit.active)]
            unit.name = body.name.trimmingCharacters(in: .whitespaces)
            unit.$cluster.id = try await body.cluster.flatMap { $0.isEmpty ? nil : $0 }.asyncMap {
                try await Self.cluster(named: $0, user: user, on: db).requireID()
            }
            unit.active = body.active ?? unit.active
            unit.version += 1
            try await unit.update(on: db)
            try await AuditLog.append(
                on: db, actor: user.auditActor, action: "update", objectType: "unit", objectID: id.uuidString,
                before: before,
                after: ["name": unit.name, "active": String(unit.active), "cluster": body.cluster ?? ""])
            return unit
        }
        return JSONBody(Self.unitJSON(unit, clusters: try await Self.clusterNames(user, on: req.db)))
    }

    /// CSV with a header: `perangkat_daerah` (or `nama`) and optionally `cluster` (or `klaster`).
    /// All rows or none: a fault names its line and nothing is saved.
    func importUnits(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        guard let buffer = req.body.data else { throw Abort(.badRequest, reason: "Isi CSV kosong.") }
        let text = String(buffer: buffer)
        let records: [(line: Int, fields: [String])]
        do { records = try DelimitedText.parse(text) } catch {
            throw Abort(.unprocessableEntity, reason: "CSV: \(error)")
        }
        guard let header = records.first else { throw Abort(.unprocessableEntity, reason: "CSV kosong.") }
        let keys = header.fields.map { UnitTableReader.slug($0) }
        guard let nameIndex = keys.firstIndex(where: { ["perangkat_daerah", "nama", "name"].contains($0) }) else {
            throw Abort(.unprocessableEntity, reason: "CSV baris 1: kolom perangkat_daerah tidak ada.")
        }
        let clusterIndex = keys.firstIndex { ["cluster", "klaster"].contains($0) }
        var rows: [(Int, String, String?)] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw Abort(
                    .unprocessableEntity, reason: "CSV baris \(record.line): jumlah kolom tidak sama dengan header.")
            }
            let name = record.fields[nameIndex].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw Abort(.unprocessableEntity, reason: "CSV baris \(record.line): nama kosong.")
            }
            if rows.contains(where: { $0.1 == name }) {
                throw Abort(.unprocessableEntity, reason: "CSV baris \(record.line): \"\(name)\" ditulis dua kali.")
            }
            rows.append((record.line, name, clusterIndex.map { record.fields[$0] }))
        }
        let parsed = rows
        let created = try await req.write { db in
            var count = 0
            for (line, name, cluster) in parsed {
                if try await Unit.query(on: db).filter(\.$government.$id == user.governmentID).filter(\.$name == name)
                    .first() != nil
                {
                    throw Abort(.conflict, reason: "CSV baris \(line): Perangkat Daerah \"\(name)\" sudah ada.")
                }
                _ = try await Self.createUnit(name, cluster: cluster, user: user, on: db)
                count += 1
            }
            return count
        }
        return JSONBody(.object([("created", .int(created))]), status: .created)
    }

    // MARK: Users

    static func userJSON(_ u: User) -> JSONValue {
        .object([
            ("id", .uuid(u.id)), ("username", .string(u.username)), ("display_name", .string(u.displayName)),
            ("role", .string(u.role.rawValue)), ("unit_id", .uuid(u.$unit.id)), ("nip", .optional(u.nip)),
            ("rank", .optional(u.rank)), ("active", .bool(u.active)), ("version", .int(u.version)),
        ])
    }

    func users(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let list = try await User.query(on: req.db).filter(\.$government.$id == user.governmentID).sort(\.$username)
            .all()
        return JSONBody(.object([("users", .array(list.map(Self.userJSON)))]))
    }

    struct UserBody: Content {
        var username: String?
        var display_name: String
        var password: String?
        var role: String
        var unit_id: UUID?
        var nip: String?
        var rank: String?
        var active: Bool?
        var version: Int?
    }

    func createUser(req: Request) async throws -> JSONBody {
        let admin = try req.requireAdmin()
        let body = try req.decode(UserBody.self)
        let username: String
        switch AccountRules.username(body.username ?? "") {
        case .success(let valid): username = valid
        case .failure(let violation): throw Abort(.unprocessableEntity, reason: violation.message)
        }
        try Self.requireText(body.display_name, "display_name")
        let role = try await Self.validRole(body, admin: admin, on: req.db)
        guard let password = body.password else {
            throw Abort(.unprocessableEntity, reason: "Kata sandi wajib diisi.")
        }
        if let problem = AccountRules.passwordProblem(password) {
            throw Abort(.unprocessableEntity, reason: problem.message)
        }
        let hash = try await req.password.async.hash(password)
        let created = try await req.write { db in
            // Unique within the government only (M0012): another government's names stay unseen.
            if try await User.query(on: db).filter(\.$government.$id == admin.governmentID)
                .filter(\.$username == username).first() != nil
            {
                throw Abort(.conflict, reason: "Nama pengguna \"\(username)\" sudah dipakai.")
            }
            let user = User(
                governmentID: admin.governmentID, username: username, displayName: body.display_name,
                passwordHash: hash, role: role, unitID: role == .operator ? body.unit_id : nil)
            user.nip = body.nip
            user.rank = body.rank
            try await user.create(on: db)
            try await AuditLog.append(
                on: db, actor: admin.auditActor, action: "create", objectType: "user",
                objectID: user.requireID().uuidString,
                before: String?.none, after: ["username": username, "role": role.rawValue])
            return user
        }
        return JSONBody(Self.userJSON(created), status: .created)
    }

    func updateUser(req: Request) async throws -> JSONBody {
        let admin = try req.requireAdmin()
        let body = try req.decode(UserBody.self)
        guard let version = body.version else { throw Abort(.badRequest, reason: "Kolom \"version\" wajib diisi.") }
        let id = try Self.uuid(req, "id")
        try Self.requireText(body.display_name, "display_name")
        let role = try await Self.validRole(body, admin: admin, on: req.db)
        if let password = body.password, let problem = AccountRules.passwordProblem(password) {
            throw Abort(.unprocessableEntity, reason: problem.message)
        }
        let hash = try await body.password.asyncMap { try await req.password.async.hash($0) }
        let current = req.hasSession ? req.session.id?.string : nil
        let updated = try await req.write { db in
            try await lockRow(User.schema, ["id": SQLBind(id)], on: db)
            guard let user = try await User.find(id, on: db), user.$government.id == admin.governmentID else {
                throw Abort(.notFound, reason: "Pengguna tidak ditemukan.")
            }
            try AssessmentAPI.checkVersion(user.version, version)
            let before = ["role": user.role.rawValue, "active": String(user.active), "display_name": user.displayName]
            let standing = (user.role, user.$unit.id, user.active)
            user.displayName = body.display_name
            user.role = role
            user.$unit.id = role == .operator ? body.unit_id : nil
            user.nip = body.nip
            user.rank = body.rank
            user.active = body.active ?? user.active
            if let hash { user.passwordHash = hash }
            user.version += 1
            try await user.update(on: db)
            var after = ["role": role.rawValue, "active": String(user.active), "display_name": user.displayName]
            if hash != nil { after["password"] = "diganti" }
            // A new password, a deactivation, another role or PD ends the account's sessions (but
            // the admin's own current one, when it is their own account).
            if hash != nil || standing != (user.role, user.$unit.id, user.active) {
                let ended = try await TelaahSessions.end(userID: id, except: current, on: db)
                if ended > 0 { after["sesi_diakhiri"] = String(ended) }
            }
            try await AuditLog.append(
                on: db, actor: admin.auditActor, action: "update", objectType: "user", objectID: id.uuidString,
                before: before, after: after)
            return user
        }
        // Its sessions read the account anew on their next request (role, PD, active).
        req.application.sessionCache?.forgetAll()
        return JSONBody(Self.userJSON(updated))
    }

    static func validRole(_ body: UserBody, admin: SignedIn, on db: any Database) async throws
        -> AccessRules.AccountRole
    {
        guard let role = AccessRules.AccountRole(rawValue: body.role) else {
            let all = AccessRules.AccountRole.allCases.map(\.rawValue).joined(separator: ", ")
            throw Abort(.unprocessableEntity, reason: "Peran \"\(body.role)\" tidak dikenal (\(all)).")
        }
        if role == .operator {
            guard let unitID = body.unit_id, let unit = try await Unit.find(unitID, on: db),
                unit.$government.id == admin.governmentID
            else {
                throw Abort(
                    .unprocessableEntity, reason: "Operator harus terikat pada satu Perangkat Daerah (unit_id).")
            }
        }
        return role
    }

    // MARK: Frameworks and periods

    static func frameworkJSON(_ f: FrameworkVersion) -> JSONValue {
        .object([
            ("id", .uuid(f.id)), ("framework_id", .string(f.frameworkKey)),
            ("framework_version", .string(f.frameworkVersion)),
            ("title", .string(f.title)), ("sha256", .string(f.sha256)), ("frozen", .bool(f.frozen)),
        ])
    }

    func frameworks(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let list = try await FrameworkVersion.query(on: req.db).filter(\.$government.$id == user.governmentID).all()
        return JSONBody(.object([("frameworks", .array(list.map(Self.frameworkJSON)))]))
    }

    /// The YAML file as the body. Validated by the core; every fault named with its line.
    func uploadFramework(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "Isi berkas kerangka (YAML) kosong.")
        }
        let yaml = String(buffer: buffer)
        let framework: Framework
        let warnings: [FrameworkProblem]
        do {
            (framework, warnings) = try FrameworkLoader.load(yaml: yaml, source: "unggahan.yaml")
        } catch {
            throw Abort(.unprocessableEntity, reason: error.description)
        }
        let version = try await req.write { db in
            try await Self.storeFramework(yaml: yaml, framework: framework, user: user, on: db)
        }
        return JSONBody(
            .object([
                ("framework", Self.frameworkJSON(version)),
                ("warnings", .array(warnings.map { .string($0.description) })),
            ]), status: .created)
    }

    static func storeFramework(yaml: String, framework: Framework, user: SignedIn, on db: any Database) async throws
        -> FrameworkVersion
    {
        if try await FrameworkVersion.query(on: db).filter(\.$government.$id == user.governmentID)
            .filter(\.$frameworkKey == framework.id).filter(\.$frameworkVersion == framework.version).first() != nil
        {
            throw Abort(
                .conflict,
                reason:
                    "Kerangka \(framework.id) versi \(framework.version) sudah ada; naikkan versinya untuk perubahan.")
        }
        let sha = SHA256.hash(data: Data(yaml.utf8)).hexString
        let version = FrameworkVersion(
            governmentID: user.governmentID, key: framework.id, version: framework.version, title: framework.title,
            yaml: yaml, sha256: sha)
        try await version.create(on: db)
        try await AuditLog.append(
            on: db, actor: user.auditActor, action: "create", objectType: "framework",
            objectID: version.requireID().uuidString, before: String?.none,
            after: ["id": framework.id, "version": framework.version, "sha256": sha])
        return version
    }

    struct PeriodBody: Content {
        var name: String
        var evaluation_year: Int
        var performance_year: Int?
        var framework_version_id: UUID
    }

    /// A new period on a framework version, which is frozen from then on. One period per
    /// evaluation year (a second click is refused), and no year past next year.
    func createPeriod(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let body = try req.decode(PeriodBody.self)
        try Self.requireText(body.name, "name")
        let currentYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        if let problem = AccountRules.evaluationYearProblem(body.evaluation_year, currentYear: currentYear) {
            throw Abort(.unprocessableEntity, reason: problem.message)
        }
        let period = try await req.write { db in
            try await Self.createPeriod(body, user: user, on: db)
        }
        return JSONBody(PeriodAPI.periodJSON(period), status: .created)
    }

    static func createPeriod(_ body: PeriodBody, user: SignedIn, on db: any Database) async throws -> Period {
        guard let version = try await FrameworkVersion.find(body.framework_version_id, on: db),
            version.$government.id == user.governmentID
        else { throw Abort(.unprocessableEntity, reason: "Versi kerangka tidak ditemukan.") }
        if try await Period.query(on: db).filter(\.$government.$id == user.governmentID)
            .filter(\.$evaluationYear == body.evaluation_year).first() != nil
        {
            throw Abort(.conflict, reason: "Periode evaluasi \(body.evaluation_year) sudah ada.")
        }
        let period = Period(
            governmentID: user.governmentID, name: body.name, evaluationYear: body.evaluation_year,
            performanceYear: body.performance_year ?? body.evaluation_year - 1,
            frameworkVersionID: try version.requireID())
        try await period.create(on: db)
        if !version.frozen {
            version.frozen = true
            try await version.update(on: db)
        }
        try await AuditLog.append(
            on: db, actor: user.auditActor, action: "create", objectType: "period",
            objectID: period.requireID().uuidString,
            before: String?.none,
            after: [
                "name": body.name, "evaluation_year": String(body.evaluation_year),
                "framework": "\(version.frameworkKey) \(version.frameworkVersion) (dibekukan)",
            ])
        return period
    }

    struct PeriodUpdateBody: Content {
        var name: String?
        /// `open` or `closed`.
        var status: String
        var version: Int
    }

    /// Renames a period, closes it (no more changes to its evaluations, everything stays
    /// readable) or opens it again; versioned and audited.
    func updatePeriod(req: Request) async throws -> JSONBody {
        let admin = try req.requireAdmin()
        let body = try req.decode(PeriodUpdateBody.self)
        guard let status = Period.Status(rawValue: body.status) else {
            throw Abort(.unprocessableEntity, reason: "Status periode: open atau closed.")
        }
        if let name = body.name { try Self.requireText(name, "name") }
        let periodID = try await req.period(req.parameters.get("period"), for: admin).requireID()
        let period = try await req.write { db in
            try await lockRow(Period.schema, ["id": SQLBind(periodID)], on: db)
            guard let period = try await Period.find(periodID, on: db) else { throw Abort(.notFound) }
            try AssessmentAPI.checkVersion(period.version, body.version)
            let before = ["name": period.name, "status": period.status.rawValue]
            period.name = body.name?.trimmingCharacters(in: .whitespaces) ?? period.name
            period.status = status
            period.version += 1
            try await period.update(on: db)
            try await AuditLog.append(
                on: db, actor: admin.auditActor, action: "update", objectType: "period",
                objectID: periodID.uuidString, before: before,
                after: ["name": period.name, "status": period.status.rawValue])
            return period
        }
        return JSONBody(PeriodAPI.periodJSON(period))
    }

    // MARK: Teams and assignment

    func teams(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let period = try await req.period(req.parameters.get("period"), for: user)
        let periodID = try period.requireID()
        let teams = try await Team.query(on: req.db).filter(\.$period.$id == periodID).sort(\.$name).all()
        let members = try await TeamMember.query(on: req.db).filter(\.$team.$id ~~ teams.compactMap(\.id)).all()
        let assignments = try await Assignment.query(on: req.db).filter(\.$period.$id == periodID).all()
        return JSONBody(
            .object([
                (
                    "teams",
                    .array(
                        teams.map { team in
                            .object([
                                ("id", .uuid(team.id)), ("name", .string(team.name)),
                                (
                                    "members",
                                    .array(
                                        members.filter { $0.$team.id == team.id }.map {
                                            .object([
                                                ("user_id", .uuid($0.$user.id)), ("role", .string($0.role.rawValue)),
                                            ])
                                        })
                                ),
                                (
                                    "units",
                                    .array(assignments.filter { $0.$team.id == team.id }.map { .uuid($0.$unit.id) })
                                ),
                            ])
                        })
                )
            ]))
    }

    struct TeamBody: Content { var name: String }

    func createTeam(req: Request) async throws -> JSONBody {
        let user = try req.requireAdmin()
        let period = try await req.period(req.parameters.get("period"), for: user)
        let body = try req.decode(TeamBody.self)
        try Self.requireText(body.name, "name")
        let team = try await req.write { db in
            let team = Team(periodID: try period.requireID(), name: body.name)
            do { try await team.create(on: db) } catch let error as any DatabaseError where error.isConstraintFailure {
                throw Abort(.conflict, reason: "Tim \"\(body.name)\" sudah ada di periode ini.")
            }
            try await AuditLog.append(
                on: db, actor: user.auditActor, action: "create", objectType: "team",
                objectID: team.requireID().uuidString,
                before: String?.none, after: ["name": body.name])
            return team
        }
        return JSONBody(.object([("id", .uuid(team.id)), ("name", .string(team.name))]), status: .created)
    }

    struct MemberBody: Content {
        var user_id: UUID
        var role: String
    }

    func addMember(req: Request) async throws -> HTTPStatus {
        let admin = try req.requireAdmin()
        let teamID = try Self.uuid(req, "team")
        let body = try req.decode(MemberBody.self)
        guard let role = AccessRules.TeamRole(rawValue: body.role) else {
            throw Abort(.unprocessableEntity, reason: "Peran tim \"\(body.role)\" tidak dikenal.")
        }
        try await req.write { db in
            _ = try await Self.team(teamID, admin: admin, on: db)
            guard let user = try await User.find(body.user_id, on: db), user.$government.id == admin.governmentID,
                user.role == .auditor || user.role == .inspektur
            else { throw Abort(.unprocessableEntity, reason: "Anggota tim harus pegawai Inspektorat (auditor).") }
            let member = TeamMember(teamID: teamID, userID: body.user_id, role: role)
            do { try await member.create(on: db) } catch let error as any DatabaseError where error.isConstraintFailure
            {
                throw Abort(.conflict, reason: "Pengguna itu sudah anggota tim ini.")
            }
            try await AuditLog.append(
                on: db, actor: admin.auditActor, action: "create", objectType: "team", objectID: teamID.uuidString,
                before: String?.none, after: ["member": body.user_id.uuidString, "role": role.rawValue])
        }
        return .created
    }

    func removeMember(req: Request) async throws -> HTTPStatus {
        let admin = try req.requireAdmin()
        let teamID = try Self.uuid(req, "team")
        let userID = try Self.uuid(req, "user")
        try await req.write { db in
            _ = try await Self.team(teamID, admin: admin, on: db)
            guard
                let member = try await TeamMember.query(on: db).filter(\.$team.$id == teamID)
                    .filter(\.$user.$id == userID).first()
            else { throw Abort(.notFound, reason: "Anggota tidak ditemukan.") }
            try await member.delete(on: db)
            try await AuditLog.append(
                on: db, actor: admin.auditActor, action: "delete", objectType: "team", objectID: teamID.uuidString,
                before: ["member": userID.uuidString, "role": member.role.rawValue], after: String?.none)
        }
        return .noContent
    }

    static func team(_ id: UUID, admin: SignedIn, on db: any Database) async throws -> Team {
        guard let team = try await Team.find(id, on: db), let period = try await Period.find(team.$period.id, on: db),
            period.$government.id == admin.governmentID
        else { throw Abort(.notFound, reason: "Tim tidak ditemukan.") }
        return team
    }

    struct AssignBody: Content { var team_id: UUID? }

    /// Assigns a PD to a team for the period (or, with no team, removes the assignment).
    func assign(req: Request) async throws -> HTTPStatus {
        let admin = try req.requireAdmin()
        let period = try await req.period(req.parameters.get("period"), for: admin)
        let periodID = try period.requireID()
        let unitID = try Self.uuid(req, "unit")
        let body = try req.decode(AssignBody.self)
        try await req.write { db in
            guard let unit = try await Unit.find(unitID, on: db), unit.$government.id == admin.governmentID else {
                throw Abort(.notFound, reason: "Perangkat Daerah tidak ditemukan.")
            }
            let existing = try await Assignment.query(on: db).filter(\.$period.$id == periodID)
                .filter(\.$unit.$id == unitID).first()
            let before = existing.map { ["team": $0.$team.id.uuidString] }
            try await existing?.delete(on: db)
            if let teamID = body.team_id {
                let team = try await Self.team(teamID, admin: admin, on: db)
                guard team.$period.id == periodID else {
                    throw Abort(.unprocessableEntity, reason: "Tim itu bukan tim periode ini.")
                }
                try await Assignment(periodID: periodID, teamID: teamID, unitID: unitID).create(on: db)
            }
            try await AuditLog.append(
                on: db, actor: admin.auditActor, action: "update", objectType: "assignment",
                objectID: unitID.uuidString,
                before: before, after: body.team_id.map { ["team": $0.uuidString, "period": periodID.uuidString] })
        }
        return .noContent
    }

    // MARK: Helpers

    static func requireText(_ value: String, _ field: String) throws {
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Abort(.unprocessableEntity, reason: "Kolom \"\(field)\" wajib diisi.")
        }
    }

    static func uuid(_ req: Request, _ name: String) throws -> UUID {
        guard let id = req.parameters.get(name, as: UUID.self) else {
            throw Abort(.notFound, reason: "Tidak ditemukan.")
        }
        return id
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): return try await transform(value)
        case .none: return nil
        }
    }
}
