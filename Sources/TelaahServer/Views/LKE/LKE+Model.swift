import TelaahCore

/// The LKE page of one PD (`/periode/:period/pd/:unit`): every sub-component with its criteria, the
/// actor's answers and grades, the suggested grade and scores from the core, and the result. The
/// framework's long texts (guidance, the a–e wordings, the grade tables), the same for every PD,
/// come once per framework version from `/kerangka/:version/teks.js` and are put in place by the
/// page's script; the page itself carries what differs per PD.
enum LKEPage {
    struct Criterion {
        var id: String
        var text: String
        var selected: String?
        var notApplicable: String?
        var note: String
        var version: Int
        var answered: Bool
        /// The PD's own answer, shown to the team beside its own.
        var unit: UnitAnswer?
    }

    /// The PD's self-assessment of one criterion, as the team sees it.
    struct UnitAnswer {
        /// The code, `__na` when marked not applicable, nil when unanswered.
        var code: String?
        var notApplicable: String?
        var note: String
        /// Both answered, differently.
        var differs: Bool
    }

    struct Subcomponent {
        var id: String
        var title: String
        var aspect: String?
        var weight: String
        var criteria: [Criterion]
        var grade: String?
        var justification: String
        var note: String
        var evidence: String
        var recommendation: String
        var version: Int
        var answered: String
        var fulfilment: String
        var suggested: String
        var shownGrade: String
        var score: String
        var deviates: Bool
        /// Whether it kept full fulfilment in earlier periods (the condition of A and AA).
        var held: String
        /// How many of its criteria "Salin semua jawaban PD" would take (`StartingPoint`).
        var copyable = 0
    }

    struct Component {
        var id: String
        var title: String
        var weight: String
        var score: String
        var subcomponents: [Subcomponent]
    }

    /// The total and predikat as the result box shows them.
    struct Result: Hashable, Sendable {
        var total: String
        var predikat: String
        var predikatName: String
        var missing: [String]
        var missingMore: Int
        var problems: [String]
    }

    struct Model {
        var frame: Frame
        var periodID: String
        var periodName: String
        var unitID: String
        var unitName: String
        var actor: String
        var actorTitle: String
        var editable: Bool
        var canSeeHistory: Bool
        /// The LHE is signed: its follow-up page is open to whoever reads the signed letter.
        var followUp: Bool = false
        /// The PD's own answers and its pra-evaluasi profile.
        var canReadSelfAssessment: Bool
        var canReadLHE: Bool
        /// Not signed yet: the LHE downloaded is a KONSEP.
        var lheDraft: Bool
        /// The signed revisions of the LHE, newest first.
        var signedLetters: [SignedLetter]
        var canReadEvaluation: Bool
        /// The framework's texts, cached by the browser per framework version.
        var texts: String
        var result: Result
        var cycle: CycleBox
        /// The findings and the tanggapan, from the confirmation on.
        var findings: ResponseController.ResponsesBody?
        /// Last year's recommendations and how they were followed up, shown at the criteria that
        /// draw on them (4.c.1, 4.c.2); nil in a PD's first year.
        var priorFollowUp: PriorFollowUp? = nil
    }

    /// The follow-up of the PD's latest earlier LHE, as the criteria marked `follow_up` read it.
    struct PriorFollowUp {
        var year: Int
        /// `3 dari 5 rekomendasi sesuai, tingkat tindak lanjut 60,00%`.
        var summary: String
        /// Each recommendation by its sub-component (a person reads no register code).
        var items: [(subcomponent: String, text: String, status: String, closed: Bool)]
        /// The criteria it is shown at, with the answer the rate suggests for each (if any).
        var criteria: [(id: String, suggestion: String?)]
        var link: String
        /// Still open from the years before that one: they carry on until verified.
        var carried: [(subcomponent: String, text: String, status: String)] = []
    }

    /// One signed revision of the LHE, as stored.
    struct SignedLetter {
        var revision: Int
        var number: String
        var date: String
        /// The revision signed after this one, which replaces it.
        var replacedBy: Int?
    }

    /// The PD's stage in the evaluation cycle, whose turn it is, and the moves the account may
    /// make now (`Cycle`); the moves so far are fetched when asked for.
    struct CycleBox {
        var stage: String
        /// The stage the page shows, sent with each move (a PD moved on since refuses it).
        var from: Cycle.Stage
        var owner: String
        var revision: Int
        var moves: [Cycle.Action]
        /// The cycle's API (`Site.API.cycle`).
        var url: String
    }

    /// What the criteria block shows for one state of the values: rendered once per state.
    struct Block: @unchecked Sendable {  // immutable once made
        var html: HTML
        var result: Result
    }
}
