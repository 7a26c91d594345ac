import Foundation
import TelaahCore

// The shapes the API reads and answers that several resources share. Each property carries its
// wire name; `Wire` writes them, `SchemaRegistry` describes them in /openapi.json.

extension AccessRules.AccountRole: SchemaEnum {}
extension AccessRules.TeamRole: SchemaEnum {}
extension AccessRules.Stage: SchemaEnum {}
extension Cycle.Action: SchemaEnum {}
extension Actor: SchemaEnum {}
extension Period.Status: SchemaEnum {}
extension FollowUp.Status: SchemaEnum {}
extension FollowUp.Verdict: SchemaEnum {}
extension FollowUp.PlanState: SchemaEnum {}
extension FollowUp.PlanMove: SchemaEnum {}
extension RegionSigner.Kind: SchemaEnum {}

/// What an account may do on a PD, by name.
enum PermissionName: String, Codable, Sendable, SchemaEnum {
    case readUnit = "read_unit"
    case readSelfAssessment = "read_self_assessment"
    case writeSelfAssessment = "write_self_assessment"
    case readEvaluation = "read_evaluation"
    case writeEvaluation = "write_evaluation"
    case readResult = "read_result"
    case readHistory = "read_history"
    case readLHE = "read_lhe"
    case reviseGrades = "revise_grades"
    case readSignedLHE = "read_signed_lhe"
    case writeFollowUp = "write_follow_up"
    case verifyFollowUp = "verify_follow_up"
    case signFollowUpLetter = "sign_follow_up_letter"

    var permission: AccessRules.Permissions {
        switch self {
        case .readUnit: .readUnit
        case .readSelfAssessment: .readSelfAssessment
        case .writeSelfAssessment: .writeSelfAssessment
        case .readEvaluation: .readEvaluation
        case .writeEvaluation: .writeEvaluation
        case .readResult: .readResult
        case .readHistory: .readHistory
        case .readLHE: .readLHE
        case .reviseGrades: .reviseGrades
        case .readSignedLHE: .readSignedLHE
        case .writeFollowUp: .writeFollowUp
        case .verifyFollowUp: .verifyFollowUp
        case .signFollowUpLetter: .signFollowUpLetter
        }
    }

    static func names(_ permissions: AccessRules.Permissions) -> [PermissionName] {
        allCases.filter { permissions.contains($0.permission) }
    }
}

/// A framework version by its own id and version.
struct FrameworkRef: Codable, Sendable {
    var id: String
    var version: String

    init(_ framework: Framework) {
        id = framework.id
        version = framework.version
    }
}

/// A period as the API shows it.
struct PeriodBody: Codable, Sendable {
    var id: UUID
    var name: String
    var evaluation_year: Int
    var performance_year: Int
    var framework_version_id: UUID
    var status: Period.Status
    var version: Int

    init(_ p: Period) {
        id = p.id!
        name = p.name
        evaluation_year = p.evaluationYear
        performance_year = p.performanceYear
        framework_version_id = p.$frameworkVersion.id
        status = p.status
        version = p.version
    }
}

/// A user name as sent: 3 to 64 letters, digits, `.`, `_` or `-` (stored in lower case).
struct Username: Codable, Sendable, SchemaDescribable {
    var value: String

    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(String.self) }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }

    static func schema(_ schemas: SchemaRegistry) -> JSONValue {
        .object([("type", .string("string")), ("pattern", .string("^\\s*[A-Za-z0-9._-]{3,64}\\s*$"))])
    }
    static var schemaExample: Username { Username(value: "nama") }
    init(value: String) { self.value = value }
}

/// A password as sent: at least `AccountRules.minimumPasswordLength` characters.
struct Password: Codable, Sendable, SchemaDescribable {
    var value: String

    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(String.self) }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }

    static func schema(_ schemas: SchemaRegistry) -> JSONValue {
        .object([("type", .string("string")), ("minLength", .int(AccountRules.minimumPasswordLength))])
    }
    static var schemaExample: Password { Password(value: "") }
    init(value: String) { self.value = value }
}

/// A record's version as a write names it: the one it was based on (0 for a new one).
struct Version: Codable, Sendable, SchemaDescribable {
    var value: Int

    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int.self) }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }

    static func schema(_ schemas: SchemaRegistry) -> JSONValue {
        .object([("type", .string("integer")), ("minimum", .int(0))])
    }
    static var schemaExample: Version { Version(value: 0) }
    init(value: Int) { self.value = value }
}
