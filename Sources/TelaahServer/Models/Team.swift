import Fluent
import Foundation

/// An evaluation team of a period.
final class Team: Model, @unchecked Sendable {
    static let schema = "teams"
    @ID(key: .id) var id: UUID?
    @Parent(key: "period_id") var period: Period
    @Field(key: "name") var name: String
    @Field(key: "version") var version: Int

    init() {}
    init(id: UUID? = nil, periodID: UUID, name: String) {
        self.id = id
        self.$period.id = periodID
        self.name = name
        self.version = 1
    }
}
