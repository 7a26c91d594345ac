import Fluent
import Foundation

/// The pra-evaluasi profile of a PD for one period (seed 001 §IV.A, items a–l).
package final class UnitProfile: Model, @unchecked Sendable {
    package static let schema = "unit_profiles"
    @ID(key: .id) package var id: UUID?
    @Parent(key: "unit_id") package var unit: Unit
    @Parent(key: "period_id") package var period: Period
    /// Item key (`peraturan`, `mandat`, …; see `UnitProfile.items`) → text, as JSON.
    @Field(key: "items") package var items: [String: String]
    @Field(key: "version") package var version: Int

    /// The pra-evaluasi items of seed 001 §IV.A, in order.
    package static let items: [(key: String, label: String)] = [
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

    package init() {}
}
