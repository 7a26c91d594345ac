import Testing

@testable import TelaahCore

@Suite("Follow-up rules")
struct FollowUpTests {
    @Test("a sub-component's text gives one recommendation per line, list marks dropped")
    func splitting() {
        let text = """
            1. Dokumen Laporan Kinerja agar menginfokan perbandingan realisasi kinerja tahun sebelumnya.
              - Monitoring evaluasi triwulan ditandatangani pimpinan unit kerja.

            b) Rencana aksi agar dipantau berkala.
            Hasil evaluasi AKIP tahun 2023 agar ditindaklanjuti.
            """
        #expect(
            FollowUp.recommendations(in: text) == [
                "Dokumen Laporan Kinerja agar menginfokan perbandingan realisasi kinerja tahun sebelumnya.",
                "Monitoring evaluasi triwulan ditandatangani pimpinan unit kerja.",
                "Rencana aksi agar dipantau berkala.",
                "Hasil evaluasi AKIP tahun 2023 agar ditindaklanjuti.",
            ])
        #expect(FollowUp.recommendations(in: "  \n ") == [])
        // A number that is the sentence's own stays.
        #expect(FollowUp.recommendations(in: "2023 adalah tahun dasar.") == ["2023 adalah tahun dasar."])
        #expect(FollowUp.code(year: 2024, subcomponent: "1.a", index: 2) == "2024-1.a-2")
    }

    @Test(
        "the plan: the PD submits with an action for every recommendation; the Inspektorat returns with a note or accepts"
    )
    func planMoves() {
        #expect(
            FollowUp.moveRefusal(.submit, from: .draft, by: .unit, recommendations: 3, planned: 2, note: nil)
                == "Setiap rekomendasi memerlukan sedikitnya satu rencana aksi (2 dari 3).")
        #expect(
            FollowUp.moveRefusal(.submit, from: .draft, by: .unit, recommendations: 3, planned: 3, note: nil) == nil)
        #expect(
            FollowUp.moveRefusal(.submit, from: .returned, by: .unit, recommendations: 1, planned: 1, note: nil) == nil)
        #expect(
            FollowUp.moveRefusal(.submit, from: .submitted, by: .unit, recommendations: 1, planned: 1, note: nil) != nil
        )
        #expect(
            FollowUp.moveRefusal(.submit, from: .draft, by: .inspektorat, recommendations: 1, planned: 1, note: nil)
                != nil)
        #expect(
            FollowUp.moveRefusal(.submit, from: .draft, by: .unit, recommendations: 0, planned: 0, note: nil) != nil)
        #expect(
            FollowUp.moveRefusal(
                .returnToUnit, from: .submitted, by: .inspektorat, recommendations: 1, planned: 1, note: " ")
                == "Tuliskan catatan: apa yang harus diperbaiki PD.")
        #expect(
            FollowUp.moveRefusal(
                .returnToUnit, from: .submitted, by: .inspektorat, recommendations: 1, planned: 1,
                note: "Batas waktu terlalu jauh.")
                == nil)
        #expect(
            FollowUp.moveRefusal(.accept, from: .submitted, by: .unit, recommendations: 1, planned: 1, note: nil) != nil
        )
        #expect(
            FollowUp.moveRefusal(.accept, from: .draft, by: .inspektorat, recommendations: 1, planned: 1, note: nil)
                != nil)
        #expect(
            FollowUp.moveRefusal(.accept, from: .submitted, by: .inspektorat, recommendations: 1, planned: 1, note: nil)
                == nil)
        #expect(FollowUp.state(after: .returnToUnit) == .returned)
        #expect(FollowUp.PlanState.returned.editableByUnit && !FollowUp.PlanState.accepted.editableByUnit)
    }

    @Test("an action needs its text, who is in charge, and a real due date")
    func actions() {
        #expect(
            FollowUp.actionRefusal(action: "Menyusun SOP", person: "Budi", position: "Kasubag", due: "2025-03-31")
                == nil)
        #expect(FollowUp.actionRefusal(action: " ", person: "Budi", position: "Kasubag", due: "2025-03-31") != nil)
        #expect(FollowUp.actionRefusal(action: "a", person: "", position: "Kasubag", due: "2025-03-31") != nil)
        #expect(FollowUp.actionRefusal(action: "a", person: "Budi", position: "Kasubag", due: "2025-02-30") != nil)
        #expect(FollowUp.actionRefusal(action: "a", person: "Budi", position: "Kasubag", due: "31-03-2025") != nil)
    }

    @Test("verdicts, status and the rate as BPK counts it: over all, the impossible ones a figure of their own")
    func tally() {
        #expect(FollowUp.verdictRefusal(.compliant, reason: nil) == nil)
        #expect(FollowUp.verdictRefusal(.impossible, reason: "") != nil)
        #expect(FollowUp.verdictRefusal(.notYet, reason: nil) != nil)
        #expect(FollowUp.status(verdict: nil, actions: 0, reports: 0) == .open)
        #expect(FollowUp.status(verdict: nil, actions: 1, reports: 0) == .inProgress)
        #expect(FollowUp.status(verdict: .notYet, actions: 1, reports: 1) == .inProgress)
        #expect(FollowUp.status(verdict: .compliant, actions: 0, reports: 0) == .compliant)
        let t = FollowUp.Tally([.compliant, .compliant, .inProgress, .open, .impossible])
        #expect(t.total == 5 && t.compliant == 2 && t.impossible == 1)
        #expect(t.rate == ExactDecimal(parsing: "40.00"))
        #expect(t.impossibleShare == ExactDecimal(parsing: "20.00"))
        #expect(FollowUp.Tally([.compliant, .inProgress, .open]).rate?.indonesian(places: 2) == "33,33")
        #expect(FollowUp.Tally([.impossible]).rate == .zero)
        #expect(FollowUp.Tally([.impossible]).impossibleShare == ExactDecimal(100))
        #expect(FollowUp.Tally().rate == nil)
    }

    @Test("the follow-up outlives the period: closed, the PD still writes it and the Inspektorat verifies")
    func closedPeriod() {
        let op = AccessRules.permissions(.init(role: .operator, ownUnit: true, stage: .final, periodOpen: false))
        #expect(op.contains(.writeFollowUp) && op.contains(.readSignedLHE))
        let admin = AccessRules.permissions(.init(role: .admin, stage: .final, periodOpen: false))
        #expect(admin.contains(.verifyFollowUp))
        // A deactivated PD is kept for the record: no one follows it up.
        let gone = AccessRules.permissions(.init(role: .operator, ownUnit: true, stage: .final, unitActive: false))
        #expect(gone.isEmpty)
        let other = AccessRules.permissions(.init(role: .operator, ownUnit: false, stage: .final))
        #expect(!other.contains(.writeFollowUp))
        let pimpinan = AccessRules.permissions(.init(role: .pimpinan, stage: .final))
        #expect(pimpinan.contains(.readSignedLHE) && !pimpinan.contains(.writeFollowUp))
    }

    @Test("overdue the day after its due day, unless the recommendation is closed")
    func overdue() {
        let due = DocumentDate(iso: "2025-03-31")!
        #expect(!FollowUp.overdue(due: due, today: DocumentDate(iso: "2025-03-31")!, status: .inProgress))
        #expect(FollowUp.overdue(due: due, today: DocumentDate(iso: "2025-04-01")!, status: .inProgress))
        #expect(FollowUp.overdue(due: due, today: DocumentDate(iso: "2026-01-01")!, status: .open))
        #expect(!FollowUp.overdue(due: due, today: DocumentDate(iso: "2025-04-01")!, status: .compliant))
        #expect(!FollowUp.overdue(due: due, today: DocumentDate(iso: "2025-04-01")!, status: .impossible))
    }
}

@Suite("Follow-up in the framework")
struct FollowUpRuleTests {
    @Test("4.c.2 reads the rate in the seed's bands: above 90 a, above 75 b, above 40 c, above 10 d, else e")
    func bands() throws {
        let framework = BundledFrameworks.default
        let rule = try #require(framework.criterion("4.c.2")?.followUp)
        let at = { (text: String) in rule.suggestion(rate: ExactDecimal(parsing: text)!) }
        #expect(at("100") == "a" && at("90.01") == "a" && at("90") == "b")
        #expect(at("75.01") == "b" && at("75") == "c" && at("40.01") == "c" && at("40") == "d")
        #expect(at("10.01") == "d" && at("10") == "e" && at("0") == "e")
        // 4.c.1 only shows the follow-up: no wording to suggest from.
        let shown = try #require(framework.criterion("4.c.1")?.followUp)
        #expect(shown.suggestion(rate: ExactDecimal(100)) == nil)
        #expect(framework.criterion("4.c.3")?.followUp == nil)
    }

    @Test("a follow-up rule with codes the answer type lacks, or thresholds that climb, is refused")
    func refused() {
        func errors(_ rule: String, otherwise: String = "e") -> [String] {
            let yaml = BundledFrameworks.defaultYAML
                .replacingOccurrences(of: "above: {a: 90, b: 75, c: 40, d: 10}", with: "above: \(rule)")
                .replacingOccurrences(of: "otherwise: e", with: "otherwise: \(otherwise)")
            do {
                _ = try FrameworkLoader.load(yaml: yaml, source: "uji.yaml")
                return []
            } catch {
                return error.problems.map(\.message)
            }
        }
        #expect(errors("{a: 90, b: 75, c: 40, d: 10}").isEmpty)
        #expect(errors("{a: 90, x: 75}").contains { $0.contains("\"x\" bukan pilihan") })
        #expect(errors("{a: 50, b: 75}").contains { $0.contains("ambang harus menurun") })
        #expect(errors("{a: 90}", otherwise: "z").contains { $0.contains("\"z\" bukan pilihan") })
    }
}

@Suite("Who signs the Bupati's letter")
struct RegionSignerTests {
    @Test("the head signs as BUPATI X; someone acting as Pt./Plh./Plt. BUPATI X over their own office (seed 002)")
    func titles() {
        let head = HeadOfRegion(government: "Kabupaten Purbalingga")
        #expect(RegionSigner(kind: .head, name: "DYAH HAYUNING PRATIWI").title(head) == ["BUPATI PURBALINGGA"])
        #expect(
            RegionSigner(kind: .pt, name: "SUDONO, S.T., M.T.", position: "Wakil Bupati").title(head)
                == ["Pt. BUPATI PURBALINGGA", "Wakil Bupati"])
        #expect(
            RegionSigner(kind: .plt, name: "X", position: "Sekretaris Daerah").title(
                HeadOfRegion(government: "Kota Palembang"))
                == ["Plt. WALI KOTA PALEMBANG", "Sekretaris Daerah"])
        #expect(RegionSigner(kind: .pt, name: "SUDONO", position: " ").refusal != nil)
        #expect(RegionSigner(kind: .head, name: " ").refusal != nil)
        #expect(RegionSigner(kind: .plh, name: "A", position: "Sekretaris Daerah").refusal == nil)
    }
}
