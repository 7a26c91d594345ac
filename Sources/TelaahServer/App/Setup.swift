import Fluent
import TelaahCore
import Vapor

/// A real regency from nothing (`telaah setup`): its government, its first Admin Inspektorat and
/// the bundled LKE framework, ready for a first period. Everything else (settings, PD, users,
/// periods, teams) the admin then does in the browser.
public enum Setup {
    public struct Result: Sendable {
        public var government: String
        public var code: String
        public var admin: String
        public var password: String
        /// The password was generated here (print it once) rather than given.
        public var generated: Bool
    }

    /// Refuses (ConfigurationError, in Indonesian) a bad name, a bad password, and a government
    /// that exists already by name or code.
    public static func run(_ app: Application, government rawName: String, admin rawUsername: String, password: String?)
        async throws -> Result
    {
        if let problem = AccountRules.governmentNameProblem(rawName) { throw ConfigurationError(problem.message) }
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        let username: String
        switch AccountRules.username(rawUsername) {
        case .success(let valid): username = valid
        case .failure(let violation): throw ConfigurationError(violation.message)
        }
        if let password, let problem = AccountRules.passwordProblem(password) {
            throw ConfigurationError("TELAAH_ADMIN_PASSWORD: \(problem.message)")
        }
        let secret = password ?? [UInt8].random(count: 12).base64URL
        let hash = try await app.password.async.hash(secret)
        let code = AccountRules.governmentCode(name)
        let seal = app.auditSeal
        try await app.db.transaction { db in
            let existing = try await Government.query(on: db).all()
            if let same = existing.first(where: { $0.code == code || $0.name.lowercased() == name.lowercased() }) {
                throw ConfigurationError(
                    "pemerintah daerah \"\(same.name)\" (kode \(same.code)) sudah ada di basis data ini; setup tidak mengubahnya"
                )
            }
            let government = Government(code: code, name: name)
            government.inspektoratName = "Inspektorat Daerah \(name)"
            government.headTitle = HeadOfRegion.defaultTitle(for: name)
            government.lheNumberPattern = "700/{seq}/LHE-AKIP/INSPEKTORAT/{year}"
            let head = HeadOfRegion(government: name, title: government.headTitle)
            government.tembusanLHE = [
                head.name, "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "Gubernur",
            ]
            .joined(separator: "\n")
            government.tembusanKompilasi = [
                "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
                "Kepala Perwakilan BPKP", "Inspektur Provinsi",
            ].joined(separator: "\n")
            government.tembusanTindakLanjut = "Inspektur \(name)"
            try await government.create(on: db)
            let governmentID = try government.requireID()
            let system = AuditActor.system(seal, governmentID: governmentID)
            try await AuditLog.append(
                on: db, actor: system, action: "create", objectType: "government", objectID: governmentID.uuidString,
                before: String?.none, after: ["name": name, "code": code, "setup": "true"])
            let admin = User(
                governmentID: governmentID, username: username, displayName: "Admin Inspektorat", passwordHash: hash,
                role: .admin)
            try await admin.create(on: db)
            try await AuditLog.append(
                on: db, actor: system, action: "create", objectType: "user", objectID: admin.requireID().uuidString,
                before: String?.none, after: ["username": username, "role": "admin"])
            let yaml = BundledFrameworks.defaultYAML
            let framework = BundledFrameworks.default
            let version = FrameworkVersion(
                governmentID: governmentID, key: framework.id, version: framework.version, title: framework.title,
                yaml: yaml, sha256: SHA256.hash(data: Data(yaml.utf8)).hexString)
            try await version.create(on: db)
            try await AuditLog.append(
                on: db, actor: system, action: "create", objectType: "framework",
                objectID: version.requireID().uuidString, before: String?.none,
                after: ["id": framework.id, "version": framework.version, "sha256": version.sha256])
        }
        return Result(government: name, code: code, admin: username, password: secret, generated: password == nil)
    }
}
