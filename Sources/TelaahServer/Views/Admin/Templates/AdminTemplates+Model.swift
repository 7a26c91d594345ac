/// The Inspektorat's own wording of its documents (`/admin/naskah`): one form per kind, the YAML
/// of the wording in use, kept only when it still makes the document.
enum AdminTemplatesPage {
    struct Model {
        var frame: Frame
        /// Each kind as the API gives it (`GET /api/v1/admin/templates`).
        var kinds: [TemplateController.TemplateBody]
    }
}
