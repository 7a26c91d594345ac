import Fluent
import Foundation

/// A framework version uploaded to a government: the YAML text as uploaded (validated by the
/// core), frozen once a period uses it.
package final class FrameworkVersion: Model, @unchecked Sendable {
    package static let schema = "framework_versions"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "government_id") package var government: Government
    /// The framework's own id and version (from the file).
    @Field(key: "framework_key") package var frameworkKey: String
    @Field(key: "framework_version") package var frameworkVersion: String
    @Field(key: "title") package var title: String
    @Field(key: "yaml") package var yaml: String
    @Field(key: "sha256") package var sha256: String
    @Field(key: "frozen") package var frozen: Bool
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?

    package init() {}
    package init(
        id: UUID? = nil, governmentID: UUID, key: String, version: String, title: String, yaml: String, sha256: String
    ) {
        self.id = id
        self.$government.id = governmentID
        self.frameworkKey = key
        self.frameworkVersion = version
        self.title = title
        self.yaml = yaml
        self.sha256 = sha256
        self.frozen = false
    }
}
