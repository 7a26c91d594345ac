import Fluent
import Vapor

extension SignInPage {
    static func query(
        _ req: Request, error: String?, username: String, government: String?, next: String, token: String
    ) async throws -> Model {
        let governments = try await Government.query(on: req.db).sort(\.$name).all()
        return Model(
            frame: Frame(req, title: "Masuk"), error: error, username: username, next: next, token: token,
            governments: governments.count > 1
                ? governments.map { Choice(value: $0.code, label: $0.name, selected: $0.code == government) } : [],
            setupHint: governments.isEmpty)
    }
}
