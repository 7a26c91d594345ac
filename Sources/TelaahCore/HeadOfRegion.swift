/// The head of a regional government, who receives the LHE's copy and signs the follow-up
/// letters: a Bupati (kabupaten), a Wali Kota (kota), a Gubernur (provinsi). The title is a
/// setting of the government; without it, it follows from the government's name.
public struct HeadOfRegion: Sendable, Equatable {
    /// "Bupati", "Wali Kota".
    public var title: String
    /// The region without its kind: "Banyuasin" for "Kabupaten Banyuasin".
    public var region: String

    public init(government: String, title: String? = nil) {
        let trimmed = government.trimmingWhitespace()
        var region = String(trimmed)
        for kind in ["Kabupaten ", "Kota ", "Provinsi "] where region.hasPrefix(kind) {
            region = String(region.dropFirst(kind.count))
            break
        }
        let given = title.map { String($0.trimmingWhitespace()) } ?? ""
        self.title = given.isEmpty ? Self.defaultTitle(for: String(trimmed)) : given
        self.region = region
    }

    /// "Bupati Banyuasin", "Wali Kota Palembang".
    public var name: String { "\(title) \(region)" }

    /// The title a government's head has by the kind in its name.
    public static func defaultTitle(for government: String) -> String {
        if government.hasPrefix("Kota ") { return "Wali Kota" }
        if government.hasPrefix("Provinsi ") { return "Gubernur" }
        return "Bupati"
    }
}

/// Who signs a letter of the head of the region (seed 002): the head, or someone acting for them
/// ("Pt. BUPATI PURBALINGGA" over "Wakil Bupati", the Wakil Bupati's name under it).
public struct RegionSigner: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// The Bupati or Wali Kota themself.
        case head
        /// Pelaksana Tugas: standing in while the head is away.
        case pt
        /// Pelaksana Harian: standing in for a day-to-day absence.
        case plh
        /// Pelaksana Tugas where the office is vacant.
        case plt

        public var title: String {
            switch self {
            case .head: "Kepala daerah"
            case .pt: "Pt. (pelaksana tugas)"
            case .plh: "Plh. (pelaksana harian)"
            case .plt: "Plt. (pelaksana tugas, jabatan kosong)"
            }
        }

        var prefix: String {
            switch self {
            case .head: ""
            case .pt: "Pt. "
            case .plh: "Plh. "
            case .plt: "Plt. "
            }
        }
    }

    public var kind: Kind
    public var name: String
    /// The acting signer's own office (`Wakil Bupati`, `Sekretaris Daerah`); unused for the head.
    public var position: String

    public init(kind: Kind, name: String, position: String = "") {
        self.kind = kind
        self.name = name
        self.position = position
    }

    /// The lines above the signature: `BUPATI BANYUASIN`, or `Pt. BUPATI BANYUASIN` and the office.
    public func title(_ head: HeadOfRegion) -> [String] {
        let office = head.name.uppercased()
        guard kind != .head else { return [office] }
        return [kind.prefix + office]
            + (position.trimmingWhitespace().isEmpty ? [] : [String(position.trimmingWhitespace())])
    }

    /// Why the signer as entered is refused; nil when complete.
    public var refusal: String? {
        if name.trimmingWhitespace().isEmpty { return "Tuliskan nama penanda tangan surat." }
        if kind != .head, position.trimmingWhitespace().isEmpty {
            return "Tuliskan jabatan pejabat yang menandatangani atas nama kepala daerah, misalnya Wakil Bupati."
        }
        return nil
    }
}
