/// A PD's pra-evaluasi profile (`/periode/:period/pd/:unit/pra-evaluasi`): items a–l of seed 001,
/// a form for the PD's operator while the self-assessment is theirs, read by its team.
enum PreEvaluationPage {
    struct Model {
        var frame: Frame
        var unit: String
        var back: String
        var api: String
        var profile: PreEvaluationController.PreEvaluationBody
    }
}
