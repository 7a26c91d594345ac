import Fluent
import Foundation

/// An evaluation period: the evaluation done in `evaluationYear` of the SAKIP of
/// `performanceYear` (usually the year before), on one frozen framework version.
final class Period: Model, @unchecked Sendable {
    static let schema = "periods"
    @ID(key: .id) var id: UUID?
    @Parent(key: "government_id") var government: Government
    @Field(key: "name") var name: String
    @Field(key: "evaluation_year") var evaluationYear: Int
    @Field(key: "performance_year") var performanceYear: Int
    @Parent(key: "framework_version_id") var frameworkVersion: FrameworkVersion
    @Enum(key: "status") var status: Status
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    enum Status: String, Codable, Sendable { case open, closed }

    init() {}
    init(
        id: UUID? = nil, governmentID: UUID, name: String, evaluationYear: Int, performanceYear: Int,
        frameworkVersionID: UUID
    ) {
        self.id = id
        self.$government.id = governmentID
        self.name = name
        self.evaluationYear = evaluationYear
        self.performanceYear = performanceYear
        self.$frameworkVersion.id = frameworkVersionID
        self.status = .open
        self.version = 1
    }
}
