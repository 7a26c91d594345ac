import TelaahDocuments
import Vapor

/// `/api/v1/admin/templates…`: the Inspektorat's own wording of its documents (M0035), each in
/// the shape of the built-in template it replaces and checked against it before it is kept.
struct TemplateController {
    struct TemplateBody: Codable, Sendable {
        /// `laporan-kompilasi`, `lhe`, `tindak-lanjut`, `rencana-aksi`.
        var name: String
        var title: String
        /// Whether the Inspektorat's own wording is in use (else the built-in).
        var custom: Bool
        /// The wording in use, as YAML.
        var yaml: String
        /// 0 while the built-in is in use.
        var version: Int
    }
    struct TemplateList: Codable, Sendable {
        var templates: [TemplateBody]
    }
    struct TemplateUpdate: Codable, Sendable {
        /// The new wording; empty or null: back to the built-in.
        var yaml: String?
        var version: Version
    }

    static let titles: [DocumentTemplate.BuiltIn: String] = [
        .lhe: "LHE", .laporanKompilasi: "Laporan Kompilasi", .tindakLanjut: "Surat tindak lanjut Bupati/Wali Kota",
        .rencanaAksi: "Rencana aksi",
    ]

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.Admin.templates, "Naskah dokumen: bawaan atau milik Inspektorat") { req in
            let admin = try req.requireAdmin()
            let stored = try await req.store.documentTemplates(governmentID: admin.governmentID)
            return TemplateList(templates: DocumentTemplate.BuiltIn.allCases.map { Self.body($0, stored[$0.rawValue]) })
        }
        api.json(
            .PUT, Site.API.Admin.template,
            "Mengganti naskah satu jenis dokumen (YAML sebentuk naskah bawaan; kosong: kembali ke bawaan)",
            request: TemplateUpdate.self, errors: [.conflict, .unprocessableEntity], maxBody: "256kb"
        ) { req in
            let admin = try req.requireAdmin()
            guard let kind = req.parameters.get("name").flatMap(DocumentTemplate.BuiltIn.init(rawValue:)) else {
                throw Abort(.notFound, reason: "Jenis naskah tidak dikenal.")
            }
            let body = try req.decode(TemplateUpdate.self)
            let yaml = (body.yaml ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard yaml.utf8.count <= 200_000 else {
                throw Abort(.unprocessableEntity, reason: "Naskah lebih dari 200 KB.")
            }
            if !yaml.isEmpty {
                let problems: [String]
                do {
                    problems = try DocumentTemplate(name: kind.rawValue, yaml: yaml)
                        .problems(against: .builtIn(kind))
                } catch {
                    throw Abort(.unprocessableEntity, reason: "\(error)")
                }
                guard problems.isEmpty else {
                    throw Abort(
                        .unprocessableEntity,
                        reason: "Naskah belum dapat dipakai: " + problems.prefix(5).joined(separator: "; ")
                            + (problems.count > 5 ? "; dan \(problems.count - 5) lainnya." : "."))
                }
            }
            let version = try await req.store.setDocumentTemplate(
                governmentID: admin.governmentID, name: kind.rawValue, yaml: yaml.isEmpty ? nil : yaml + "\n",
                version: body.version.value, by: admin)
            return Self.body(kind, yaml.isEmpty ? nil : StoredTemplate(yaml: yaml + "\n", version: version))
        }
    }

    static func body(_ kind: DocumentTemplate.BuiltIn, _ stored: StoredTemplate?) -> TemplateBody {
        TemplateBody(
            name: kind.rawValue, title: titles[kind] ?? kind.rawValue, custom: stored != nil,
            yaml: stored?.yaml ?? kind.defaultText, version: stored?.version ?? 0)
    }
}
