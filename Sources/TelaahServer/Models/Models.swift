import Fluent
import Foundation
import TelaahCore

// The schema. Every row belongs to one government (a deployment may serve several regencies;
// no query crosses them). Editable records carry a `version`: a write names the version it was
// based on, and a stale one is refused (HTTP 409). Values are kept per actor (the PD's own
// self-assessment, the evaluator's, later each review tier's and the panel's).

/// A regency or city government served by this deployment, with its Inspektorat's letterhead.
final class Government: Model, @unchecked Sendable {
    static let schema = "governments"
    @ID(key: .id) var id: UUID?
    /// Short stable code, e.g. `banyuasin`.
    @Field(key: "code") var code: String
    /// "Kabupaten Banyuasin".
    @Field(key: "name") var name: String
    @OptionalField(key: "province") var province: String?
    /// Where letters are dated, e.g. "Pangkalan Balai".
    @OptionalField(key: "city") var city: String?
    @OptionalField(key: "inspektorat_name") var inspektoratName: String?
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "website") var website: String?
    @OptionalField(key: "inspektur_name") var inspekturName: String?
    @OptionalField(key: "inspektur_rank") var inspekturRank: String?
    @OptionalField(key: "inspektur_nip") var inspekturNIP: String?
    /// e.g. `700/{seq}/LHE-AKIP/INSPEKTORAT/{year}`
    @OptionalField(key: "lhe_number_pattern") var lheNumberPattern: String?
    /// The head of the region (Bupati / Wali Kota) by name, who signs the follow-up letters (M0010).
    @OptionalField(key: "head_name") var headName: String?
    /// The logo at the left of the letterhead (PNG), if any (M0008).
    @OptionalField(key: "logo_png") var logoPNG: Data?
    /// The regency's own regulation on the evaluation, cited by its letters (M0013), e.g.
    /// "Peraturan Bupati Banyuasin Nomor 12 Tahun 2023 tentang Pedoman Evaluasi AKIP".
    @OptionalField(key: "legal_basis") var legalBasis: String?
    /// "Bupati" or "Wali Kota" (M0013); nil: from the name (a Kota has a Wali Kota).
    @OptionalField(key: "head_title") var headTitle: String?
    /// The tembusan of each document, one addressee per line (M0013).
    @OptionalField(key: "tembusan_lhe") var tembusanLHE: String?
    @OptionalField(key: "tembusan_kompilasi") var tembusanKompilasi: String?
    @OptionalField(key: "tembusan_tindak_lanjut") var tembusanTindakLanjut: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(id: UUID? = nil, code: String, name: String) {
        self.id = id
        self.code = code
        self.name = name
        self.version = 1
    }
}

/// A person who signs in. `role` is the account's standing; what an auditor may see on which
/// PD follows from team membership (`TeamMember.role`) and assignment.
final class User: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(key: .id) var id: UUID?
    @Parent(key: "government_id") var government: Government
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Enum(key: "role") var role: Role
    /// For operators: the one PD they serve.
    @OptionalParent(key: "unit_id") var unit: Unit?
    @OptionalField(key: "nip") var nip: String?
    @OptionalField(key: "rank") var rank: String?
    @Field(key: "active") var active: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(
        id: UUID? = nil, governmentID: UUID, username: String, displayName: String, passwordHash: String, role: Role,
        unitID: UUID? = nil
    ) {
        self.id = id
        self.$government.id = governmentID
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role
        self.$unit.id = unitID
        self.active = true
        self.version = 1
    }

    typealias Role = AccessRules.AccountRole
}

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

/// A Perangkat Daerah (PD / OPD): dinas, badan, kecamatan, …
final class Unit: Model, @unchecked Sendable {
    static let schema = "units"
    @ID(key: .id) var id: UUID?
    @Parent(key: "government_id") var government: Government
    @Field(key: "name") var name: String
    @OptionalParent(key: "cluster_id") var cluster: Cluster?
    @Field(key: "position") var position: Int
    @Field(key: "active") var active: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
    init(id: UUID? = nil, governmentID: UUID, name: String, clusterID: UUID?, position: Int) {
        self.id = id
        self.$government.id = governmentID
        self.name = name
        self.$cluster.id = clusterID
        self.position = position
        self.active = true
        self.version = 1
    }
}

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

/// The pra-evaluasi profile of a PD for one period (seed 001 §IV.A, items a–l).
final class UnitProfile: Model, @unchecked Sendable {
    static let schema = "unit_profiles"
    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: Unit
    @Parent(key: "period_id") var period: Period
    /// Item key (`peraturan`, `mandat`, …; see `UnitProfile.items`) → text, as JSON.
    @Field(key: "items") var items: [String: String]
    @Field(key: "version") var version: Int

    /// The pra-evaluasi items of seed 001 §IV.A, in order.
    static let items: [(key: String, label: String)] = [
        ("peraturan", "Peraturan perundangan yang mendasari"),
        ("mandat", "Mandat"),
        ("tugas_fungsi", "Tugas, fungsi, dan kewenangan"),
        ("struktur", "Struktur organisasi"),
        ("koordinasi", "Hubungan/koordinasi dengan organisasi lain"),
        ("isu_strategis", "Permasalahan dan isu strategis"),
        ("kinerja_utama", "Kinerja utama"),
        ("aktivitas_utama", "Aktivitas utama"),
        ("pembiayaan", "Sumber pembiayaan"),
        ("capaian", "Capaian kinerja beserta dengan analisis capaian kinerja"),
        ("sistem_informasi", "Sistem informasi kinerja yang digunakan"),
        ("hasil_sebelumnya", "Hasil evaluasi AKIP tahun sebelumnya"),
    ]

    init() {}
}

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

/// A user's role in a team (surat tugas).
final class TeamMember: Model, @unchecked Sendable {
    static let schema = "team_members"
    @ID(key: .id) var id: UUID?
    @Parent(key: "team_id") var team: Team
    @Parent(key: "user_id") var user: User
    @Enum(key: "role") var role: Role

    typealias Role = AccessRules.TeamRole

    init() {}
    init(id: UUID? = nil, teamID: UUID, userID: UUID, role: Role) {
        self.id = id
        self.$team.id = teamID
        self.$user.id = userID
        self.role = role
    }
}

/// A PD assigned to a team for a period.
final class Assignment: Model, @unchecked Sendable {
    static let schema = "assignments"
    @ID(key: .id) var id: UUID?
    @Parent(key: "period_id") var period: Period
    @Parent(key: "team_id") var team: Team
    @Parent(key: "unit_id") var unit: Unit

    init() {}
    init(id: UUID? = nil, periodID: UUID, teamID: UUID, unitID: UUID) {
        self.id = id
        self.$period.id = periodID
        self.$team.id = teamID
        self.$unit.id = unitID
    }
}

/// One PD's evaluation in one period.
final class Assessment: Model, @unchecked Sendable {
    static let schema = "assessments"
    @ID(key: .id) var id: UUID?
    @Parent(key: "government_id") var government: Government
    @Parent(key: "period_id") var period: Period
    @Parent(key: "unit_id") var unit: Unit
    /// Where the evaluation stands (the review tiers come later).
    @Enum(key: "stage") var stage: Stage
    /// The evaluators' grades are shown to the PD only once released.
    @Field(key: "released") var released: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    typealias Stage = AccessRules.Stage

    init() {}
    init(id: UUID? = nil, governmentID: UUID, periodID: UUID, unitID: UUID) {
        self.id = id
        self.$government.id = governmentID
        self.$period.id = periodID
        self.$unit.id = unitID
        self.stage = .selfAssessment
        self.released = false
        self.version = 1
    }
}

/// Whose values a row holds.
enum Actor: String, Codable, CaseIterable, Sendable {
    /// The PD's self-assessment.
    case unit
    /// The evaluation team's.
    case evaluator
    // Later: reviewer tiers, the panel, the final values.
}

/// One criterion's answer by one actor.
final class Answer: Model, @unchecked Sendable {
    static let schema = "answers"
    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: Assessment
    @Enum(key: "actor") var actor: Actor
    /// `1.a.3`
    @Field(key: "criterion_id") var criterionID: String
    /// The answer code; nil when not applicable.
    @OptionalField(key: "code") var code: String?
    @OptionalField(key: "not_applicable_reason") var notApplicableReason: String?
    @OptionalField(key: "note") var note: String?
    @OptionalParent(key: "updated_by") var updatedBy: User?
    @Field(key: "version") var version: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// One sub-component's grade (and note, justification, evidence list) by one actor.
final class SubcomponentGrade: Model, @unchecked Sendable {
    static let schema = "subcomponent_grades"
    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: Assessment
    @Enum(key: "actor") var actor: Actor
    /// `1.a`
    @Field(key: "subcomponent_id") var subcomponentID: String
    /// The evaluator's grade; nil means "the suggestion".
    @OptionalField(key: "grade") var grade: String?
    @OptionalField(key: "justification") var justification: String?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "evidence") var evidence: String?
    /// The recommendation for this sub-component (the LHE's "rekomendasi").
    @OptionalField(key: "recommendation") var recommendation: String?
    @OptionalParent(key: "updated_by") var updatedBy: User?
    @Field(key: "version") var version: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
