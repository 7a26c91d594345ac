import Fluent
import TelaahCore
import Vapor

/// The pages. Each is a plain context struct, a query that fills it, and a Leaf template that
/// renders it; writes go through the JSON API (small scripts in `Public/telaah.js`), so pages
/// and API share one code path.
struct Pages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("periode", use: periodsPage)
        routes.get("masuk", use: loginPage)
        routes.post("masuk", use: login)
        routes.post("keluar", use: logout)
        routes.get("periode", ":period", use: periodPage)
        routes.get("periode", ":period", "pd", ":unit", use: lkePage)
        routes.get("periode", ":period", "pd", ":unit", "riwayat", use: historyPage)
    }

    /// What every page's frame needs.
    struct Frame: Encodable, Hashable {
        var title: String
        var user: String?
        var role: String?
        /// The session's CSRF token; empty for a visitor who has not signed in (no session row).
        var csrf: String
        var isAdmin: Bool
        var homeLink: String
        /// The period the page is about, shown beside the link to switch periods.
        var period: String?
    }

    static func frame(_ req: Request, title: String, period: String? = nil) -> Frame {
        let user = req.auth.get(SignedIn.self)
        return Frame(
            title: title, user: user?.displayName, role: user.map { Self.roleTitle($0.role) },
            csrf: user == nil ? "" : req.session.csrfToken(),
            isAdmin: user.map { AccessRules.mayAdminister($0.role) } ?? false, homeLink: "/", period: period)
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

    // MARK: Sign in

    struct LoginContext: Encodable {
        var frame: Frame
        var error: String?
        var username: String
        var next: String
        /// The form's own CSRF token (`SignInForm`).
        var token: String
        /// The governments to choose from, where the database serves more than one.
        var governments: [AdminPages.Option]
        /// How to set up a first government, where there is none yet.
        var setupHint: Bool
    }

    func loginPage(req: Request) async throws -> Response {
        let next = Self.safeNext(req.query[String.self, at: "lanjut"])
        return try await renderLogin(req, error: nil, username: "", government: nil, next: next, status: .ok)
    }

    /// The sign-in page with a fresh form token (its cookie set on the response).
    func renderLogin(
        _ req: Request, error: String?, username: String, government: String?, next: String, status: HTTPStatus
    ) async throws -> Response {
        let governments = try await Government.query(on: req.db).sort(\.$name).all()
        let (token, cookie) = SignInForm.token(secure: req.application.telaahConfig.secureCookies)
        let context = LoginContext(
            frame: Self.frame(req, title: "Masuk"), error: error, username: username, next: next, token: token,
            governments: governments.count > 1
                ? governments.map { .init(value: $0.code, label: $0.name, selected: $0.code == government) } : [],
            setupHint: governments.isEmpty)
        let response = try await req.view.render("login", context).encodeResponse(for: req)
        response.status = status
        response.cookies[SignInForm.cookie] = cookie
        return response
    }

    struct LoginForm: Content {
        var username: String
        var password: String
        var government: String?
        var lanjut: String?
    }

    func login(req: Request) async throws -> Response {
        let form = try req.decode(LoginForm.self)
        let next = Self.safeNext(form.lanjut)
        do {
            _ = try await SignIn.signIn(
                req, .init(username: form.username, password: form.password, government: form.government))
            return req.redirect(to: next)
        } catch let abort as any AbortError
            where [.unauthorized, .tooManyRequests, .unprocessableEntity, .serviceUnavailable].contains(abort.status)
        {
            return try await renderLogin(
                req, error: abort.reason, username: form.username, government: form.government, next: next,
                status: abort.status)
        }
    }

    /// Only a path of this site, never another: no scheme-relative `//`, no backslash, and no
    /// character a browser drops or rewrites before reading a URL (tabs, newlines, spaces,
    /// controls), which could turn `/\t/evil.example` into `//evil.example`.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.utf8.count <= 2048,
            next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" })
        else { return "/" }
        return next
    }

    func logout(req: Request) async throws -> Response {
        try await SignIn.signOut(req)
        return req.redirect(to: "/masuk")
    }

    /// The period the account last opened, else the newest open one, else the newest.
    func home(req: Request) async throws -> Response {
        let user = try req.signedIn()
        let periods = try await Period.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$evaluationYear, .descending).all()
        let chosen = req.session.data[Self.periodKey].flatMap(UUID.init(uuidString:))
        if let period = periods.first(where: { $0.id == chosen }) ?? periods.first(where: { $0.status == .open })
            ?? periods.first
        {
            return req.redirect(to: "/periode/\(try period.requireID())")
        }
        // No period yet: the admin opens one; everyone else reads that there is none.
        return req.redirect(to: AccessRules.mayAdminister(user.role) ? "/admin/periode" : "/periode")
    }

    /// The session's key for the period last opened (the home page returns to it).
    static let periodKey = "periode"

    // MARK: Switching periods

    struct PeriodsContext: Encodable {
        struct Row: Encodable {
            var link: String
            var name: String
            var years: String
            var status: String
            var current: Bool
        }
        var frame: Frame
        var periods: [Row]
    }

    /// Every period of the government, to switch between them: the 2024 work stays one click
    /// away after a new period opens.
    func periodsPage(req: Request) async throws -> View {
        let user = try req.signedIn()
        let periods = try await Period.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$evaluationYear, .descending).all()
        let chosen = req.session.data[Self.periodKey]
        let context = PeriodsContext(
            frame: Self.frame(req, title: "Periode evaluasi"),
            periods: periods.map {
                PeriodsContext.Row(
                    link: "/periode/\($0.id!)", name: $0.name,
                    years: "evaluasi \($0.evaluationYear), kinerja \($0.performanceYear)",
                    status: $0.status == .open ? "berjalan" : "ditutup", current: $0.id?.uuidString == chosen)
            })
        return try await req.view.render("periods", context)
    }

    // MARK: Period overview

    struct PeriodContext: Encodable {
        struct Row: Encodable {
            var link: String?
            var name: String
            var cluster: String
            var stage: String
            var progress: String
            var percent: Int
            var total: String
            var predikat: String
        }
        struct SummaryRow: Encodable {
            var name: String
            var units: String
            var means: [String]
            var predikat: String
        }
        var frame: Frame
        var period: String
        var periodID: String
        var years: String
        /// The regency's own regulation on the evaluation (its settings), not the framework's.
        var legalBasis: String
        var framework: String
        var rows: [Row]
        var columns: [String]
        var summary: [SummaryRow]
        var counts: [String]
        var complete: String
        /// The period's documents (Admin and Inspektur), else empty.
        var downloads: String
    }

    func periodPage(req: Request) async throws -> View {
        let user = try req.signedIn()
        let period = try await req.period(req.parameters.get("period"), for: user)
        let o = try await PeriodOverview.load(period: period, user: user, req: req)
        let periodID = try period.requireID()
        // The home page comes back here (a session write only when the period changes).
        if req.session.data[Self.periodKey] != periodID.uuidString {
            req.session.data[Self.periodKey] = periodID.uuidString
        }
        let government = try await Government.find(user.governmentID, on: req.db)
        let rows = o.rows.map { row in
            let done = row.answered
            return PeriodContext.Row(
                link: row.permissions.contains(.readUnit) ? "/periode/\(periodID)/pd/\(row.unitID)" : nil,
                name: row.name, cluster: row.cluster ?? "—", stage: Self.stageTitle(row.stage),
                progress: "\(done)/\(row.criteria) kriteria, \(row.graded)/\(row.subcomponents) sub-komponen",
                percent: row.subcomponents == 0 ? 0 : row.graded * 100 / row.subcomponents,
                total: row.result?.total?.indonesian() ?? "—", predikat: row.result?.predikat?.code ?? "—")
        }
        var summary: [PeriodContext.SummaryRow] = []
        var counts: [String] = []
        if let c = o.summary {
            for group in [c.overall] + c.clusters {
                summary.append(
                    .init(
                        name: group.name, units: "\(group.units) PD", means: group.means.map { $0.indonesian() },
                        predikat: group.predikat.last.flatMap { $0 } ?? "—"))
            }
            if let m = c.meanOfClusterMeans {
                summary.append(
                    .init(
                        name: m.name, units: "\(m.units) klaster", means: m.means.map { $0.indonesian() },
                        predikat: m.predikat.last.flatMap { $0 } ?? "—"))
            }
            counts = c.overall.counts.map { "\($0.code): \($0.count)" }
        }
        let context = PeriodContext(
            frame: Self.frame(req, title: period.name, period: period.name), period: period.name,
            periodID: periodID.uuidString,
            years: "Evaluasi tahun \(period.evaluationYear) atas kinerja tahun \(period.performanceYear)"
                + (period.status == .closed ? " · periode ditutup: hanya dapat dibaca" : ""),
            legalBasis: government?.legalBasis.flatMap { $0.isEmpty ? nil : $0 }
                ?? "Peraturan Menteri PANRB Nomor 88 Tahun 2021 (peraturan daerah tentang evaluasi belum diisi di Pengaturan)",
            framework: "Kerangka LKE: \(o.framework.id) versi \(o.framework.version)", rows: rows,
            columns: o.framework.components.map(\.title) + ["Total"], summary: summary, counts: counts,
            complete: "\(o.completeCount) dari \(o.rows.count) Perangkat Daerah sudah lengkap dinilai",
            downloads: AccessRules.seesWholePeriod(try req.signedIn().role)
                ? "/api/v1/periods/\(try period.requireID())/documents" : "")
        return try await req.view.render("period", context)
    }

    static func stageTitle(_ stage: AccessRules.Stage) -> String {
        switch stage {
        case .selfAssessment: "Penilaian mandiri"
        case .evaluation: "Evaluasi"
        case .review: "Reviu"
        case .final: "Final"
        }
    }

    // MARK: The LKE page

    func lkePage(req: Request) async throws -> Response {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), stamps: true)
        let (context, criteria, state) = try await LKEPage.load(access, req: req)
        let key = LKEPage.Rendered(page: context, state: state)
        var headers = HTTPHeaders()
        headers.contentType = .html
        if let body = req.application.lkePages[key] {
            return Response(status: .ok, headers: headers, body: .init(buffer: body))
        }
        // 2026-11-23: the template renders the page around a marker and the cached criteria block
        // (already rendered and escaped by `lke-components.leaf`) is copied in at the marker:
        // passing 140 KB through Leaf's context and serializer was a sixth of the page's time.
        var page = try await req.view.render("lke", context).data
        var body = ByteBufferAllocator().buffer(capacity: page.readableBytes + criteria.utf8.count)
        // A plain byte loop: the generic `firstRange(of:)` over the buffer was 7 % of the page's CPU.
        let marker = Array(LKEPage.marker.utf8)
        let found: Int? = page.withUnsafeReadableBytes { raw in
            guard raw.count >= marker.count else { return nil }
            for i in 0...(raw.count - marker.count)
            where raw[i] == marker[0] && raw[i..<(i + marker.count)].elementsEqual(marker) {
                return i
            }
            return nil
        }
        if let start = found {
            var prefix = page.getSlice(at: page.readerIndex, length: start)!
            body.writeBuffer(&prefix)
            body.writeString(criteria)
            page.moveReaderIndex(forwardBy: start + LKEPage.marker.utf8.count)
        }
        body.writeBuffer(&page)
        req.application.lkePages.keep(body, for: key)
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }

    // MARK: History

    struct HistoryContext: Encodable {
        struct Entry: Encodable {
            var seq: String
            var at: String
            var user: String
            var action: String
            var what: String
            var before: String
            var after: String
        }
        var frame: Frame
        var unit: String
        var back: String
        var entries: [Entry]
    }

    func historyPage(req: Request) async throws -> View {
        let access = try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"))
        try access.require(.readHistory)
        let ids = access.assessment.flatMap(\.id).map { [$0.uuidString] } ?? []
        let entries = try await AuditLog.history(on: req.db, objectType: "assessment", objectIDs: ids)
        let context = HistoryContext(
            frame: Self.frame(req, title: "Riwayat \(access.unit.name)", period: access.period.name),
            unit: access.unit.name,
            back: "/periode/\(try access.period.requireID())/pd/\(try access.unit.requireID())",
            entries: entries.reversed().map { e in
                HistoryContext.Entry(
                    seq: String(e.seq), at: Self.displayTime(e.at), user: e.username ?? "—",
                    action: ["create": "membuat", "update": "mengubah", "delete": "menghapus"][e.action] ?? e.action,
                    what: Self.describe(e.after ?? e.before), before: e.before ?? "—", after: e.after ?? "—")
            })
        return try await req.view.render("history", context)
    }

    /// `2024-10-16T03:04:05.000Z` → `16 Oktober 2024 03.04 UTC`.
    static func displayTime(_ iso: String) -> String {
        let parts = iso.split(whereSeparator: { "-T:.Z".contains($0) }).compactMap { Int($0) }
        guard parts.count >= 5, let date = IndonesianDate.format(year: parts[0], month: parts[1], day: parts[2]) else {
            return iso
        }
        return date + String(format: " %02d.%02d UTC", parts[3], parts[4])
    }

    static func describe(_ json: String?) -> String {
        guard let json, let value = try? JSONValue.parse(json) else { return "" }
        if let criterion = value["criterion"]?.stringValue { return "kriteria \(criterion)" }
        if let sub = value["subcomponent"]?.stringValue { return "sub-komponen \(sub)" }
        return ""
    }
}
