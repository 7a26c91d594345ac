/// The Inspektorat's own wording of its documents (`/admin/naskah`): one form per kind, the YAML
/// of the wording in use, kept only when it still makes the document.
enum AdminTemplatesPage {
    struct Kind {
        var name: String
        var title: String
        var custom: Bool
        var yaml: String
        var version: Int
    }

    struct Model {
        var frame: Frame
        var kinds: [Kind]
    }
}
