import Vapor

/// A URL of Telaah with its parameters (`/periode/:period/pd/:unit`): the one definition that the
/// routes, the links and redirects, the CSRF check and the API document all read.
struct URLPattern: Sendable, Hashable, CustomStringConvertible {
    /// The path's segments; a parameter starts with `:`.
    let segments: [String]
    /// The names of the parameters, in order.
    let parameters: [String]

    init(_ pattern: String) {
        self.init(segments: pattern.split(separator: "/").map(String.init))
    }

    private init(segments: [String]) {
        self.segments = segments
        parameters = segments.filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }

    /// This URL with `more` segments after it.
    func appending(_ more: String...) -> URLPattern { URLPattern(segments: segments + more) }

    var description: String { "/" + segments.joined(separator: "/") }

    /// For registering the route.
    var pathComponents: [PathComponent] { segments.map { PathComponent(stringLiteral: $0) } }

    /// The path with `values` in place of the parameters, in order (a link, a redirect).
    func path(_ values: any CustomStringConvertible...) -> String {
        precondition(values.count == parameters.count, "\(self) takes \(parameters.count) values")
        var next = 0
        var path = ""
        for segment in segments {
            path += "/"
            if segment.hasPrefix(":") {
                path += (values[next] as? UUID)?.text ?? values[next].description
                next += 1
            } else {
                path += segment
            }
        }
        return path.isEmpty ? "/" : path
    }

    /// The path as the OpenAPI document writes it (`/api/v1/periods/{period}`).
    var openAPIPath: String {
        "/" + segments.map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0 }.joined(separator: "/")
    }

    /// Whether `path` (without a query) is this URL.
    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == segments.count
            && zip(parts, segments).allSatisfy { $1.hasPrefix(":") || $0 == $1 }
    }
}

/// Every URL of Telaah. Pages speak Indonesian; the JSON API lives under `/api/v1` and is described
/// by `/openapi.json`.
enum Site {
    static let home = URLPattern("/")
    static let signIn = URLPattern("/masuk")
    static let signOut = URLPattern("/keluar")
    static let periods = URLPattern("/periode")
    static let period = URLPattern("/periode/:period")
    static let panel = URLPattern("/periode/:period/panel")
    /// The follow-up of the period's signed LHE, every PD the account reads: a list with filters.
    static let periodFollowUp = URLPattern("/periode/:period/tindak-lanjut")
    static let lke = URLPattern("/periode/:period/pd/:unit")
    static let history = URLPattern("/periode/:period/pd/:unit/riwayat")
    static let preEvaluation = URLPattern("/periode/:period/pd/:unit/pra-evaluasi")
    static let draft = URLPattern("/periode/:period/pd/:unit/rancangan-lhe")
    static let review = URLPattern("/periode/:period/pd/:unit/reviu")
    /// The follow-up of a PD's signed LHE: recommendations, rencana aksi, realisasi, verification.
    static let followUp = URLPattern("/periode/:period/pd/:unit/tindak-lanjut")
    static let admin = URLPattern("/admin")
    static let adminPeriods = URLPattern("/admin/periode")
    static let adminTeams = URLPattern("/admin/periode/:period/tim")
    static let adminUnits = URLPattern("/admin/pd")
    static let adminTemplates = URLPattern("/admin/naskah")
    static let adminUsers = URLPattern("/admin/pengguna")
    /// A framework version's texts (criteria, guidance, wordings), the same for every PD: served
    /// once per version and kept by the browser.
    static let frameworkTexts = URLPattern("/kerangka/:version/teks.js")
    static let healthz = URLPattern("/healthz")
    static let metrics = URLPattern("/metrics")
    static let openAPI = URLPattern("/openapi.json")
    static let stylesheet = URLPattern("/telaah.css")
    static let script = URLPattern("/telaah.js")

    /// The JSON API.
    enum API {
        static let session = URLPattern("/api/v1/session")
        static let me = URLPattern("/api/v1/me")
        static let periods = URLPattern("/api/v1/periods")
        static let period = URLPattern("/api/v1/periods/:period")
        static let framework = URLPattern("/api/v1/periods/:period/framework")
        /// The Inspektur's recommendations beyond the four components, for the Laporan Kompilasi.
        static let generalRecommendations = URLPattern("/api/v1/periods/:period/general-recommendations")
        static let unit = URLPattern("/api/v1/periods/:period/units/:unit")
        static let answer = URLPattern("/api/v1/periods/:period/units/:unit/answers/:criterion")
        /// The PD's answers taken as the team's, for a sub-component or the whole LKE.
        static let answersFromUnit = URLPattern("/api/v1/periods/:period/units/:unit/answers-from-unit")
        static let grade = URLPattern("/api/v1/periods/:period/units/:unit/grades/:subcomponent")
        static let history = URLPattern("/api/v1/periods/:period/units/:unit/history")
        /// A PD's evaluation cycle: its stage, the moves the account may make, its events.
        static let cycle = URLPattern("/api/v1/periods/:period/units/:unit/cycle")
        /// The reviewers' comments on the draft, in threads.
        static let comments = URLPattern("/api/v1/periods/:period/units/:unit/comments")
        static let commentResolve = URLPattern("/api/v1/periods/:period/units/:unit/comments/:comment/resolve")
        /// The rancangan LHE: the kondisi of each component.
        static let conditions = URLPattern("/api/v1/periods/:period/units/:unit/conditions")
        static let condition = URLPattern("/api/v1/periods/:period/units/:unit/conditions/:component")
        /// A PD's pra-evaluasi profile.
        static let preEvaluation = URLPattern("/api/v1/periods/:period/units/:unit/pre-evaluation")
        /// The findings of a PD's tentative result, the PD's tanggapan and the team's replies.
        static let responses = URLPattern("/api/v1/periods/:period/units/:unit/responses")
        static let response = URLPattern("/api/v1/periods/:period/units/:unit/responses/:subcomponent")
        /// "Setujui semua temuan": the PD agrees with every finding it has not answered.
        static let agreeAll = URLPattern("/api/v1/periods/:period/units/:unit/responses-agree-all")
        static let reply = URLPattern("/api/v1/periods/:period/units/:unit/responses/:subcomponent/reply")

        /// A PD's evidence (bukti dukung): the list and an upload (the file as the body), a link, one
        /// piece (its bytes; removal).
        static let evidence = URLPattern("/api/v1/periods/:period/units/:unit/evidence")
        static let evidenceLinks = URLPattern("/api/v1/periods/:period/units/:unit/evidence/links")
        static let evidenceItem = URLPattern("/api/v1/periods/:period/units/:unit/evidence/:evidence")

        /// A PD's follow-up: all of it; the rencana aksi's actions (one removed), its moves
        /// (submit, return, accept) and its signer; what was done for an action; a verdict.
        static let followUp = URLPattern("/api/v1/periods/:period/units/:unit/follow-up")
        static let followUpActions = URLPattern("/api/v1/periods/:period/units/:unit/follow-up/actions")
        static let followUpAction = URLPattern("/api/v1/periods/:period/units/:unit/follow-up/actions/:action")
        static let followUpReports = URLPattern("/api/v1/periods/:period/units/:unit/follow-up/actions/:action/reports")
        static let followUpPlan = URLPattern("/api/v1/periods/:period/units/:unit/follow-up/plan")
        static let followUpHead = URLPattern("/api/v1/periods/:period/units/:unit/follow-up/head")
        /// The Bupati's letter: prepared by the Inspektorat, signed by the pimpinan.
        static let followUpLetter = URLPattern("/api/v1/periods/:period/units/:unit/follow-up/letter")
        static let followUpLetterSign = URLPattern("/api/v1/periods/:period/units/:unit/follow-up/letter/sign")
        static let followUpVerdict = URLPattern(
            "/api/v1/periods/:period/units/:unit/follow-up/recommendations/:recommendation")

        /// One PD's documents (`lhe.docx`, …) and a period's.
        static func unitDocument(_ file: String) -> URLPattern { unit.appending("documents", file) }
        static func periodDocument(_ file: String) -> URLPattern { period.appending("documents", file) }

        /// What the Admin Inspektorat manages.
        enum Admin {
            static let government = URLPattern("/api/v1/admin/government")
            static let logo = URLPattern("/api/v1/admin/government/logo")
            static let templates = URLPattern("/api/v1/admin/templates")
            static let template = URLPattern("/api/v1/admin/templates/:name")
            static let clusters = URLPattern("/api/v1/admin/clusters")
            static let units = URLPattern("/api/v1/admin/units")
            static let unit = URLPattern("/api/v1/admin/units/:unit")
            static let unitsImport = URLPattern("/api/v1/admin/units/import")
            static let users = URLPattern("/api/v1/admin/users")
            static let user = URLPattern("/api/v1/admin/users/:user")
            static let frameworks = URLPattern("/api/v1/admin/frameworks")
            static let periods = URLPattern("/api/v1/admin/periods")
            static let period = URLPattern("/api/v1/admin/periods/:period")
            static let periodCycle = URLPattern("/api/v1/admin/periods/:period/cycle")
            static let teams = URLPattern("/api/v1/admin/periods/:period/teams")
            static let team = URLPattern("/api/v1/admin/teams/:team")
            static let members = URLPattern("/api/v1/admin/teams/:team/members")
            static let member = URLPattern("/api/v1/admin/teams/:team/members/:user")
            static let assignment = URLPattern("/api/v1/admin/periods/:period/assignments/:unit")
        }
    }
}

extension RoutesBuilder {
    /// Registers a page or plain route at `url`.
    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ url: URLPattern, use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.GET, url.pathComponents, use: handler)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ url: URLPattern, use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.POST, url.pathComponents, use: handler)
    }
}
