import Fluent
import TelaahCore
import Vapor

/// `/api/v1/admin/frameworks`: the LKE framework versions of the government. An upload is checked
/// by the core (every fault named with its line) and kept as written, with its SHA-256.
struct FrameworkController {
    struct FrameworkBody: Codable, Sendable {
        var id: UUID
        /// The framework's own id and version, from its file.
        var framework_id: String
        var framework_version: String
        var title: String
        var sha256: String
        /// A period uses it: it never changes again.
        var frozen: Bool

        init(_ f: FrameworkVersion) {
            id = f.id!
            framework_id = f.frameworkKey
            framework_version = f.frameworkVersion
            title = f.title
            sha256 = f.sha256
            frozen = f.frozen
        }
    }
    struct FrameworksBody: Codable, Sendable {
        var frameworks: [FrameworkBody]
    }
    struct Uploaded: Codable, Sendable {
        var framework: FrameworkBody
        var warnings: [String]
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.Admin.frameworks, "Versi kerangka LKE") { req in
            let admin = try req.requireAdmin()
            let list = try await FrameworkVersion.query(on: req.db).filter(\.$government.$id == admin.governmentID)
                .all()
            return FrameworksBody(frameworks: list.map(FrameworkBody.init))
        }
        api.upload(
            .POST, Site.API.Admin.frameworks, "Mengunggah versi kerangka LKE (YAML); diperiksa lebih dahulu",
            types: ["application/yaml", "text/plain"], description: "Berkas kerangka LKE (docs/framework-format.md)",
            status: .created, errors: [.conflict, .unprocessableEntity], maxBody: "4mb"
        ) { req in
            let admin = try req.requireAdmin()
            guard let buffer = req.body.data, buffer.readableBytes > 0 else {
                throw Abort(.badRequest, reason: "Isi berkas kerangka (YAML) kosong.")
            }
            let yaml = String(buffer: buffer)
            let framework: Framework
            let warnings: [FrameworkProblem]
            do {
                (framework, warnings) = try FrameworkLoader.load(yaml: yaml, source: "unggahan.yaml")
            } catch {
                throw Abort(.unprocessableEntity, reason: "\(error)")
            }
            let version = try await req.store.write { tx in
                try await Self.store(yaml: yaml, framework: framework, admin, tx)
            }
            return Uploaded(framework: FrameworkBody(version), warnings: warnings.map(\.description))
        }
    }

    static func store(yaml: String, framework: Framework, _ admin: SignedIn, _ tx: StoreTransaction) async throws
        -> FrameworkVersion
    {
        if try await FrameworkVersion.query(on: tx.db).filter(\.$government.$id == admin.governmentID)
            .filter(\.$frameworkKey == framework.id).filter(\.$frameworkVersion == framework.version).first() != nil
        {
            throw Abort(
                .conflict,
                reason:
                    "Kerangka \(framework.id) versi \(framework.version) sudah ada; naikkan versinya untuk perubahan.")
        }
        let sha = SHA256.hash(data: Data(yaml.utf8)).hexString
        let version = FrameworkVersion(
            governmentID: admin.governmentID, key: framework.id, version: framework.version, title: framework.title,
            yaml: yaml, sha256: sha)
        try await version.create(on: tx.db)
        try await tx.audit(
            admin.auditActor, "create", "framework", version.requireID().uuidString, before: String?.none,
            after: ["id": framework.id, "version": framework.version, "sha256": sha])
        return version
    }
}
