/// The sign-in page (`/masuk`).
enum SignInPage {
    struct Model {
        var frame: Frame
        var error: String?
        var username: String
        /// Where to go after signing in (a path of this site).
        var next: String
        /// The form's own CSRF token (`SignInForm`), matched against its cookie.
        var token: String
        /// The governments to choose from, where the database serves more than one.
        var governments: [Choice]
        /// No government exists yet: the page says how to run `telaah setup`.
        var setupHint: Bool
    }
}
