import Fluent
import TelaahCore
import Vapor

/// The Admin Inspektorat's pages: settings (`/admin`), periods and LKE frameworks
/// (`/admin/periode`), Perangkat Daerah and clusters (`/admin/pd`), users (`/admin/pengguna`),
/// and one period's teams and assignment (`/admin/periode/:period/tim`). Each page is a context
/// struct filled by one query function and rendered by its template; every form writes through
/// the JSON API under `/api/v1/admin` (see `Public/telaah.js`), so the rules live in one place.
struct AdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin")
        admin.get(use: settings)
        admin.get("periode", use: periods)
        admin.get("periode", ":period", "tim", use: teams)
        admin.get("pd", use: units)
        admin.get("pengguna", use: users)
    }

    /// A choice in a `<select>`.
    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    /// The tabs above every admin page.
    struct Tab: Encodable {
        var link: String
        var title: String
        var current: Bool
    }

    static func tabs(_ current: String) -> [Tab] {
        [
            ("/admin", "Pengaturan"), ("/admin/periode", "Periode dan kerangka LKE"),
            ("/admin/pd", "Perangkat Daerah"), ("/admin/pengguna", "Pengguna"),
        ].map { Tab(link: $0.0, title: $0.1, current: $0.0 == current) }
    }

    // MARK: Settings

    struct SettingsContext: Encodable {
        struct Field: Encodable {
            var name: String
            var label: String
            var value: String
            var hint: String
        }
        var frame: Pages.Frame
        var tabs: [Tab]
        var government: String
        var version: Int
        var fields: [Field]
        /// Texts of several lines (a textarea each).
        var longFields: [Field]
        var counts: [String]
        var hasLogo: Bool
    }

    func settings(req: Request) async throws -> View {
        let user = try req.requireAdmin()
        guard let g = try await Government.find(user.governmentID, on: req.db) else { throw Abort(.notFound) }
        let field = { (name: String, label: String, value: String?, hint: String) in
            SettingsContext.Field(name: name, label: label, value: value ?? "", hint: hint)
        }
        let units = try await Unit.query(on: req.db).filter(\.$government.$id == user.governmentID).count()
        let people = try await User.query(on: req.db).filter(\.$government.$id == user.governmentID).count()
        let periods = try await Period.query(on: req.db).filter(\.$government.$id == user.governmentID).count()
        let context = SettingsContext(
            frame: Pages.frame(req, title: "Administrasi"), tabs: Self.tabs("/admin"), government: g.name,
            version: g.version,
            fields: [
                field("name", "Nama pemerintah daerah", g.name, "Seperti pada kop surat, mis. Kabupaten Banyuasin."),
                field("province", "Provinsi", g.province, ""),
                field(
                    "city", "Tempat penandatanganan", g.city, "Kota tempat surat ditandatangani, mis. Pangkalan Balai."),
                field("inspektorat_name", "Nama Inspektorat", g.inspektoratName, ""),
                field("phone", "Telepon", g.phone, ""),
                field("email", "Surel", g.email, ""),
                field("website", "Laman", g.website, ""),
                field("inspektur_name", "Nama Inspektur", g.inspekturName, "Penanda tangan LHE."),
                field(
                    "inspektur_rank", "Pangkat/golongan Inspektur", g.inspekturRank, "Mis. Pembina Utama Muda (IV/c)."),
                field("inspektur_nip", "NIP Inspektur", g.inspekturNIP, ""),
                field(
                    "head_title", "Sebutan kepala daerah", HeadOfRegion(government: g.name, title: g.headTitle).title,
                    "Bupati, Wali Kota atau Gubernur."),
                field(
                    "head_name", "Nama Bupati/Wali Kota", g.headName,
                    "Penanda tangan surat tindak lanjut LHE."),
                field(
                    "lhe_number_pattern", "Pola Nomor LHE", g.lheNumberPattern,
                    "{seq} nomor urut, {year} tahun; mis. 700/{seq}/LHE-AKIP/INSPEKTORAT/{year}."),
            ],
            longFields: [
                field(
                    "legal_basis", "Dasar hukum evaluasi daerah", g.legalBasis,
                    "Peraturan Bupati/Wali Kota daerah ini tentang evaluasi AKIP, lengkap dengan judulnya; dikutip setiap LHE. Kosong: LHE hanya mengutip PermenPAN-RB 88/2021."
                ),
                field(
                    "address", "Alamat pada kop surat", g.address,
                    "Satu baris kop per baris; telepon ditambahkan di akhir."),
                field("tembusan_lhe", "Tembusan LHE", g.tembusanLHE, "Satu penerima per baris."),
                field(
                    "tembusan_kompilasi", "Tembusan Laporan Kompilasi", g.tembusanKompilasi,
                    "Mis. Menteri PANRB, Kepala Perwakilan BPKP, Inspektur Provinsi; satu per baris."),
                field(
                    "tembusan_tindak_lanjut", "Tembusan surat tindak lanjut LHE", g.tembusanTindakLanjut,
                    "Satu penerima per baris."),
            ],
            counts: ["\(units) Perangkat Daerah", "\(people) pengguna", "\(periods) periode evaluasi"],
            hasLogo: g.logoPNG != nil)
        return try await req.view.render("admin", context)
    }

    // MARK: Periods and frameworks

    struct PeriodsContext: Encodable {
        struct Row: Encodable {
            var id: String
            var name: String
            var years: String
            var framework: String
            var status: String
            var open: Bool
            var version: Int
        }
        struct FrameworkRow: Encodable {
            var name: String
            var title: String
            var sha: String
            var frozen: Bool
        }
        var frame: Pages.Frame
        var tabs: [Tab]
        var periods: [Row]
        var frameworks: [FrameworkRow]
        var frameworkOptions: [Option]
        /// The year the form proposes: this year's evaluation if it has no period yet, else the next.
        var nextYear: Int
        var maxYear: Int
    }

    /// The year after the newest period (this year when there is none), at most next year: the
    /// latest a period may open (`AccountRules.evaluationYearProblem`).
    static func proposedYear(taken: Set<Int>, currentYear: Int) -> Int {
        min((taken.max() ?? currentYear - 1) + 1, currentYear + 1)
    }

    func periods(req: Request) async throws -> View {
        let user = try req.requireAdmin()
        let currentYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        let frameworks = try await FrameworkVersion.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$createdAt, .descending).all()
        let periods = try await Period.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$evaluationYear, .descending).all()
        let names = Dictionary(
            uniqueKeysWithValues: frameworks.map { ($0.id!, "\($0.frameworkKey) versi \($0.frameworkVersion)") })
        let context = PeriodsContext(
            frame: Pages.frame(req, title: "Periode dan kerangka LKE"), tabs: Self.tabs("/admin/periode"),
            periods: periods.map {
                PeriodsContext.Row(
                    id: $0.id!.uuidString, name: $0.name,
                    years: "evaluasi \($0.evaluationYear), kinerja \($0.performanceYear)",
                    framework: names[$0.$frameworkVersion.id] ?? "—",
                    status: $0.status == .open ? "berjalan" : "ditutup", open: $0.status == .open, version: $0.version)
            },
            frameworks: frameworks.map {
                PeriodsContext.FrameworkRow(
                    name: "\($0.frameworkKey) versi \($0.frameworkVersion)", title: $0.title,
                    sha: String($0.sha256.prefix(12)), frozen: $0.frozen)
            },
            frameworkOptions: frameworks.enumerated().map {
                Option(
                    value: $0.element.id!.uuidString,
                    label: "\($0.element.title) (\($0.element.frameworkKey) versi \($0.element.frameworkVersion))",
                    selected: $0.offset == 0)
            },
            nextYear: Self.proposedYear(taken: Set(periods.map(\.evaluationYear)), currentYear: currentYear),
            maxYear: currentYear + 1)
        return try await req.view.render("admin-periods", context)
    }

    // MARK: Perangkat Daerah

    struct UnitsContext: Encodable {
        struct Row: Encodable {
            var id: String
            var name: String
            var cluster: String
            var active: Bool
            var version: Int
        }
        var frame: Pages.Frame
        var tabs: [Tab]
        var units: [Row]
        var clusters: [String]
    }

    func units(req: Request) async throws -> View {
        let user = try req.requireAdmin()
        let clusters = try await Cluster.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$position).all()
        let names = Dictionary(uniqueKeysWithValues: clusters.map { ($0.id!, $0.name) })
        let units = try await Unit.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$position).all()
        let context = UnitsContext(
            frame: Pages.frame(req, title: "Perangkat Daerah"), tabs: Self.tabs("/admin/pd"),
            units: units.map {
                UnitsContext.Row(
                    id: $0.id!.uuidString, name: $0.name, cluster: $0.$cluster.id.flatMap { names[$0] } ?? "",
                    active: $0.active, version: $0.version)
            },
            clusters: clusters.map(\.name))
        return try await req.view.render("admin-units", context)
    }

    // MARK: Users

    struct UsersContext: Encodable {
        struct Row: Encodable {
            var id: String
            var username: String
            var name: String
            var role: String
            var roleOptions: [Option]
            var unitOptions: [Option]
            var nip: String
            var rank: String
            var active: Bool
            var version: Int
        }
        var frame: Pages.Frame
        var tabs: [Tab]
        var users: [Row]
        var roleOptions: [Option]
        var unitOptions: [Option]
    }

    static func roleOptions(selected: AccessRules.AccountRole?) -> [Option] {
        AccessRules.AccountRole.allCases.map {
            Option(value: $0.rawValue, label: Pages.roleTitle($0), selected: $0 == selected)
        }
    }

    func users(req: Request) async throws -> View {
        let user = try req.requireAdmin()
        let units = try await Unit.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$position).all()
        let people = try await User.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$username).all()
        let unitOptions = { (selected: UUID?) in
            [Option(value: "", label: "— (bukan operator)", selected: selected == nil)]
                + units.map { Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id == selected) }
        }
        let context = UsersContext(
            frame: Pages.frame(req, title: "Pengguna"), tabs: Self.tabs("/admin/pengguna"),
            users: people.map {
                UsersContext.Row(
                    id: $0.id!.uuidString, username: $0.username, name: $0.displayName, role: Pages.roleTitle($0.role),
                    roleOptions: Self.roleOptions(selected: $0.role), unitOptions: unitOptions($0.$unit.id),
                    nip: $0.nip ?? "", rank: $0.rank ?? "", active: $0.active, version: $0.version)
            },
            roleOptions: Self.roleOptions(selected: .auditor), unitOptions: unitOptions(nil))
        return try await req.view.render("admin-users", context)
    }

    // MARK: Teams and assignment of one period

    struct TeamsContext: Encodable {
        struct Member: Encodable {
            var name: String
            var role: String
            var removeLink: String
        }
        struct TeamRow: Encodable {
            var id: String
            var name: String
            var members: [Member]
            var units: Int
        }
        struct Assignment: Encodable {
            var unit: String
            var cluster: String
            var link: String
            var options: [Option]
        }
        var frame: Pages.Frame
        var tabs: [Tab]
        var period: String
        var periodID: String
        var teams: [TeamRow]
        var staffOptions: [Option]
        var teamRoleOptions: [Option]
        var assignments: [Assignment]
        var unassigned: Int
    }

    func teams(req: Request) async throws -> View {
        let user = try req.requireAdmin()
        let period = try await req.period(req.parameters.get("period"), for: user)
        let periodID = try period.requireID()
        let teams = try await Team.query(on: req.db).filter(\.$period.$id == periodID).sort(\.$name).all()
        let members = try await TeamMember.query(on: req.db).filter(\.$team.$id ~~ teams.compactMap(\.id)).all()
        let assignments = try await TelaahServer.Assignment.query(on: req.db).filter(\.$period.$id == periodID).all()
        let people = try await User.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .sort(\.$displayName).all()
        let names = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0.displayName) })
        let clusters = try await UnitAdminController.clusterNames(user, req)
        let units = try await Unit.query(on: req.db).filter(\.$government.$id == user.governmentID)
            .filter(\.$active == true).sort(\.$position).all()
        let teamOf = Dictionary(assignments.map { ($0.$unit.id, $0.$team.id) }, uniquingKeysWith: { a, _ in a })
        let order = Dictionary(uniqueKeysWithValues: AccessRules.TeamRole.allCases.enumerated().map { ($1, $0) })
        let context = TeamsContext(
            frame: Pages.frame(req, title: "Tim \(period.name)"), tabs: Self.tabs("/admin/periode"),
            period: period.name, periodID: periodID.uuidString,
            teams: teams.map { team in
                TeamsContext.TeamRow(
                    id: team.id!.uuidString, name: team.name,
                    members: members.filter { $0.$team.id == team.id }
                        .sorted {
                            (order[$0.role] ?? 0, names[$0.$user.id] ?? "") < (
                                order[$1.role] ?? 0, names[$1.$user.id] ?? ""
                            )
                        }
                        .map {
                            TeamsContext.Member(
                                name: names[$0.$user.id] ?? "—", role: $0.role.title,
                                removeLink: "/api/v1/admin/teams/\(team.id!)/members/\($0.$user.id)")
                        },
                    units: assignments.filter { $0.$team.id == team.id }.count)
            },
            staffOptions: people.filter { [.auditor, .inspektur].contains($0.role) && $0.active }.map {
                Option(value: $0.id!.uuidString, label: $0.displayName, selected: false)
            },
            teamRoleOptions: AccessRules.TeamRole.allCases.map {
                Option(value: $0.rawValue, label: $0.title, selected: $0 == .anggotaTim)
            },
            assignments: units.map { unit in
                let current = teamOf[unit.id!]
                return TeamsContext.Assignment(
                    unit: unit.name, cluster: unit.$cluster.id.flatMap { clusters[$0] } ?? "—",
                    link: "/api/v1/admin/periods/\(periodID)/assignments/\(unit.id!)",
                    options: [Option(value: "", label: "— belum ditugaskan", selected: current == nil)]
                        + teams.map { Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id == current) })
            },
            unassigned: units.filter { teamOf[$0.id!] == nil }.count)
        return try await req.view.render("admin-teams", context)
    }
}
