/// The review of a PD's draft (`/periode/:period/pd/:unit/reviu`): per sub-component the team's
/// grade against the criteria's suggestion, the changes since the PD entered its stage, and the
/// reviewers' comments in threads the team answers and resolves.
enum ReviewPage {
    struct Sub {
        var id: String
        var title: String
        var grade: String
        var suggested: String
        var deviates: Bool
        var justification: String
        /// The tier that decided the grade, when one did.
        var tier: String?
        /// Changes of this sub-component's values since the stage began, in words.
        var changes: [String]
        var threads: [CommentController.ThreadBody]
    }

    struct Model {
        var frame: Frame
        var unit: String
        var back: String
        var stage: String
        var since: String
        var commentsURL: String
        var periodID: String
        var unitID: String
        var subs: [Sub]
        var openThreads: Int
        var mayComment: Bool
        var mayResolve: Bool
    }
}
