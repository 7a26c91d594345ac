import Fluent
import Foundation

/// A framework version uploaded to a government: the YAML text as uploaded (validated by the
/// core), frozen once a period uses it.
final class FrameworkVersion: Model, @unchecked Sendable {
    static let schema = "framework_versions"
    @ID(key: .id) var id: UUID?
    @Parent(key: "government_id") var government: Government
    /// The framework's own id and version (from the file).
    @Field(key: "framework_key") var frameworkKey: String
    @Field(key: "framework_version") var frameworkVersion: String
    @Field(key: "title") var title: String
    @Field(key: "yaml") var yaml: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "frozen") var frozen: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(id: UUID? = nil, governmentID: UUID, key: String, version: String, title: String, yaml: String, sha256: String)
    {
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
