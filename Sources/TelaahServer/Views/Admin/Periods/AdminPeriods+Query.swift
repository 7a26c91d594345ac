import Fluent
import Vapor

extension AdminPeriodsPage {
    static func query(_ req: Request) async throws -> Model {
        let user = try req.requireAdmin()
        let currentYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        let frameworks = try await FrameworkVersion.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$createdAt, .descending).all()
        let periods = try await Period.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$evaluationYear, .descending).all()
        let names = Dictionary(
            uniqueKeysWithValues: frameworks.map { ($0.id!, "\($0.frameworkKey) versi \($0.frameworkVersion)") })
        var rows: [Row] = []
        for p in periods {
            rows.append(
                Row(
                    id: p.id!.uuidString, name: p.name,
                    years: "evaluasi \(p.evaluationYear), kinerja \(p.performanceYear)",
                    framework: names[p.$frameworkVersion.id] ?? "—", status: p.status == .open ? "berjalan" : "ditutup",
                    open: p.status == .open, version: p.version,
                    cycle: try await req.store.periodCycle(periodID: p.requireID())))
        }
        return Model(
            frame: Frame(req, title: "Periode dan kerangka LKE"),
            periods: rows,
            frameworks: frameworks.map {
                FrameworkRow(
                    name: "\($0.frameworkKey) versi \($0.frameworkVersion)", title: $0.title,
                    sha: String($0.sha256.prefix(12)), frozen: $0.frozen)
            },
            frameworkChoices: frameworks.enumerated().map {
                Choice(
                    value: $0.element.id!.uuidString,
                    label: "\($0.element.title) (\($0.element.frameworkKey) versi \($0.element.frameworkVersion))",
                    selected: $0.offset == 0)
            },
            nextYear: proposedYear(taken: Set(periods.map(\.evaluationYear)), currentYear: currentYear),
            maxYear: currentYear + 1)
    }
}
