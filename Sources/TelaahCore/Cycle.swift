/// The evaluation cycle of one Perangkat Daerah in one period (seed 001, sections III–V): its
/// stages, who may move it from one to the next, what must be true first, and what each move
/// records. One pure state machine; the server gathers the facts, asks `move`, and stores what it
/// answers. `AccessRules` reads the stage. See `docs/cycle.md`.
public enum Cycle {
    /// Where one PD's evaluation stands.
    public enum Stage: String, CaseIterable, Codable, Sendable {
        /// The surat tugas is issued; the PD fills its pra-evaluasi profile.
        case preparation
        /// The PD answers the LKE itself (penilaian mandiri).
        case selfAssessment = "self_assessment"
        /// The team evaluates; the Ketua Tim writes the rancangan LHE.
        case evaluation
        /// The Pengendali Teknis reviews the draft (level 1).
        case technicalReview = "technical_review"
        /// The panel of all teams calibrates grades across PD (level 2).
        case panel
        /// The Pengendali Mutu reviews the draft.
        case qualityReview = "quality_review"
        /// The tentative result and findings are with the PD, for its agreement or tanggapan.
        case confirmation
        /// The PD has answered; the team answers back and adjusts.
        case responded
        /// The LHE waits for the Penanggung Jawab's signature.
        case signing
        /// Signed: the LHE is sealed; only the Inspektur reopens it.
        case final

        /// The stage's name in the interface.
        public var title: String {
            switch self {
            case .preparation: "Persiapan"
            case .selfAssessment: "Penilaian mandiri"
            case .evaluation: "Evaluasi oleh tim"
            case .technicalReview: "Reviu pengendali teknis"
            case .panel: "Panel"
            case .qualityReview: "Reviu pengendali mutu"
            case .confirmation: "Konfirmasi ke PD"
            case .responded: "Tanggapan PD diterima"
            case .signing: "Penandatanganan"
            case .final: "Final"
            }
        }

        /// The review tiers, in order.
        public static let reviews: [Stage] = [.technicalReview, .panel, .qualityReview]

        /// Whether the evaluators' result has been shown to the PD (the tentative result from
        /// confirmation on, the signed one once final).
        public var showsResultToUnit: Bool {
            switch self {
            case .confirmation, .responded, .signing, .final: true
            default: false
            }
        }

        /// Whether the PD's own answers are with the Inspektorat (sent, not returned).
        public var selfAssessmentSubmitted: Bool {
            self != .preparation && self != .selfAssessment
        }
    }

    /// A move of the cycle, as a button names it.
    public enum Action: String, CaseIterable, Codable, Sendable {
        /// Persiapan → penilaian mandiri: the team opens the LKE to the PD.
        case startSelfAssessment = "start_self_assessment"
        /// "Kirim ke Inspektorat": the PD's answers lock until returned.
        case submitSelfAssessment = "submit_self_assessment"
        /// The Ketua Tim returns the self-assessment to the PD, with a reason.
        case returnToUnit = "return_to_unit"
        /// The Ketua Tim submits the rancangan LHE for review.
        case submitDraft = "submit_draft"
        /// The current review tier (or the panel) approves.
        case approve
        /// A review tier, or the Penanggung Jawab before signing, returns the draft to the team.
        case returnToTeam = "return_to_team"
        /// The PD agrees with, or answers, the tentative findings.
        case respond
        /// The Ketua Tim, having answered the PD, sends the LHE for signature.
        case submitForSigning = "submit_for_signing"
        /// The Penanggung Jawab signs: the LHE is numbered and sealed.
        case sign
        /// The Inspektur reopens a signed LHE, with a reason: a new revision.
        case reopen

        /// The button's text.
        public var title: String {
            switch self {
            case .startSelfAssessment: "Mulai penilaian mandiri"
            case .submitSelfAssessment: "Kirim ke Inspektorat"
            case .returnToUnit: "Kembalikan ke PD"
            case .submitDraft: "Ajukan reviu"
            case .approve: "Setujui"
            case .returnToTeam: "Kembalikan ke tim"
            case .respond: "Kirim tanggapan"
            case .submitForSigning: "Ajukan penandatanganan"
            case .sign: "Tandatangani LHE"
            case .reopen: "Buka kembali"
            }
        }

        /// Whether the move needs a reason (a return, a reopen).
        public var needsReason: Bool { self == .returnToUnit || self == .returnToTeam || self == .reopen }
    }

    /// The period's choices: tiers that may be skipped where the seed allows it (a small
    /// Inspektorat where one person holds two roles). Nothing is skipped unless set here.
    public struct Settings: Sendable, Equatable, Codable {
        public var skipTechnicalReview: Bool
        public var skipPanel: Bool
        public var skipQualityReview: Bool

        public init(skipTechnicalReview: Bool = false, skipPanel: Bool = false, skipQualityReview: Bool = false) {
            self.skipTechnicalReview = skipTechnicalReview
            self.skipPanel = skipPanel
            self.skipQualityReview = skipQualityReview
        }

        public func skips(_ stage: Stage) -> Bool {
            switch stage {
            case .technicalReview: skipTechnicalReview
            case .panel: skipPanel
            case .qualityReview: skipQualityReview
            default: false
            }
        }

        /// The stage after `stage` on the way to the PD: the next review tier not skipped, else
        /// the confirmation with the PD.
        func next(after stage: Stage) -> Stage {
            let later =
                stage == .evaluation ? Stage.reviews[...] : Stage.reviews.drop(while: { $0 != stage }).dropFirst()
            return later.first { !skips($0) } ?? .confirmation
        }
    }

    /// Who asks to move the cycle.
    public struct Actor: Sendable, Equatable {
        public var role: AccessRules.AccountRole
        /// The account's roles in the teams assigned this PD in this period.
        public var teamRoles: Set<AccessRules.TeamRole>
        /// The operator's own PD.
        public var ownUnit: Bool

        public init(role: AccessRules.AccountRole, teamRoles: Set<AccessRules.TeamRole> = [], ownUnit: Bool = false) {
            self.role = role
            self.teamRoles = teamRoles
            self.ownUnit = ownUnit
        }

        var isOwnOperator: Bool { role == .operator && ownUnit }
        func holds(_ teamRole: AccessRules.TeamRole) -> Bool { role == .auditor && teamRoles.contains(teamRole) }
        /// The Penanggung Jawab: the Inspektur, or whoever the surat tugas names so.
        var isPenanggungJawab: Bool { role == .inspektur || holds(.penanggungJawab) }
    }

    /// What the server knows about the PD's work when a move is asked for.
    public struct Conditions: Sendable, Equatable {
        /// A team with a surat tugas is assigned the PD.
        public var assigned: Bool
        /// Every criterion of the PD's self-assessment is answered or marked not applicable.
        public var selfAssessmentComplete: Bool
        /// Every sub-component of the evaluators' values has a grade.
        public var evaluationComplete: Bool
        /// The rancangan LHE has its kondisi for every component.
        public var draftComplete: Bool
        /// The PD agreed with the tentative result or answered every finding.
        public var findingsAnswered: Bool
        /// The graded sub-components without a note or evidence (`Evidence.unsupported`).
        public var unsupported: [String]
        /// A result below A whose draft recommends nothing: the sub-components below their
        /// maximum (`LetterRules.missingRecommendations`).
        public var unrecommended: [String] = []

        public init(
            assigned: Bool = true, selfAssessmentComplete: Bool = true, evaluationComplete: Bool = true,
            draftComplete: Bool = true, findingsAnswered: Bool = true, unsupported: [String] = [],
            unrecommended: [String] = []
        ) {
            self.unrecommended = unrecommended
            self.assigned = assigned
            self.selfAssessmentComplete = selfAssessmentComplete
            self.evaluationComplete = evaluationComplete
            self.draftComplete = draftComplete
            self.findingsAnswered = findingsAnswered
            self.unsupported = unsupported
        }
    }

    /// A move the cycle allows, and what it records.
    public struct Move: Sendable, Equatable {
        public var action: Action
        public var from: Stage
        public var to: Stage
        /// The reason, for a return or a reopen.
        public var reason: String?
        /// The tentative result and findings go to the PD with this move.
        public var releasesToUnit: Bool
        /// The LHE is numbered, dated and sealed with this move.
        public var seals: Bool
        /// A signed LHE is reopened: the next revision begins.
        public var startsRevision: Bool
    }

    /// Why a move is refused, in the interface's words.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The action does not apply at this stage.
        case notAtStage(Action, Stage)
        /// The account may not make this move.
        case notYours(Action, Stage)
        case reasonRequired(Action)
        /// Something that must be true first is not.
        case notReady(String)
        /// The move was asked from a stage the PD has since left (a page out of date, or two
        /// reviewers at once): applying it would make it another stage's move.
        case moved(from: Stage, now: Stage)

        public var description: String {
            switch self {
            case .notAtStage(let action, let stage):
                "\"\(action.title)\" tidak berlaku pada tahap \(stage.title)."
            case .notYours(let action, let stage):
                "Anda tidak berwenang untuk \"\(action.title)\" pada tahap \(stage.title)."
            case .reasonRequired(let action): "\"\(action.title)\" memerlukan alasan."
            case .notReady(let what): what
            case .moved(let from, let now):
                "Tahap PD ini sudah berubah dari \(from.title) menjadi \(now.title): muat ulang halaman sebelum melangkah."
            }
        }
    }

    /// The move `action` from `stage` by `actor`, or why not. `basedOn` is the stage the asker saw:
    /// a move is applied only to the stage it was asked from, as every other write is to its version.
    public static func move(
        _ action: Action, from stage: Stage, basedOn: Stage? = nil, by actor: Actor, reason: String? = nil,
        settings: Settings = Settings(), conditions: Conditions = Conditions()
    ) throws(Refusal) -> Move {
        if let basedOn, basedOn != stage { throw .moved(from: basedOn, now: stage) }
        guard let to = target(action, from: stage, settings: settings) else { throw .notAtStage(action, stage) }
        guard mayMove(action, at: stage, actor) else { throw .notYours(action, stage) }
        let reason = reason.map { String($0.trimmingWhitespace()) }
        if action.needsReason, reason?.isEmpty ?? true { throw .reasonRequired(action) }
        if let missing = unmet(action, conditions) { throw .notReady(missing) }
        return Move(
            action: action, from: stage, to: to, reason: action.needsReason ? reason : nil,
            releasesToUnit: to == .confirmation && stage != .confirmation, seals: action == .sign,
            startsRevision: action == .reopen)
    }

    /// The moves `actor` may make at `stage`, conditions aside (the buttons a page shows).
    public static func actions(at stage: Stage, for actor: Actor, settings: Settings = Settings()) -> [Action] {
        Action.allCases.filter { target($0, from: stage, settings: settings) != nil && mayMove($0, at: stage, actor) }
    }

    /// Whose turn a stage is, in the interface's words (the waiting lists).
    public static func owner(of stage: Stage) -> String {
        switch stage {
        case .preparation: "Ketua Tim (membuka penilaian mandiri); Operator PD (profil pra-evaluasi)"
        case .selfAssessment: "Operator PD"
        case .evaluation: "Tim evaluasi"
        case .technicalReview: "Pengendali Teknis"
        case .panel: "Panel (Pengendali Mutu dan Teknis)"
        case .qualityReview: "Pengendali Mutu"
        case .confirmation: "Operator PD"
        case .responded: "Ketua Tim"
        case .signing: "Penanggung Jawab"
        case .final: "—"
        }
    }

    /// Whether `actor` is among those whose turn `stage` is: a move forward is theirs (a reopen is
    /// not a turn), or the stage is the evaluation and they are of the team (the anggota work on
    /// it though the Ketua Tim moves it on). The Admin may open a self-assessment in a team's
    /// stead, yet nothing waits for the Admin.
    public static func isTurn(of actor: Actor, at stage: Stage, settings: Settings = Settings()) -> Bool {
        if actor.role == .admin { return false }
        if stage == .evaluation, actor.holds(.anggotaTim) || actor.holds(.ketuaTim) { return true }
        return !actions(at: stage, for: actor, settings: settings).filter { $0 != .reopen }.isEmpty
    }

    /// A due date of the period, closing one part of the cycle (the period's settings).
    public enum Deadline: String, CaseIterable, Codable, Sendable {
        case selfAssessment = "self_assessment"
        case evaluation
        /// All review tiers, the panel among them.
        case review
        /// The confirmation with the PD and its tanggapan.
        case confirmation
        case signing

        public var title: String {
            switch self {
            case .selfAssessment: "Penilaian mandiri dikirim"
            case .evaluation: "Rancangan LHE diajukan"
            case .review: "Reviu dan panel selesai"
            case .confirmation: "Tanggapan PD dijawab"
            case .signing: "LHE ditandatangani"
            }
        }

        /// The due date a PD at `stage` works towards; nil before the self-assessment and once final.
        public static func of(_ stage: Stage) -> Deadline? {
            switch stage {
            case .preparation, .final: nil
            case .selfAssessment: .selfAssessment
            case .evaluation: .evaluation
            case .technicalReview, .panel, .qualityReview: .review
            case .confirmation, .responded: .confirmation
            case .signing: .signing
            }
        }
    }

    /// Whether `actor` may write the rancangan LHE (the kondisi of each component) now: the Ketua
    /// Tim, while the evaluation or the answer to the PD's tanggapan is the team's.
    public static func mayWriteDraft(_ actor: Actor, at stage: Stage) -> Bool {
        actor.holds(.ketuaTim) && (stage == .evaluation || stage == .responded)
    }

    /// Whether the rancangan LHE has a kondisi for every component (`components` their ids).
    public static func draftComplete(components: [String], conditions: [String: String]) -> Bool {
        components.allSatisfy { !(conditions[$0] ?? "").trimmingWhitespace().isEmpty }
    }

    /// Whether `actor` may comment on the draft now: anyone of the PD's teams (the reviewers open
    /// threads, the team answers) from the evaluation to the last review tier.
    public static func mayComment(_ actor: Actor, at stage: Stage) -> Bool {
        let open: Set<Stage> = [.evaluation, .technicalReview, .panel, .qualityReview]
        return open.contains(stage) && (actor.role == .inspektur || actor.role == .auditor && !actor.teamRoles.isEmpty)
    }

    /// Whether `actor` may mark a comment's thread resolved: the team that answers it.
    public static func mayResolve(_ actor: Actor) -> Bool { actor.holds(.ketuaTim) || actor.holds(.anggotaTim) }

    /// Whether `actor` may answer the tentative findings now: the PD's operator, during the
    /// confirmation (seed 001 §V: the PD's tanggapan).
    public static func mayRespond(_ actor: Actor, at stage: Stage) -> Bool {
        stage == .confirmation && actor.isOwnOperator
    }

    /// Whether `actor` may answer the PD's tanggapan now: the team, once the PD has sent them.
    public static func mayReply(_ actor: Actor, at stage: Stage) -> Bool {
        stage == .responded && (actor.holds(.ketuaTim) || actor.holds(.anggotaTim))
    }

    /// Whether the PD has answered every finding: agreed with it, or given its tanggapan (a
    /// disagreement needs its words). `findings` the sub-components with a finding; `responses`
    /// the PD's answer by sub-component (agree, text).
    public static func findingsAnswered(findings: [String], responses: [String: (agree: Bool, text: String?)]) -> Bool {
        findings.allSatisfy { id in
            guard let r = responses[id] else { return false }
            return r.agree || !(r.text ?? "").trimmingWhitespace().isEmpty
        }
    }

    /// The findings "Setujui semua temuan" agrees with: those the PD has not answered at all (a
    /// tanggapan it wrote, agreeing or not, is never replaced), in the findings' order.
    public static func agreeable(findings: [String], answered: Set<String>) -> [String] {
        findings.filter { !answered.contains($0) }
    }

    /// Why a tanggapan is refused: a disagreement without its words.
    public static func responseProblem(agree: Bool, text: String?) -> String? {
        !agree && (text ?? "").trimmingWhitespace().isEmpty
            ? "Tanggapan yang tidak setuju memerlukan penjelasan." : nil
    }

    /// Where `action` leads from `stage`; nil where it does not apply.
    private static func target(_ action: Action, from stage: Stage, settings: Settings) -> Stage? {
        switch (action, stage) {
        case (.startSelfAssessment, .preparation): .selfAssessment
        case (.submitSelfAssessment, .selfAssessment): .evaluation
        case (.returnToUnit, .evaluation): .selfAssessment
        case (.submitDraft, .evaluation): settings.next(after: .evaluation)
        case (.approve, .technicalReview), (.approve, .panel), (.approve, .qualityReview):
            settings.next(after: stage)
        case (.returnToTeam, .technicalReview), (.returnToTeam, .panel), (.returnToTeam, .qualityReview),
            (.returnToTeam, .signing):
            .evaluation
        case (.respond, .confirmation): .responded
        case (.submitForSigning, .responded): .signing
        case (.sign, .signing): .final
        case (.reopen, .final): .evaluation
        default: nil
        }
    }

    private static func mayMove(_ action: Action, at stage: Stage, _ actor: Actor) -> Bool {
        switch action {
        case .startSelfAssessment: actor.holds(.ketuaTim) || actor.role == .admin
        case .submitSelfAssessment, .respond: actor.isOwnOperator
        case .returnToUnit, .submitDraft, .submitForSigning: actor.holds(.ketuaTim)
        case .approve, .returnToTeam:
            stage == .signing
                ? actor.isPenanggungJawab : AccessRules.reviewers(at: stage).contains { actor.holds($0) }
        case .sign: actor.isPenanggungJawab
        case .reopen: actor.role == .inspektur
        }
    }

    private static func unmet(_ action: Action, _ c: Conditions) -> String? {
        switch action {
        case .startSelfAssessment where !c.assigned:
            "PD ini belum ditugaskan kepada tim yang surat tugasnya (nomor dan tanggal) sudah diisi."
        case .submitSelfAssessment where !c.selfAssessmentComplete:
            "Penilaian mandiri belum lengkap: jawab setiap kriteria (atau tandai tidak berlaku) sebelum dikirim."
        case .submitDraft where !c.evaluationComplete:
            "Penilaian tim belum lengkap: setiap sub-komponen harus bernilai sebelum diajukan."
        case .submitDraft where !c.draftComplete:
            "Rancangan LHE belum lengkap: tuliskan kondisi setiap komponen sebelum diajukan."
        case .submitDraft where !c.unsupported.isEmpty:
            "Setiap sub-komponen yang dinilai memerlukan catatan dan sedikitnya satu bukti dukung sebelum diajukan; belum: \(c.unsupported.joined(separator: ", "))."
        case .submitDraft where !c.unrecommended.isEmpty:
            "Nilai di bawah A: rancangan LHE memerlukan sedikitnya satu rekomendasi atas sub-komponen yang belum mencapai nilai maksimal, misalnya \(c.unrecommended.prefix(3).joined(separator: "; "))."
        case .respond where !c.findingsAnswered:
            "Setujui hasil sementara atau beri tanggapan atas setiap temuan sebelum dikirim."
        default: nil
        }
    }
}
