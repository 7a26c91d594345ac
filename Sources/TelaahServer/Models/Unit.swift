import Fluent
import Foundation

/// A Perangkat Daerah (PD / OPD): dinas, badan, kecamatan, …
package final class Unit: Model, @unchecked Sendable {
    package static let schema = "units"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "government_id") package var government: Government
    @Field(key: "name") package var name: String
    @OptionalParent(key: "cluster_id") package var cluster: Cluster?
    @Field(key: "position") package var position: Int
    @Field(key: "active") package var active: Bool
    @Field(key: "version") package var version: Int
    /// The head's title as letters address them (M0034); nil: `UnitHead.defaultTitle`.
    @OptionalField(key: "head_title") package var headTitle: String?
    /// Where its letters address it, "di - …" (M0038); nil: `UnitHead.place`.
    @OptionalField(key: "place") package var place: String?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?

    package init() {}
    package init(id: UUID? = nil, governmentID: UUID, name: String, clusterID: UUID?, position: Int) {
        self.id = id
        self.$government.id = governmentID
        self.name = name
        self.$cluster.id = clusterID
        self.position = position
        self.active = true
        self.version = 1
    }
}
