import Testing

@testable import TelaahCore

@Suite("Calibration across PD and the review tiers' rights")
struct CalibrationTests {
    func d(_ text: String) -> ExactDecimal { ExactDecimal(parsing: text)! }

    @Test("a PD more than a predikat band from the others of its cluster is an outlier; the border is not")
    func outliers() {
        let s = Calibration.standings([
            ("a", "Dinas", d("60")), ("b", "Dinas", d("62")), ("c", "Dinas", d("64")), ("d", "Dinas", d("80")),
            ("k1", "Kecamatan", d("50")), ("k2", "Kecamatan", d("70")),
        ])
        #expect(s["d"]?.othersMean == d("62"))
        #expect(s["d"]?.deviation == d("18"))
        #expect(s["d"]?.outlier == true)
        #expect(s["a"]?.othersMean == d("68.67"))
        #expect(s["a"]?.outlier == false)
        #expect(s["k1"] == nil)  // two PD give no measure
        let border = Calibration.standings([("x", nil, d("70")), ("y", nil, d("60")), ("z", nil, d("60"))])
        #expect(border["x"]?.deviation == d("10"))
        #expect(border["x"]?.outlier == false)
        let beyond = Calibration.standings([("x", nil, d("70.01")), ("y", nil, d("60")), ("z", nil, d("60"))])
        #expect(beyond["x"]?.outlier == true)
    }

    @Test("each review tier's controller may change a grade at that tier only, and never in a closed period")
    func reviseAtTier() {
        func p(_ team: Set<AccessRules.TeamRole>, _ stage: AccessRules.Stage, open: Bool = true)
            -> AccessRules.Permissions
        {
            AccessRules.permissions(.init(role: .auditor, teamRoles: team, stage: stage, periodOpen: open))
        }
        #expect(p([.pengendaliTeknis], .technicalReview).contains(.reviseGrades))
        #expect(!p([.pengendaliMutu], .technicalReview).contains(.reviseGrades))
        #expect(p([.pengendaliMutu], .panel).contains(.reviseGrades))
        #expect(p([.pengendaliTeknis], .panel).contains(.reviseGrades))
        #expect(p([.pengendaliMutu], .qualityReview).contains(.reviseGrades))
        #expect(!p([.pengendaliMutu], .confirmation).contains(.reviseGrades))
        #expect(!p([.ketuaTim], .panel).contains(.reviseGrades))
        #expect(!p([.pengendaliMutu], .panel, open: false).contains(.reviseGrades))
        #expect(AccessRules.revisionProblem(justification: "  ") != nil)
        #expect(AccessRules.revisionProblem(justification: "Disamakan dengan PD sekelas") == nil)
        #expect(AccessRules.seesPanel(.auditor, periodTeamRoles: [.pengendaliTeknis]))
        #expect(!AccessRules.seesPanel(.auditor, periodTeamRoles: [.ketuaTim, .anggotaTim]))
        #expect(AccessRules.seesPanel(.inspektur, periodTeamRoles: []))
        #expect(!AccessRules.seesPanel(.pimpinan, periodTeamRoles: []))
    }
}
