import Fluent
import Foundation

/// A cluster of PD (Unit Utama, Unit Pendukung, Unit Tambahan in Banyuasin; names are data).
final class Cluster: Model, @unchecked Sendable {
    static let schema = "clusters"
    @ID(key: .id) var id: UUID?
    @Parent(key: "government_id") var government: Government
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int
    @Field(key: "version") var version: Int

    init() {}
    init(id: UUID? = nil, governmentID: UUID, name: String, position: Int) {
        self.id = id
        self.$government.id = governmentID
        self.name = name
        self.position = position
        self.version = 1
    }
}
