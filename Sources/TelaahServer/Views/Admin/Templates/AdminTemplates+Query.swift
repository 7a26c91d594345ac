import TelaahDocuments
import Vapor

extension AdminTemplatesPage {
    static func query(_ req: Request) async throws -> Model {
        let admin = try req.requireAdmin()
        let stored = try await req.store.documentTemplates(governmentID: admin.governmentID)
        return Model(
            frame: Frame(req, title: "Naskah dokumen"),
            kinds: DocumentTemplate.BuiltIn.allCases.map { kind in
                let body = TemplateController.body(kind, stored[kind.rawValue])
                return Kind(
                    name: body.name, title: body.title, custom: body.custom, yaml: body.yaml, version: body.version)
            })
    }
}
