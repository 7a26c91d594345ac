/// The title of a Perangkat Daerah's head, as letters address them: "Camat Betung", "Sekretaris
/// Daerah", "Inspektur", "Kepala Dinas Kesehatan". A PD may have its own (M0034); else the
/// default by the kind its name begins with.
public enum UnitHead {
    /// The title given, or the default for `unit` when none is.
    public static func title(_ given: String?, unit: String) -> String {
        let own = given.map { String($0.trimmingWhitespace()) } ?? ""
        return own.isEmpty ? defaultTitle(for: unit) : own
    }

    /// The default by the kind of PD: a kecamatan is led by its Camat, a kelurahan by its Lurah,
    /// the secretariats by a Sekretaris, the Inspektorat by the Inspektur; every other PD by its
    /// Kepala.
    public static func defaultTitle(for unit: String) -> String {
        let name = String(unit.trimmingWhitespace())
        let kinds: [(prefix: String, title: String)] = [
            ("Kecamatan ", "Camat "), ("Kelurahan ", "Lurah "), ("Sekretariat Daerah", "Sekretaris Daerah"),
            ("Sekretariat DPRD", "Sekretaris DPRD"), ("Sekretariat Dewan Perwakilan Rakyat Daerah", "Sekretaris DPRD"),
        ]
        for kind in kinds where name.hasPrefix(kind.prefix) {
            return kind.title + name.dropFirst(kind.prefix.count)
        }
        if name.hasPrefix("Inspektorat") { return "Inspektur" }
        return "Kepala \(name)"
    }
}

extension UnitHead {
    /// Where a PD's letters address it ("di - …"): its own place when set; else a kecamatan or a
    /// kelurahan at itself (seed 002: "di- Kecamatan Kutasari"), every other PD in the regency's
    /// town, where its offices are.
    public static func place(_ given: String?, unit: String, town: String) -> String {
        let own = given.map { String($0.trimmingWhitespace()) } ?? ""
        if !own.isEmpty { return own }
        let name = String(unit.trimmingWhitespace())
        return name.hasPrefix("Kecamatan ") || name.hasPrefix("Kelurahan ") ? name : town
    }
}
