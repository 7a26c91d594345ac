import Fluent
import TelaahCore
import Vapor

extension AdminUnitsPage {
    static func query(_ req: Request) async throws -> Model {
        let user = try req.requireAdmin()
        let clusters = try await Cluster.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$position).all()
        let names = Dictionary(uniqueKeysWithValues: clusters.map { ($0.id!, $0.name) })
        let government = try await Government.find(user.governmentID, on: req.db)
        let town = government?.city ?? government?.name ?? ""
        let units = try await Unit.query(on: req.db).filter(\.$government.$id == user.governmentID).sort(\.$position)
            .all()
        return Model(
            frame: Frame(req, title: "Perangkat Daerah"),
            units: units.map {
                Row(
                    id: $0.id!.uuidString, name: $0.name, cluster: $0.$cluster.id.flatMap { names[$0] } ?? "",
                    headTitle: $0.headTitle ?? "", defaultHeadTitle: UnitHead.defaultTitle(for: $0.name),
                    place: $0.place ?? "", defaultPlace: UnitHead.place(nil, unit: $0.name, town: town),
                    active: $0.active, version: $0.version)
            }, clusters: clusters.map(\.name))
    }
}
