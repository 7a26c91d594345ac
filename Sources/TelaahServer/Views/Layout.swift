import TelaahCore
import Vapor

/// What every page's frame shows: the title, who is signed in, the CSRF token the page's scripts
/// send, the link to Administrasi for the admin, and the period the page is about.
struct Frame: Hashable, Sendable {
    var title: String
    var user: String?
    var role: String?
    /// The session's CSRF token; empty for a visitor who has not signed in (no session row).
    var csrf: String
    var isAdmin: Bool
    /// The period the page is about, shown on the link that switches periods.
    var period: String?
    /// The account's government ("Kabupaten Banyuasin"), in the header and the browser's title.
    var government: String?

    init(_ req: Request, title: String, period: String? = nil) {
        let user = req.auth.get(SignedIn.self)
        self.title = title
        self.user = user?.displayName
        self.role = user.map { Self.roleTitle($0.role) }
        self.csrf = user == nil ? "" : req.session.csrfToken()
        self.isAdmin = user.map { AccessRules.mayAdminister($0.role) } ?? false
        self.period = period
        self.government = user.flatMap { $0.governmentName.isEmpty ? nil : $0.governmentName }
    }

    static func roleTitle(_ role: AccessRules.AccountRole) -> String {
        switch role {
        case .admin: "Admin Inspektorat"
        case .inspektur: "Inspektur"
        case .auditor: "Auditor Inspektorat"
        case .operator: "Operator PD"
        case .pimpinan: "Pimpinan"
        }
    }
}

/// A choice in a `<select>`.
struct Choice: Hashable, Sendable {
    var value: String
    var label: String
    var selected: Bool = false
}

enum Layout {
    /// A whole page: the frame around `body`. `capacity`: the page's expected size in bytes (a
    /// page that outgrows its buffer is copied to a larger one).
    static func page(
        _ frame: Frame, scripts: [String] = [], capacity: Int = 16 << 10, _ body: (inout HTML) -> Void
    ) -> HTML {
        var html = HTML(capacity: capacity)
        html.markup("<!doctype html>")
        html.el(.html, [Attribute("lang", "id")]) { html in
            html.el(.head) { head in
                head.void(.meta, [Attribute("charset", "utf-8")])
                head.void(.meta, [.name("viewport"), .content("width=device-width, initial-scale=1")])
                head.void(.meta, [.name("csrf-token"), .content(frame.csrf)])
                head.el(.title, text: "\(frame.title) · \(frame.government.map { "\($0) · " } ?? "")Telaah")
                head.void(.link, [.rel("stylesheet"), .href(Site.stylesheet.path())])
            }
            html.el(.body) { page in
                page.el(.header, [.class("top")]) { top in
                    top.el(.a, [.class("brand"), .href(Site.home.path())], text: "Telaah")
                    top.el(.span, [.class("tagline")], text: "Evaluasi AKIP")
                    if let government = frame.government {
                        top.el(.span, [.class("government")], text: government)
                    }
                    guard let user = frame.user else { return }
                    top.el(.nav) { nav in
                        nav.el(
                            .a,
                            [.href(Site.periods.path()), .class("period-switch"), .title("Ganti periode evaluasi")],
                            text: (frame.period ?? "Periode") + " ▾")
                        if frame.isAdmin { nav.el(.a, [.href(Site.admin.path())], text: "Administrasi") }
                        nav.el(.span, [.class("who")], text: "\(user) · \(frame.role ?? "")")
                        nav.el(.form, [.method("post"), .action(Site.signOut.path()), .class("inline")]) { form in
                            form.void(.input, [.type("hidden"), .name("csrf"), .value(frame.csrf)])
                            form.el(.button, [.class("link")], text: "Keluar")
                        }
                    }
                }
                page.el(.main) { main in body(&main) }
                for script in scripts { page.el(.script, [.src(script)]) }
                page.el(.script, [.src(Site.script.path())])
            }
        }
        return html
    }

    /// A `<select>` of `choices`.
    static func select(_ html: inout HTML, _ attributes: [Attribute], _ choices: [Choice]) {
        html.el(.select, attributes) { select in
            for c in choices { select.el(.option, [.value(c.value), .selected(c.selected)], text: c.label) }
        }
    }

    /// A labelled input.
    static func field(
        _ html: inout HTML, _ label: String, _ attributes: [Attribute], hint: String? = nil
    ) {
        html.el(.label) { l in
            l.text(label)
            l.void(.input, attributes)
            if let hint, !hint.isEmpty { l.el(.small, [.class("muted")], text: hint) }
        }
    }
}

/// A finished page as a response.
struct HTMLPage: AsyncResponseEncodable {
    var html: HTML
    var status: HTTPStatus = .ok
    var headers = HTTPHeaders()

    init(_ html: HTML, status: HTTPStatus = .ok) {
        self.html = html
        self.status = status
    }

    func encodeResponse(for request: Request) async throws -> Response {
        var headers = self.headers
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(buffer: ByteBuffer(bytes: html.bytes)))
    }
}
