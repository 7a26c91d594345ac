import Fluent
import Foundation

/// An evaluation period: the evaluation done in `evaluationYear` of the SAKIP of
/// `performanceYear` (usually the year before), on one frozen framework version.
package final class Period: Model, @unchecked Sendable {
    package static let schema = "periods"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "government_id") package var government: Government
    @Field(key: "name") package var name: String
    @Field(key: "evaluation_year") package var evaluationYear: Int
    @Field(key: "performance_year") package var performanceYear: Int
    @Parent(key: "framework_version_id") package var frameworkVersion: FrameworkVersion
    @Enum(key: "status") package var status: Status
    @Field(key: "version") package var version: Int
    /// The Inspektur's recommendations beyond the four components (M0038), one per line: the
    /// Laporan Kompilasi's E, F, ... after D.
    @OptionalField(key: "general_recommendations") package var generalRecommendations: String?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

    package enum Status: String, Codable, Sendable, CaseIterable { case open, closed }

    package init() {}
    package init(
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
