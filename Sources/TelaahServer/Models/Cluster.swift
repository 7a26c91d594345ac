import Fluent
import Foundation

/// A cluster of PD (Unit Utama, Unit Pendukung, Unit Tambahan in Banyuasin; names are data).
package final class Cluster: Model, @unchecked Sendable {
    package static let schema = "clusters"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "government_id") package var government: Government
    @Field(key: "name") package var name: String
    @Field(key: "position") package var position: Int
    @Field(key: "version") package var version: Int

    package init() {}
    package init(id: UUID? = nil, governmentID: UUID, name: String, position: Int) {
        self.id = id
        self.$government.id = governmentID
        self.name = name
        self.position = position
        self.version = 1
    }
}
