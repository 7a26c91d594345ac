/// Who may do what on which Perangkat Daerah. The server gathers the facts (the account's
/// role, its team roles for this PD in this period, whether it is the operator's own PD, the
/// assessment's stage) and asks here; no route decides on its own. See `docs/access.md`.
public enum AccessRules {
    /// The standing of an account.
    public enum AccountRole: String, CaseIterable, Codable, Sendable {
        /// Admin Inspektorat: periods, PD, clusters, users, teams, frameworks; reads everything.
        case admin
        /// The Inspektur (Penanggung Jawab): reads everything; signs and reopens (later).
        case inspektur
        /// Inspektorat staff: what their teams are assigned.
        case auditor
        /// Operator PD: only their own PD.
        case `operator`
        /// Bupati, Sekda: final results.
        case pimpinan
    }

    /// A role in an evaluation team (surat tugas).
    public enum TeamRole: String, CaseIterable, Codable, Sendable {
        case penanggungJawab = "penanggung_jawab"
        case pengendaliMutu = "pengendali_mutu"
        case pengendaliTeknis = "pengendali_teknis"
        case ketuaTim = "ketua_tim"
        case anggotaTim = "anggota_tim"

        /// The Indonesian name, as in a surat tugas.
        public var title: String {
            switch self {
            case .penanggungJawab: "Penanggung Jawab"
            case .pengendaliMutu: "Pengendali Mutu"
            case .pengendaliTeknis: "Pengendali Teknis"
            case .ketuaTim: "Ketua Tim"
            case .anggotaTim: "Anggota Tim"
            }
        }
    }

    /// Where an assessment stands: a stage of the evaluation cycle (`Cycle`).
    public typealias Stage = Cycle.Stage

    public struct Facts: Sendable, Equatable {
        public var role: AccountRole
        /// The operator's own PD.
        public var ownUnit: Bool
        /// The account's roles in the teams assigned to this PD in this period.
        public var teamRoles: Set<TeamRole>
        /// The evaluators' values have been released to the PD.
        public var released: Bool
        public var stage: Stage
        /// The PD is active; a deactivated PD is kept for the record, read by the Admin and the
        /// Inspektur only, and changed by no one.
        public var unitActive: Bool
        /// The period is open; a closed period is read as before and changed by no one.
        public var periodOpen: Bool
        /// An LHE of this PD was signed before the revision now in progress (it was reopened).
        public var signedBefore: Bool

        public init(
            role: AccountRole, ownUnit: Bool = false, teamRoles: Set<TeamRole> = [], released: Bool = false,
            stage: Stage = .evaluation, unitActive: Bool = true, periodOpen: Bool = true, signedBefore: Bool = false
        ) {
            self.role = role
            self.ownUnit = ownUnit
            self.teamRoles = teamRoles
            self.released = released
            self.stage = stage
            self.unitActive = unitActive
            self.periodOpen = periodOpen
            self.signedBefore = signedBefore
        }
    }

    public struct Permissions: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// See the PD in lists and open its LKE (criteria, guidance).
        public static let readUnit = Permissions(rawValue: 1 << 0)
        public static let readSelfAssessment = Permissions(rawValue: 1 << 1)
        public static let writeSelfAssessment = Permissions(rawValue: 1 << 2)
        public static let readEvaluation = Permissions(rawValue: 1 << 3)
        public static let writeEvaluation = Permissions(rawValue: 1 << 4)
        /// The total and predikat.
        public static let readResult = Permissions(rawValue: 1 << 5)
        /// The audit history of its records.
        public static let readHistory = Permissions(rawValue: 1 << 6)
        /// The LHE (confidential, "Sifat: Rahasia"): the Inspektorat's people on this PD; the PD
        /// and the Bupati once it is signed.
        public static let readLHE = Permissions(rawValue: 1 << 7)
        /// Change a sub-component's grade at a review tier, with the reason (the tier's decision):
        /// the tier's controller while the PD is at that tier.
        public static let reviseGrades = Permissions(rawValue: 1 << 8)
        /// An LHE revision already signed, as stored: the Inspektorat's people, and the PD that
        /// received it, also while a later revision is being made.
        public static let readSignedLHE = Permissions(rawValue: 1 << 9)
        /// The PD's follow-up of its signed LHE: the rencana aksi and what it did (realisasi).
        /// Also after its period is closed: follow-up runs into the next year.
        public static let writeFollowUp = Permissions(rawValue: 1 << 10)
        /// Accept or return the rencana aksi, verify each recommendation: the Admin, the Inspektur,
        /// and the Ketua Tim and controllers of the PD's team.
        public static let verifyFollowUp = Permissions(rawValue: 1 << 11)
        /// Sign the head of the region's follow-up letter once the Inspektorat prepared it: the
        /// pimpinan.
        public static let signFollowUpLetter = Permissions(rawValue: 1 << 12)

        public static let readAll: Permissions = [
            .readUnit, .readSelfAssessment, .readEvaluation, .readResult, .readHistory, .readLHE, .readSignedLHE,
        ]
    }

    /// What an account may do on one PD.
    public static func permissions(_ f: Facts) -> Permissions {
        guard f.unitActive else { return f.role == .admin || f.role == .inspektur ? .readAll : [] }
        let granted = permissionsWhileActive(f)
        return f.periodOpen ? granted : granted.subtracting([.writeSelfAssessment, .writeEvaluation, .reviseGrades])
    }

    private static func permissionsWhileActive(_ f: Facts) -> Permissions {
        switch f.role {
        case .admin, .inspektur:
            return f.stage == .final ? Permissions.readAll.union(.verifyFollowUp) : .readAll
        case .auditor:
            let evaluators: Set<TeamRole> = [.ketuaTim, .anggotaTim]
            let supervisors: Set<TeamRole> = [.penanggungJawab, .pengendaliMutu, .pengendaliTeknis]
            guard !f.teamRoles.isDisjoint(with: evaluators.union(supervisors)) else { return [] }
            var p = Permissions.readAll
            // The team writes while the evaluation is its turn: from the PD's submission to the
            // draft's, and again when it answers the PD's tanggapan.
            if !f.teamRoles.isDisjoint(with: evaluators), f.stage == .evaluation || f.stage == .responded {
                p.insert(.writeEvaluation)
            }
            if !f.teamRoles.isDisjoint(with: reviewers(at: f.stage)) { p.insert(.reviseGrades) }
            if f.stage == .final, !f.teamRoles.isDisjoint(with: supervisors.union([.ketuaTim])) {
                p.insert(.verifyFollowUp)
            }
            return p
        case .operator:
            guard f.ownUnit else { return [] }
            var p: Permissions = [.readUnit, .readSelfAssessment, .readSignedLHE]
            // The PD's answers lock once sent, until the Ketua Tim returns them.
            if !f.stage.selfAssessmentSubmitted { p.insert(.writeSelfAssessment) }
            if f.released || f.stage.showsResultToUnit { p.formUnion([.readEvaluation, .readResult]) }
            // The LHE itself only once signed.
            if f.stage == .final { p.formUnion([.readLHE, .writeFollowUp]) }
            return p
        case .pimpinan:
            // A reopened LHE's signed revisions stay the Bupati's to read while the next is made.
            if f.stage == .final { return [.readResult, .readLHE, .readSignedLHE, .signFollowUpLetter] }
            return f.signedBefore ? .readSignedLHE : []
        }
    }

    /// The controllers of a review tier: who approves it, returns it, and may change a grade there.
    public static func reviewers(at stage: Stage) -> Set<TeamRole> {
        switch stage {
        case .technicalReview: [.pengendaliTeknis]
        case .panel: [.pengendaliMutu, .pengendaliTeknis]
        case .qualityReview: [.pengendaliMutu]
        default: []
        }
    }

    /// Whether an account sees the panel's view over all PD of a period: who sees the whole
    /// period, and the Pengendali Mutu and Teknis of any team of the period (the panel).
    public static func seesPanel(_ role: AccountRole, periodTeamRoles: Set<TeamRole>) -> Bool {
        seesWholePeriod(role)
            || (role == .auditor && !periodTeamRoles.isDisjoint(with: [.pengendaliMutu, .pengendaliTeknis]))
    }

    /// Why a review tier's change of a grade is refused: it needs its reason.
    public static func revisionProblem(justification: String?) -> String? {
        (justification ?? "").trimmingWhitespace().isEmpty
            ? "Perubahan nilai pada tahap reviu memerlukan alasan (justifikasi)." : nil
    }

    /// Whose values a row holds.
    public enum ValueActor: String, CaseIterable, Codable, Sendable {
        /// The PD's self-assessment.
        case unit
        /// The evaluation team's.
        case evaluator
        // Later: each review tier's, the panel's, the final values.
    }

    /// The actors whose values an account with `p` may read, the PD's own first.
    public static func readableActors(_ p: Permissions) -> [ValueActor] {
        var actors: [ValueActor] = []
        if p.contains(.readSelfAssessment) { actors.append(.unit) }
        if p.contains(.readEvaluation) { actors.append(.evaluator) }
        return actors
    }

    /// The values an LKE page shows: the evaluators' where the account may read them, else the PD's.
    public static func shownActor(_ p: Permissions) -> ValueActor { p.contains(.readEvaluation) ? .evaluator : .unit }

    /// Whether an account with `p` may write `actor`'s values.
    public static func mayWrite(_ actor: ValueActor, _ p: Permissions) -> Bool {
        switch actor {
        case .unit: p.contains(.writeSelfAssessment)
        case .evaluator: p.contains(.writeEvaluation)
        }
    }

    /// Administration (periods, PD, users, teams, frameworks, settings).
    public static func mayAdminister(_ role: AccountRole) -> Bool { role == .admin }

    /// Whether an account sees the whole period: every PD's results and the period's documents.
    public static func seesWholePeriod(_ role: AccountRole) -> Bool { role == .admin || role == .inspektur }

    /// Whether an account writes a period's general recommendations (seed 000 E, F: beyond the
    /// four components), which the Laporan Kompilasi he signs gives the Bupati: the Inspektur's.
    public static func writesGeneralRecommendations(_ role: AccountRole) -> Bool { role == .inspektur }

    /// Whether an account sees the regency summary of a period (the means over complete PD): who
    /// sees the whole period, and the Bupati.
    public static func seesRegencySummary(_ role: AccountRole) -> Bool { seesWholePeriod(role) || role == .pimpinan }
}
