/// Paths that more than one place of the server names (routes, the CSRF check, redirects).
enum Paths {
    /// The sign-in page, and its form's target.
    static let signInPage = "/masuk"
    /// Signing in through the JSON API.
    static let signInAPI = "/api/v1/session"
}
