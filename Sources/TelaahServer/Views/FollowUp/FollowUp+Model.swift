import Foundation

/// The follow-up of a PD's signed LHE (`/periode/:period/pd/:unit/tindak-lanjut`): each
/// recommendation with its planned actions, what was done and the Inspektorat's verification;
/// forms for the PD while the plan is its own or accepted, and for the Inspektorat.
enum FollowUpPage {
    struct Model {
        var frame: Frame
        var unit: String
        var back: String
        var periodID: String
        var unitID: String
        var state: FollowUpController.FollowUpBody
        var actionsURL: String
        var planURL: String
        var headURL: String
        var letterURL: String
        var letterSignURL: String
        var actionPlanDocument: String
        /// An action's address (its removal), its reports', and a recommendation's (its verdict).
        var actionURL: (UUID) -> String
        var reportsURL: (UUID) -> String
        var verdictURL: (UUID) -> String
    }
}
