import Testing

@testable import TelaahCore

/// The evaluation cycle of seed 001 (§III–§V): every stage, who moves it, what must hold first.
@Suite("The evaluation cycle")
struct CycleTests {
    typealias Stage = Cycle.Stage
    static let ketua = Cycle.Actor(role: .auditor, teamRoles: [.ketuaTim])
    static let anggota = Cycle.Actor(role: .auditor, teamRoles: [.anggotaTim])
    static let teknis = Cycle.Actor(role: .auditor, teamRoles: [.pengendaliTeknis])
    static let mutu = Cycle.Actor(role: .auditor, teamRoles: [.pengendaliMutu])
    static let operatorOwn = Cycle.Actor(role: .operator, ownUnit: true)
    static let operatorOther = Cycle.Actor(role: .operator, ownUnit: false)
    static let inspektur = Cycle.Actor(role: .inspektur)
    static let admin = Cycle.Actor(role: .admin)
    static let pimpinan = Cycle.Actor(role: .pimpinan)
    static let everyone = [ketua, anggota, teknis, mutu, operatorOwn, operatorOther, inspektur, admin, pimpinan]

    @Test("one PD from preparation to final and reopened: every stage in the seed's order")
    func wholeCycle() throws {
        var stage = Stage.preparation
        var moves: [Cycle.Move] = []
        func go(_ action: Cycle.Action, _ actor: Cycle.Actor, reason: String? = nil) throws {
            let move = try Cycle.move(action, from: stage, by: actor, reason: reason)
            moves.append(move)
            stage = move.to
        }
        try go(.startSelfAssessment, Self.ketua)
        try go(.submitSelfAssessment, Self.operatorOwn)
        try go(.submitDraft, Self.ketua)
        #expect(stage == .technicalReview)
        try go(.returnToTeam, Self.teknis, reason: "Kondisi 2.b belum didukung bukti")
        #expect(stage == .evaluation)
        try go(.submitDraft, Self.ketua)
        try go(.approve, Self.teknis)
        #expect(stage == .panel)
        try go(.approve, Self.mutu)
        #expect(stage == .qualityReview)
        try go(.approve, Self.mutu)
        #expect(stage == .confirmation)
        try go(.respond, Self.operatorOwn)
        try go(.submitForSigning, Self.ketua)
        #expect(stage == .signing)
        try go(.sign, Self.inspektur)
        #expect(stage == .final)
        try go(.reopen, Self.inspektur, reason: "Salah ketik nilai 3.a")
        #expect(stage == .evaluation)

        #expect(moves.filter(\.releasesToUnit).map(\.to) == [.confirmation])
        #expect(moves.filter(\.seals).map(\.action) == [.sign])
        #expect(moves.filter(\.startsRevision).map(\.from) == [.final])
        #expect(moves[3].reason == "Kondisi 2.b belum didukung bukti")
        #expect(moves.filter { $0.reason != nil }.count == 2)
    }

    @Test("tiers are skipped only where the period's settings say so")
    func skippedTiers() throws {
        let noPanel = Cycle.Settings(skipPanel: true)
        #expect(
            try Cycle.move(.approve, from: .technicalReview, by: Self.teknis, settings: noPanel).to == .qualityReview)
        let onlyQuality = Cycle.Settings(skipTechnicalReview: true, skipPanel: true)
        #expect(
            try Cycle.move(.submitDraft, from: .evaluation, by: Self.ketua, settings: onlyQuality).to == .qualityReview)
        let none = Cycle.Settings(skipTechnicalReview: true, skipPanel: true, skipQualityReview: true)
        let direct = try Cycle.move(.submitDraft, from: .evaluation, by: Self.ketua, settings: none)
        #expect(direct.to == .confirmation)
        #expect(direct.releasesToUnit)
        // Nothing is skipped by default.
        #expect(try Cycle.move(.submitDraft, from: .evaluation, by: Self.ketua).to == .technicalReview)
    }

    @Test("who may move each stage: the Ketua Tim, not an anggota; each tier its own controller; the PD its own")
    func whoMoves() {
        #expect(throws: Cycle.Refusal.notYours(.submitDraft, .evaluation)) {
            try Cycle.move(.submitDraft, from: .evaluation, by: Self.anggota)
        }
        #expect(throws: Cycle.Refusal.notYours(.approve, .qualityReview)) {
            try Cycle.move(.approve, from: .qualityReview, by: Self.teknis)
        }
        #expect(throws: Cycle.Refusal.notYours(.submitSelfAssessment, .selfAssessment)) {
            try Cycle.move(.submitSelfAssessment, from: .selfAssessment, by: Self.operatorOther)
        }
        #expect(throws: Cycle.Refusal.notYours(.sign, .signing)) {
            try Cycle.move(.sign, from: .signing, by: Self.admin)
        }
        #expect(throws: Cycle.Refusal.notYours(.reopen, .final)) {
            try Cycle.move(.reopen, from: .final, by: Self.ketua, reason: "x")
        }
        // The surat tugas may name a Penanggung Jawab other than the Inspektur.
        let named = Cycle.Actor(role: .auditor, teamRoles: [.penanggungJawab])
        #expect((try? Cycle.move(.sign, from: .signing, by: named))?.to == .final)
        // An operator's role in a team counts for nothing: team roles are the Inspektorat's.
        let odd = Cycle.Actor(role: .operator, teamRoles: [.ketuaTim], ownUnit: true)
        #expect(throws: Cycle.Refusal.notYours(.submitDraft, .evaluation)) {
            try Cycle.move(.submitDraft, from: .evaluation, by: odd)
        }
    }

    @Test(
        "a move asked from a stage the PD has left is refused: the Mutu's stale panel page cannot approve quality review"
    )
    func stale() throws {
        // The panel approved by the Teknis: the Mutu's page still shows the panel.
        #expect(throws: Cycle.Refusal.moved(from: .panel, now: .qualityReview)) {
            try Cycle.move(.approve, from: .qualityReview, basedOn: .panel, by: Self.mutu)
        }
        #expect(try Cycle.move(.approve, from: .panel, basedOn: .panel, by: Self.mutu).to == .qualityReview)
        #expect(Cycle.Refusal.moved(from: .panel, now: .qualityReview).description.contains("Reviu pengendali mutu"))
    }

    @Test("an action outside its stage is refused, whoever asks")
    func outsideItsStage() {
        for stage in Stage.allCases {
            for action in Cycle.Action.allCases {
                for actor in Self.everyone {
                    guard let move = try? Cycle.move(action, from: stage, by: actor, reason: "alasan") else { continue }
                    #expect(Cycle.actions(at: stage, for: actor).contains(action), "\(action) at \(stage)")
                    #expect(move.from == stage)
                }
            }
        }
        #expect(throws: Cycle.Refusal.notAtStage(.sign, .evaluation)) {
            try Cycle.move(.sign, from: .evaluation, by: Self.inspektur)
        }
        #expect(throws: Cycle.Refusal.notAtStage(.submitSelfAssessment, .evaluation)) {
            try Cycle.move(.submitSelfAssessment, from: .evaluation, by: Self.operatorOwn)
        }
    }

    @Test("a return and a reopen need a reason; blank is none")
    func reasons() {
        for reason in [nil, "", "   \n"] {
            #expect(throws: Cycle.Refusal.reasonRequired(.returnToTeam)) {
                try Cycle.move(.returnToTeam, from: .panel, by: Self.mutu, reason: reason)
            }
            #expect(throws: Cycle.Refusal.reasonRequired(.reopen)) {
                try Cycle.move(.reopen, from: .final, by: Self.inspektur, reason: reason)
            }
            #expect(throws: Cycle.Refusal.reasonRequired(.returnToUnit)) {
                try Cycle.move(.returnToUnit, from: .evaluation, by: Self.ketua, reason: reason)
            }
        }
        #expect(
            (try? Cycle.move(.returnToUnit, from: .evaluation, by: Self.ketua, reason: "  Lengkapi 1.a  "))?.reason
                == "Lengkapi 1.a")
        // An approval keeps no reason, even when one is sent.
        #expect((try? Cycle.move(.approve, from: .panel, by: Self.mutu, reason: "ok"))?.reason == nil)
    }

    @Test("what must be true first, with the message the user reads")
    func conditions() {
        #expect(throws: Cycle.Refusal.self) {
            try Cycle.move(
                .submitSelfAssessment, from: .selfAssessment, by: Self.operatorOwn,
                conditions: .init(selfAssessmentComplete: false))
        }
        let notGraded = Cycle.Conditions(evaluationComplete: false)
        do {
            _ = try Cycle.move(.submitDraft, from: .evaluation, by: Self.ketua, conditions: notGraded)
            Issue.record("an incomplete evaluation was submitted")
        } catch {
            #expect(error.description.contains("setiap sub-komponen harus bernilai"))
        }
        #expect(throws: Cycle.Refusal.self) {
            try Cycle.move(.submitDraft, from: .evaluation, by: Self.ketua, conditions: .init(draftComplete: false))
        }
        #expect(throws: Cycle.Refusal.self) {
            try Cycle.move(
                .respond, from: .confirmation, by: Self.operatorOwn, conditions: .init(findingsAnswered: false))
        }
        #expect(throws: Cycle.Refusal.self) {
            try Cycle.move(.startSelfAssessment, from: .preparation, by: Self.ketua, conditions: .init(assigned: false))
        }
        // The refusal for who comes before the one for what: an operator learns nothing of the draft.
        #expect(throws: Cycle.Refusal.notYours(.submitDraft, .evaluation)) {
            try Cycle.move(.submitDraft, from: .evaluation, by: Self.operatorOwn, conditions: notGraded)
        }
    }

    @Test("no dead end: from every stage someone can move on, and final is reached from each")
    func noDeadEnds() {
        for settings in [
            Cycle.Settings(), Cycle.Settings(skipPanel: true),
            Cycle.Settings(skipTechnicalReview: true, skipPanel: true, skipQualityReview: true),
        ] {
            for start in Stage.allCases where start != .final {
                var reached: Set<Stage> = [start]
                var frontier = [start]
                while let stage = frontier.popLast() {
                    for actor in Self.everyone {
                        for action in Cycle.actions(at: stage, for: actor, settings: settings) {
                            let to = (try? Cycle.move(action, from: stage, by: actor, reason: "r", settings: settings))?
                                .to
                            if let to, reached.insert(to).inserted { frontier.append(to) }
                        }
                    }
                }
                #expect(reached.contains(.final), "\(start) with \(settings)")
                for skipped in Stage.reviews where settings.skips(skipped) && skipped != start {
                    #expect(!reached.contains(skipped), "\(skipped) is skipped")
                }
            }
        }
    }

    @Test("whose turn: the waiting lists")
    func turns() {
        #expect(Cycle.isTurn(of: Self.operatorOwn, at: .selfAssessment))
        #expect(!Cycle.isTurn(of: Self.ketua, at: .selfAssessment))
        #expect(Cycle.isTurn(of: Self.teknis, at: .technicalReview))
        #expect(!Cycle.isTurn(of: Self.mutu, at: .technicalReview))
        #expect(Cycle.isTurn(of: Self.inspektur, at: .signing))
        // A final LHE is no one's turn; reopening is not work waiting.
        #expect(Self.everyone.allSatisfy { !Cycle.isTurn(of: $0, at: .final) })
        #expect(Cycle.actions(at: .final, for: Self.inspektur) == [.reopen])
        // The evaluation is the whole team's work, though only the Ketua Tim moves it on.
        #expect(Cycle.isTurn(of: Self.anggota, at: .evaluation))
        #expect(Cycle.actions(at: .evaluation, for: Self.anggota).isEmpty)
        #expect(!Cycle.isTurn(of: Self.teknis, at: .evaluation))
        #expect(Cycle.actions(at: .preparation, for: Self.admin) == [.startSelfAssessment])
        #expect(Stage.allCases.allSatisfy { !Cycle.isTurn(of: Self.admin, at: $0) })
    }

    @Test("every stage between the self-assessment and the signature works towards one due date")
    func deadlines() {
        #expect(Cycle.Deadline.of(.preparation) == nil)
        #expect(Cycle.Deadline.of(.final) == nil)
        #expect(Stage.reviews.allSatisfy { Cycle.Deadline.of($0) == .review })
        #expect(Cycle.Deadline.of(.responded) == .confirmation)
        let covered = Set(Stage.allCases.compactMap(Cycle.Deadline.of))
        #expect(covered == Set(Cycle.Deadline.allCases))
    }

    @Test("the stage decides who writes and who reads: AccessRules reads the cycle")
    func permissionsByStage() {
        func p(
            _ role: AccessRules.AccountRole, _ team: Set<AccessRules.TeamRole> = [], own: Bool = false, at stage: Stage
        )
            -> AccessRules.Permissions
        {
            AccessRules.permissions(.init(role: role, ownUnit: own, teamRoles: team, stage: stage))
        }
        for stage in Stage.allCases {
            let op = p(.operator, own: true, at: stage)
            #expect(op.contains(.writeSelfAssessment) == [.preparation, .selfAssessment].contains(stage), "\(stage)")
            #expect(op.contains(.readResult) == stage.showsResultToUnit, "\(stage)")
            #expect(op.contains(.readLHE) == (stage == .final), "\(stage)")
            for member in [AccessRules.TeamRole.ketuaTim, .anggotaTim] {
                let team = p(.auditor, [member], at: stage)
                #expect(team.contains(.writeEvaluation) == [.evaluation, .responded].contains(stage), "\(stage)")
                #expect(team.contains(.readSelfAssessment), "the team reads the PD's own answers")
            }
            for reviewer in [AccessRules.TeamRole.pengendaliTeknis, .pengendaliMutu, .penanggungJawab] {
                // Reviewers read; at their own tier they also decide grades; once signed they verify
                // the follow-up.
                let atTier = AccessRules.reviewers(at: stage).contains(reviewer)
                var expected = atTier ? AccessRules.Permissions.readAll.union(.reviseGrades) : .readAll
                if stage == .final { expected.insert(.verifyFollowUp) }
                #expect(p(.auditor, [reviewer], at: stage) == expected, "\(reviewer) at \(stage)")
            }
            // The follow-up: the PD writes its own once its LHE is signed; the Ketua Tim verifies,
            // the Anggota Tim does not.
            #expect(op.contains(.writeFollowUp) == (stage == .final), "\(stage)")
            #expect(p(.auditor, [.ketuaTim], at: stage).contains(.verifyFollowUp) == (stage == .final))
            #expect(!p(.auditor, [.anggotaTim], at: stage).contains(.verifyFollowUp))
            #expect(p(.admin, at: stage).contains(.verifyFollowUp) == (stage == .final))
            #expect(
                p(.pimpinan, at: stage)
                    == (stage == .final ? [.readResult, .readLHE, .readSignedLHE, .signFollowUpLetter] : []))
            #expect(p(.operator, own: false, at: stage).isEmpty)
        }
    }
}
