import Fluent
import Vapor

extension PeriodsPage {
    static func query(_ req: Request) async throws -> Model {
        let user = try req.signedIn()
        let periods = try await Period.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$evaluationYear, .descending).all()
        let chosen = req.session.data[PeriodPage.sessionKey]
        return Model(
            frame: Frame(req, title: "Periode evaluasi"),
            periods: periods.map {
                Row(
                    link: Site.period.path($0.id!), name: $0.name,
                    years: "evaluasi \($0.evaluationYear), kinerja \($0.performanceYear)",
                    status: $0.status == .open ? "berjalan" : "ditutup", current: $0.id?.uuidString == chosen)
            })
    }
}
