import Fluent
import Foundation

// The schema. Every row belongs to one government (a deployment may serve several regencies;
// no query crosses them). Editable records carry a `version`: a write names the version it was
// based on, and a stale one is refused (HTTP 409). Values are kept per actor (the PD's own
// self-assessment, the evaluator's, later each review tier's and the panel's).

/// A regency or city government served by this deployment, with its Inspektorat's letterhead.
package final class Government: Model, @unchecked Sendable {
    package static let schema = "governments"
    @ID(key: .id) package var id: UUID?
    /// Short stable code, e.g. `banyuasin`.
    @Field(key: "code") package var code: String
    /// "Kabupaten Banyuasin".
    @Field(key: "name") package var name: String
    @OptionalField(key: "province") package var province: String?
    /// Where letters are dated, e.g. "Pangkalan Balai".
    @OptionalField(key: "city") package var city: String?
    @OptionalField(key: "inspektorat_name") package var inspektoratName: String?
    @OptionalField(key: "address") package var address: String?
    @OptionalField(key: "phone") package var phone: String?
    @OptionalField(key: "email") package var email: String?
    @OptionalField(key: "website") package var website: String?
    @OptionalField(key: "inspektur_name") package var inspekturName: String?
    @OptionalField(key: "inspektur_rank") package var inspekturRank: String?
    @OptionalField(key: "inspektur_nip") package var inspekturNIP: String?
    /// e.g. `700/{seq}/LHE-AKIP/INSPEKTORAT/{year}`
    @OptionalField(key: "lhe_number_pattern") package var lheNumberPattern: String?
    /// The head of the region (Bupati / Wali Kota) by name, who signs the follow-up letters (M0010).
    @OptionalField(key: "head_name") package var headName: String?
    /// The logo at the left of the letterhead (PNG), if any (M0008).
    @OptionalField(key: "logo_png") package var logoPNG: Data?
    /// The regency's own regulation on the evaluation, cited by its letters (M0013), e.g.
    /// "Peraturan Bupati Banyuasin Nomor 12 Tahun 2023 tentang Pedoman Evaluasi AKIP".
    @OptionalField(key: "legal_basis") package var legalBasis: String?
    /// The regency's further legal bases of the evaluation, one per line (M0038): Bab I.A of the
    /// Laporan Kompilasi after the national regulations and `legalBasis`.
    @OptionalField(key: "legal_bases") package var legalBases: String?
    /// "Bupati" or "Wali Kota" (M0013); nil: from the name (a Kota has a Wali Kota).
    @OptionalField(key: "head_title") package var headTitle: String?
    /// The tembusan of each document, one addressee per line (M0013).
    @OptionalField(key: "tembusan_lhe") package var tembusanLHE: String?
    @OptionalField(key: "tembusan_kompilasi") package var tembusanKompilasi: String?
    @OptionalField(key: "tembusan_tindak_lanjut") package var tembusanTindakLanjut: String?
    /// The head of the region's office address, one line a line (M0032): the follow-up letters' kop.
    @OptionalField(key: "head_address") package var headAddress: String?
    /// How reminders are mailed (M0037): `sendmail`, `smtp`, or none (no e-mail).
    @OptionalField(key: "mail_transport") package var mailTransport: String?
    @OptionalField(key: "mail_from") package var mailFrom: String?
    @OptionalField(key: "smtp_host") package var smtpHost: String?
    @OptionalField(key: "smtp_port") package var smtpPort: Int?
    /// The evidence limits in MB (M0027); nil: `Evidence.Limits`' defaults.
    @OptionalField(key: "evidence_file_limit_mb") package var evidenceFileLimitMB: Int?
    @OptionalField(key: "evidence_unit_limit_mb") package var evidenceUnitLimitMB: Int?
    @Field(key: "version") package var version: Int
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?

    package init() {}
    package init(id: UUID? = nil, code: String, name: String) {
        self.id = id
        self.code = code
        self.name = name
        self.version = 1
    }
}
