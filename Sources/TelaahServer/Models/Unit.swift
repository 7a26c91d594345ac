import Fluent
import Foundation

/// A Perangkat Daerah (PD / OPD): dinas, badan, kecamatan, …
final class Unit: Model, @unchecked Sendable {
    static let schema = "units"
    @ID(key: .id) var id: UUID?
    @Parent(key: "government_id") var government: Government
    @Field(key: "name") var name: String
    @OptionalParent(key: "cluster_id") var cluster: Cluster?
    @Field(key: "position") var position: Int
    @Field(key: "active") var active: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(id: UUID? = nil, governmentID: UUID, name: String, clusterID: UUID?, position: Int) {
        self.id = id
        self.$government.id = governmentID
        self.name = name
        self.$cluster.id = clusterID
        self.position = position
        self.active = true
        self.version = 1
    }
}
