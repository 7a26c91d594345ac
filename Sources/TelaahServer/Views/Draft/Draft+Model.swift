/// The rancangan LHE of a PD (`/periode/:period/pd/:unit/rancangan-lhe`): the kondisi of each
/// component, written by the Ketua Tim, read by the team, the reviewers and the Inspektorat.
enum DraftPage {
    struct Model {
        var frame: Frame
        var unit: String
        var back: String
        var periodID: String
        var unitID: String
        var draft: DraftController.DraftBody
    }
}
