import Fluent
import TelaahCore
import Vapor

extension PeriodPage {
    static func query(_ req: Request) async throws -> Model {
        let user = try req.signedIn()
        let period = try await req.period(req.parameters.get("period"), for: user)
        let o = try await PeriodOverview.load(period: period, user: user, req: req)
        let periodID = try period.requireID()
        // The home page comes back here (a session write only when the period changes).
        if req.session.data[sessionKey] != periodID.uuidString { req.session.data[sessionKey] = periodID.uuidString }
        let government = try await Government.find(user.governmentID, on: req.db)
        let rows = o.rows.map { row in
            Row(
                link: row.permissions.contains(.readUnit) ? Site.lke.path(periodID, row.unitID) : nil,
                name: row.name, cluster: row.cluster ?? "—", stage: row.stage.title,
                progress: "\(row.answered)/\(row.criteria) kriteria, \(row.graded)/\(row.subcomponents) sub-komponen",
                percent: row.subcomponents == 0 ? 0 : row.graded * 100 / row.subcomponents,
                total: row.result?.total?.indonesian() ?? "—", predikat: row.result?.predikat?.code ?? "—")
        }
        var summary: [SummaryRow] = []
        var counts: [String] = []
        if let c = o.summary {
            for group in [c.overall] + c.clusters {
                summary.append(
                    SummaryRow(
                        name: group.name, units: "\(group.units) PD", means: group.means.map { $0.indonesian() },
                        predikat: group.predikat.last.flatMap { $0 } ?? "—"))
            }
            if let m = c.meanOfClusterMeans {
                summary.append(
                    SummaryRow(
                        name: m.name, units: "\(m.units) klaster", means: m.means.map { $0.indonesian() },
                        predikat: m.predikat.last.flatMap { $0 } ?? "—"))
            }
            counts = c.overall.counts.map { "\($0.code): \($0.count)" }
        }
        return Model(
            frame: Frame(req, title: period.name, period: period.name), period: period.name,
            periodID: periodID.uuidString,
            years: "Evaluasi tahun \(period.evaluationYear) atas kinerja tahun \(period.performanceYear)"
                + (period.status == .closed ? " · periode ditutup: hanya dapat dibaca" : ""),
            legalBasis: government?.legalBasis.flatMap { $0.isEmpty ? nil : $0 }
                ?? "Peraturan Menteri PANRB Nomor 88 Tahun 2021 (peraturan daerah tentang evaluasi belum diisi di Pengaturan)",
            framework: "Kerangka LKE: \(o.framework.id) versi \(o.framework.version)", rows: rows,
            columns: o.framework.components.map(\.title) + ["Total"], summary: summary, counts: counts,
            complete: "\(o.completeCount) dari \(o.rows.count) Perangkat Daerah sudah lengkap dinilai",
            documents: AccessRules.seesWholePeriod(user.role) ? periodID.uuidString : nil)
    }
}
