import Fluent
import TelaahCore
import Vapor

/// `/api/v1/admin/clusters` and `/api/v1/admin/units…`: the regency's clusters and Perangkat
/// Daerah, one by one or from a CSV (all rows or none).
struct UnitAdminController {
    struct ClusterBody: Codable, Sendable {
        var id: UUID
        var name: String
        var version: Int
    }
    struct ClusterList: Codable, Sendable {
        var clusters: [ClusterBody]
    }
    struct ClusterCreate: Codable, Sendable {
        var name: Text
    }
    struct ClusterCreated: Codable, Sendable {
        var id: UUID
        var name: String
    }
    struct UnitBody: Codable, Sendable {
        var id: UUID
        var name: String
        var cluster: String?
        var active: Bool
        var position: Int
        var version: Int
        /// The head's title as the letters address them: as set, or the default by the kind of PD.
        var head_title: String
        /// Where its letters address it ("di - …") as set; empty: the default (`UnitHead.place`).
        var place: String

        init(_ u: Unit, clusters: [UUID: String]) {
            id = u.id!
            name = u.name
            head_title = UnitHead.title(u.headTitle, unit: u.name)
            place = u.place ?? ""
            cluster = u.$cluster.id.flatMap { clusters[$0] }
            active = u.active
            position = u.position
            version = u.version
        }
    }
    struct UnitsBody: Codable, Sendable {
        var units: [UnitBody]
    }
    struct UnitCreate: Codable, Sendable {
        var name: Text
        /// The cluster's name; made when new.
        var cluster: String?
    }
    struct UnitUpdate: Codable, Sendable {
        var name: Text
        var cluster: String?
        /// A deactivated PD is kept for the record; only the Admin and the Inspektur read it.
        var active: Bool?
        /// The head's title ("Camat Betung"); empty or absent: the default by the kind of PD.
        var head_title: String?
        /// Where its letters address it ("Kecamatan Betung"); empty or absent: the default.
        var place: String?
        var version: Version
    }
    struct Imported: Codable, Sendable {
        var created: Int
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.Admin.clusters, "Klaster Perangkat Daerah") { req in
            let admin = try req.requireAdmin()
            let list = try await Cluster.query(on: req.db).filter(\.$government.$id == admin.governmentID)
                .sort(\.$position).all()
            return ClusterList(clusters: list.map { ClusterBody(id: $0.id!, name: $0.name, version: $0.version) })
        }
        api.json(
            .POST, Site.API.Admin.clusters, "Membuat klaster (yang bernama sama dipakai lagi)",
            request: ClusterCreate.self, status: .created
        ) { req in
            let admin = try req.requireAdmin()
            let body = try req.decode(ClusterCreate.self)
            try requireText(body.name, "name")
            let cluster = try await req.store.write { tx in try await Self.cluster(named: body.name.trimmed, admin, tx)
            }
            return ClusterCreated(id: cluster.id!, name: cluster.name)
        }
        api.json(.GET, Site.API.Admin.units, "Perangkat Daerah") { req in
            let admin = try req.requireAdmin()
            let list = try await Unit.query(on: req.db).filter(\.$government.$id == admin.governmentID)
                .sort(\.$position).all()
            let names = try await Self.clusterNames(admin, req)
            return UnitsBody(units: list.map { UnitBody($0, clusters: names) })
        }
        api.json(
            .POST, Site.API.Admin.units, "Menambah Perangkat Daerah", request: UnitCreate.self, status: .created,
            errors: [.conflict]
        ) { req in
            let admin = try req.requireAdmin()
            let body = try req.decode(UnitCreate.self)
            try requireText(body.name, "name")
            let unit = try await req.store.write { tx in
                try await Self.createUnit(body.name.trimmed, cluster: body.cluster, admin, tx)
            }
            return UnitBody(unit, clusters: try await Self.clusterNames(admin, req))
        }
        api.json(
            .PUT, Site.API.Admin.unit, "Mengubah Perangkat Daerah: nama, klaster, aktif, jabatan kepala (dengan versi)",
            request: UnitUpdate.self, errors: [.conflict]
        ) { req in
            let admin = try req.requireAdmin()
            let body = try req.decode(UnitUpdate.self)
            try requireText(body.name, "name")
            let id = try req.id("unit")
            let unit = try await req.store.write { tx in
                try await tx.lock(Unit.schema, ["id": id])
                guard let unit = try await Unit.find(id, on: tx.db), unit.$government.id == admin.governmentID else {
                    throw Abort(.notFound, reason: "Perangkat Daerah tidak ditemukan.")
                }
                try Store.checkVersion(unit.version, body.version.value)
                if body.name.trimmed != unit.name,
                    try await Unit.query(on: tx.db).filter(\.$government.$id == admin.governmentID)
                        .filter(\.$name == body.name.trimmed).first() != nil
                {
                    throw Abort(.conflict, reason: "Perangkat Daerah \"\(body.name.trimmed)\" sudah ada.")
                }
                let before = ["name": unit.name, "active": String(unit.active), "head_title": unit.headTitle ?? ""]
                unit.name = body.name.trimmed
                unit.$cluster.id = try await body.cluster.flatMap { $0.isEmpty ? nil : $0 }.asyncMap {
                    try await Self.cluster(named: $0, admin, tx).requireID()
                }
                unit.active = body.active ?? unit.active
                let title = (body.head_title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                unit.headTitle = title.isEmpty ? nil : String(title.prefix(200))
                let place = (body.place ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                unit.place = place.isEmpty ? nil : String(place.prefix(200))
                unit.version += 1
                try await unit.update(on: tx.db)
                try await tx.audit(
                    admin.auditActor, "update", "unit", id.uuidString, before: before,
                    after: [
                        "name": unit.name, "active": String(unit.active), "cluster": body.cluster ?? "",
                        "head_title": unit.headTitle ?? "", "place": unit.place ?? "",
                    ])
                return unit
            }
            return UnitBody(unit, clusters: try await Self.clusterNames(admin, req))
        }
        api.upload(
            .POST, Site.API.Admin.unitsImport,
            "Impor Perangkat Daerah dari CSV (kolom perangkat_daerah, boleh cluster); semua baris atau tidak satu pun",
            types: ["text/csv", "text/plain"], description: "CSV dengan baris judul", status: .created,
            errors: [.conflict, .unprocessableEntity], maxBody: "2mb"
        ) { req in
            let admin = try req.requireAdmin()
            guard let buffer = req.body.data else { throw Abort(.badRequest, reason: "Isi CSV kosong.") }
            let rows: [TelaahCore.UnitList.Row]
            do { rows = try TelaahCore.UnitList.read(String(buffer: buffer)) } catch {
                throw Abort(.unprocessableEntity, reason: "CSV \(error)")
            }
            let created = try await req.store.write { tx in
                for row in rows {
                    if try await Unit.query(on: tx.db).filter(\.$government.$id == admin.governmentID)
                        .filter(\.$name == row.name).first() != nil
                    {
                        throw Abort(
                            .conflict, reason: "CSV baris \(row.line): Perangkat Daerah \"\(row.name)\" sudah ada.")
                    }
                    _ = try await Self.createUnit(row.name, cluster: row.cluster, admin, tx)
                }
                return rows.count
            }
            return Imported(created: created)
        }
    }

    static func clusterNames(_ admin: SignedIn, _ req: Request) async throws -> [UUID: String] {
        let list = try await Cluster.query(on: req.db).filter(\.$government.$id == admin.governmentID).all()
        return Dictionary(uniqueKeysWithValues: list.map { ($0.id!, $0.name) })
    }

    /// The cluster of that name, created (and audited) when missing.
    static func cluster(named name: String, _ admin: SignedIn, _ tx: StoreTransaction) async throws -> Cluster {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let existing = try await Cluster.query(on: tx.db).filter(\.$government.$id == admin.governmentID)
            .filter(\.$name == trimmed).first()
        {
            return existing
        }
        let count = try await Cluster.query(on: tx.db).filter(\.$government.$id == admin.governmentID).count()
        let cluster = Cluster(governmentID: admin.governmentID, name: trimmed, position: count + 1)
        try await cluster.create(on: tx.db)
        try await tx.audit(
            admin.auditActor, "create", "cluster", cluster.requireID().uuidString, before: String?.none,
            after: ["name": trimmed])
        return cluster
    }

    static func createUnit(_ name: String, cluster: String?, _ admin: SignedIn, _ tx: StoreTransaction) async throws
        -> Unit
    {
        if try await Unit.query(on: tx.db).filter(\.$government.$id == admin.governmentID).filter(\.$name == name)
            .first() != nil
        {
            throw Abort(.conflict, reason: "Perangkat Daerah \"\(name)\" sudah ada.")
        }
        let clusterID = try await cluster.flatMap { $0.isEmpty ? nil : $0 }.asyncMap {
            try await Self.cluster(named: $0, admin, tx).requireID()
        }
        let count = try await Unit.query(on: tx.db).filter(\.$government.$id == admin.governmentID).count()
        let unit = Unit(governmentID: admin.governmentID, name: name, clusterID: clusterID, position: count + 1)
        try await unit.create(on: tx.db)
        try await tx.audit(
            admin.auditActor, "create", "unit", unit.requireID().uuidString, before: String?.none,
            after: ["name": name, "cluster": cluster ?? ""])
        return unit
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
