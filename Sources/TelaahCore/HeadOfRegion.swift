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
