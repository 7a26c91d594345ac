/// Which Perangkat Daerah a home page names as needing attention: those whose predikat is below
/// B (CC, C, D: from CC on "masih perlu banyak perbaikan", seed 001), lowest total first.
public enum Attention {
    public static let belowB: Set<String> = ["CC", "C", "D"]

    public static func pick<T>(_ items: [T], total: (T) -> ExactDecimal, predikat: (T) -> String?) -> [T] {
        items.filter { predikat($0).map(belowB.contains) ?? false }.sorted { total($0) < total($1) }
    }
}
