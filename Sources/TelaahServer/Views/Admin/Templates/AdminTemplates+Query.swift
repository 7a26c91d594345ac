import TelaahDocuments
import Vapor

extension AdminTemplatesPage {
    static func query(_ req: Request) async throws -> Model {
        let admin = try req.requireAdmin()
        let stored = try await req.store.documentTemplates(governmentID: admin.governmentID)
        return Model(
            frame: Frame(req, title: "Naskah dokumen"),
            kinds: DocumentTemplate.BuiltIn.allCases.map { TemplateController.body($0, stored[$0.rawValue]) })
    }
}
