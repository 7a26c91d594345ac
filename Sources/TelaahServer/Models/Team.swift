import Fluent
import Foundation

/// An evaluation team of a period.
package final class Team: Model, @unchecked Sendable {
    package static let schema = "teams"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "period_id") package var period: Period
    @Field(key: "name") package var name: String
    /// The surat tugas: its number and date (TTTT-BB-HH), nil until issued.
    @OptionalField(key: "letter_number") package var letterNumber: String?
    @OptionalField(key: "letter_date") package var letterDate: String?
    @Field(key: "version") package var version: Int

    package init() {}
    package init(id: UUID? = nil, periodID: UUID, name: String) {
        self.id = id
        self.$period.id = periodID
        self.name = name
        self.version = 1
    }
}
