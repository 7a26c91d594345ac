/// The pra-evaluasi (seed 001 §IV.A, "Pra Evaluasi AKIP"): the general picture of a Perangkat
/// Daerah its team gathers before evaluating it, filled by the PD's operator and read by its team.
/// Item l, last year's result, comes from the previous period where that period has it.
public enum PreEvaluation {
    public struct Item: Sendable, Equatable {
        /// `a` … `l`, as the seed letters them.
        public var key: String
        public var title: String
    }

    /// The twelve items, in the seed's words.
    public static let items: [Item] = [
        ("a", "Peraturan perundangan yang mendasari"), ("b", "Mandat"), ("c", "Tugas, fungsi, dan kewenangan"),
        ("d", "Struktur organisasi"), ("e", "Hubungan/koordinasi dengan organisasi lain"),
        ("f", "Permasalahan dan isu strategis"), ("g", "Kinerja utama"), ("h", "Aktivitas utama"),
        ("i", "Sumber pembiayaan"), ("j", "Capaian kinerja beserta dengan analisis capaian kinerja"),
        ("k", "Sistem informasi kinerja yang digunakan"), ("l", "Hasil evaluasi AKIP tahun sebelumnya"),
    ].map { Item(key: $0.0, title: $0.1) }

    /// The item filled from the previous period's result when there is one.
    public static let previousResultKey = "l"

    /// How many items are filled (`previousResult` counts for item l).
    public static func filled(_ texts: [String: String], previousResult: String?) -> Int {
        items.filter { item in
            if item.key == previousResultKey, previousResult != nil { return true }
            return !(texts[item.key] ?? "").trimmingWhitespace().isEmpty
        }.count
    }
}
