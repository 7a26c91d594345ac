/// The panel's calibration across PD (seed 001 §V: the level-2 review of all teams "untuk
/// menyeragamkan nilai dan kategori"): each PD's total against its cluster's, to find the
/// grades that may not have been given by one measure.
public enum Calibration {
    /// One PD's total against the other PD of its cluster.
    public struct Standing: Sendable, Equatable {
        /// The mean total of the cluster's other PD with a total, two decimals.
        public var othersMean: ExactDecimal
        /// This PD's total minus that mean.
        public var deviation: ExactDecimal
        /// More than `band` points from the others' mean.
        public var outlier: Bool
    }

    /// The standing of every PD in a cluster with at least three PD with a total (fewer give no
    /// measure), against the mean of the cluster's *other* PD (one far PD must not hide itself in
    /// its own mean). `band` defaults to 10 points, the width of a predikat band: a PD more than a
    /// band from its peers is the panel's first question.
    public static func standings(
        _ totals: [(id: String, cluster: String?, total: ExactDecimal)], band: ExactDecimal = ExactDecimal(10)
    ) -> [String: Standing] {
        var byCluster: [String: [(id: String, total: ExactDecimal)]] = [:]
        for t in totals { byCluster[t.cluster ?? "", default: []].append((t.id, t.total)) }
        var out: [String: Standing] = [:]
        for members in byCluster.values where members.count >= 3 {
            let sum = members.reduce(ExactDecimal.zero) { $0 + $1.total }
            for m in members {
                let mean = ExactDecimal.mean(sum: sum - m.total, count: members.count - 1)
                let deviation = m.total - mean
                let distance = deviation < .zero ? .zero - deviation : deviation
                out[m.id] = Standing(othersMean: mean, deviation: deviation, outlier: band < distance)
            }
        }
        return out
    }
}
