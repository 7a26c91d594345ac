import Fluent
import TelaahCore
import Vapor

/// `/api/v1/admin/government` and its logo: the Inspektorat's settings (letterhead, signatory,
/// the regency's own regulation, tembusan, LHE number pattern), one audited, versioned edit each.
struct GovernmentController {
    /// How the head of the region is called.
    enum HeadTitle: String, Codable, Sendable, SchemaEnum {
        case bupati = "Bupati"
        case waliKota = "Wali Kota"
        case gubernur = "Gubernur"
    }

    struct GovernmentBody: Codable, Sendable {
        var id: UUID
        var code: String
        var name: String
        var province: String?
        var city: String?
        var inspektorat_name: String?
        var address: String?
        var phone: String?
        var email: String?
        var website: String?
        var inspektur_name: String?
        var inspektur_rank: String?
        var inspektur_nip: String?
        var lhe_number_pattern: String?
        var head_name: String?
        var head_title: HeadTitle
        var legal_basis: String?
        var legal_bases: String?
        var tembusan_lhe: String?
        var tembusan_kompilasi: String?
        var tembusan_tindak_lanjut: String?
        /// The Bupati's office address on the follow-up letters' kop, one line a line.
        var head_address: String?
        /// Evidence limits in MB; null: 50 per file, 2048 per PD.
        var evidence_file_limit_mb: Int?
        var evidence_unit_limit_mb: Int?
        /// How reminders are mailed: `sendmail`, `smtp`, or null (none by e-mail).
        var mail_transport: String?
        var mail_from: String?
        var smtp_host: String?
        var smtp_port: Int?
        /// A logo is set for the letterhead.
        var logo: Bool
        var version: Int

        init(_ g: Government) {
            id = g.id!
            code = g.code
            name = g.name
            province = g.province
            city = g.city
            inspektorat_name = g.inspektoratName
            address = g.address
            phone = g.phone
            email = g.email
            website = g.website
            inspektur_name = g.inspekturName
            inspektur_rank = g.inspekturRank
            inspektur_nip = g.inspekturNIP
            lhe_number_pattern = g.lheNumberPattern
            head_name = g.headName
            head_title = HeadTitle(rawValue: HeadOfRegion(government: g.name, title: g.headTitle).title) ?? .bupati
            legal_basis = g.legalBasis
            legal_bases = g.legalBases
            tembusan_lhe = g.tembusanLHE
            tembusan_kompilasi = g.tembusanKompilasi
            tembusan_tindak_lanjut = g.tembusanTindakLanjut
            head_address = g.headAddress
            evidence_file_limit_mb = g.evidenceFileLimitMB
            evidence_unit_limit_mb = g.evidenceUnitLimitMB
            mail_transport = g.mailTransport
            mail_from = g.mailFrom
            smtp_host = g.smtpHost
            smtp_port = g.smtpPort
            logo = g.logoPNG != nil
            version = g.version
        }
    }

    struct GovernmentUpdate: Codable, Sendable {
        var name: Text
        var province: String?
        var city: String?
        var inspektorat_name: String?
        /// The kop's address, one line per line.
        var address: String?
        var phone: String?
        var email: String?
        var website: String?
        var inspektur_name: String?
        var inspektur_rank: String?
        var inspektur_nip: String?
        /// `{seq}` the sequence, `{year}` the year.
        var lhe_number_pattern: String?
        var head_name: String?
        var head_title: HeadTitle?
        /// The regency's own regulation on the evaluation, cited by every LHE.
        var legal_basis: String?
        /// Further legal bases of the evaluation, one per line (Bab I.A of the Laporan Kompilasi).
        var legal_bases: String?
        /// One addressee per line.
        var tembusan_lhe: String?
        var tembusan_kompilasi: String?
        var tembusan_tindak_lanjut: String?
        var head_address: String?
        /// Evidence limits in MB (per file 1–2048, per PD 1–4000); null: the defaults.
        var evidence_file_limit_mb: Int?
        var evidence_unit_limit_mb: Int?
        /// `sendmail`, `smtp`, or null: reminders only on the home page.
        var mail_transport: String?
        var mail_from: String?
        var smtp_host: String?
        var smtp_port: Int?
        var version: Version
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.Admin.government, "Pengaturan Inspektorat") { req in
            let admin = try req.requireAdmin()
            return GovernmentBody(try await Self.government(admin, req))
        }
        api.json(
            .PUT, Site.API.Admin.government, "Mengubah pengaturan Inspektorat (dengan versi)",
            request: GovernmentUpdate.self, errors: [.conflict]
        ) { req in
            let admin = try req.requireAdmin()
            let body = try req.decode(GovernmentUpdate.self)
            try requireText(body.name, "name")
            if let pattern = body.lhe_number_pattern, let problem = LHENumber.patternProblem(pattern) {
                throw Abort(.unprocessableEntity, reason: problem.message)
            }
            let transport = body.mail_transport.flatMap { $0.isEmpty ? nil : $0 }
            if let problem = MailSettings.problem(
                transport: transport, from: body.mail_from, host: body.smtp_host, port: body.smtp_port)
            {
                throw Abort(.unprocessableEntity, reason: problem)
            }
            if let refusal = Evidence.Limits.settingRefusal(
                fileMB: body.evidence_file_limit_mb, unitMB: body.evidence_unit_limit_mb)
            {
                throw Abort(.unprocessableEntity, reason: refusal)
            }
            let g = try await Self.edit(req, admin, version: body.version.value, snapshot: { GovernmentBody($0) }) {
                g in
                g.name = body.name.trimmed
                g.province = body.province
                g.city = body.city
                g.inspektoratName = body.inspektorat_name
                g.address = body.address
                g.phone = body.phone
                g.email = body.email
                g.website = body.website
                g.inspekturName = body.inspektur_name
                g.inspekturRank = body.inspektur_rank
                g.inspekturNIP = body.inspektur_nip
                g.lheNumberPattern = body.lhe_number_pattern
                g.headName = body.head_name
                g.headTitle = body.head_title?.rawValue
                g.legalBasis = body.legal_basis
                g.legalBases = body.legal_bases
                g.tembusanLHE = body.tembusan_lhe
                g.tembusanKompilasi = body.tembusan_kompilasi
                g.tembusanTindakLanjut = body.tembusan_tindak_lanjut
                g.headAddress = body.head_address
                g.evidenceFileLimitMB = body.evidence_file_limit_mb
                g.evidenceUnitLimitMB = body.evidence_unit_limit_mb
                g.mailTransport = transport
                g.mailFrom = body.mail_from
                g.smtpHost = body.smtp_host
                g.smtpPort = body.smtp_port
            }
            return GovernmentBody(g)
        }
        api.file(
            Site.API.Admin.logo, "Logo kop surat (PNG); 404 bila belum ada", types: ["image/png"],
            description: "Logo PNG"
        ) { req in
            let admin = try req.requireAdmin()
            guard let png = try await Self.government(admin, req).logoPNG else {
                throw Abort(.notFound, reason: "Belum ada logo.")
            }
            var headers = HTTPHeaders()
            headers.contentType = .png
            headers.add(name: .cacheControl, value: "no-store")
            return Response(status: .ok, headers: headers, body: .init(data: png))
        }
        let version = APIOperation.Query(
            name: "version", schema: .object([("type", .string("integer"))]),
            description: "versi pengaturan yang diubah", required: true)
        api.upload(
            .PUT, Site.API.Admin.logo, "Mengganti logo kop surat (isi: berkas PNG, maks. 1 MB)",
            types: ["image/png"], description: "Berkas PNG", errors: [.conflict], query: [version], maxBody: "1mb"
        ) { req in
            let admin = try req.requireAdmin()
            guard let buffer = req.body.data, buffer.readableBytes > 0 else {
                throw Abort(.badRequest, reason: "Isi berkas logo kosong.")
            }
            let png = Data(buffer.readableBytesView)
            guard png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
                throw Abort(.unprocessableEntity, reason: "Logo harus berkas PNG.")
            }
            return GovernmentBody(try await Self.setLogo(png, req, admin))
        }
        api.json(
            .DELETE, Site.API.Admin.logo, "Menghapus logo kop surat", errors: [.conflict, .unprocessableEntity],
            query: [version]
        ) { req in
            let admin = try req.requireAdmin()
            return GovernmentBody(try await Self.setLogo(nil, req, admin))
        }
    }

    static func government(_ admin: SignedIn, _ req: Request) async throws -> Government {
        guard let g = try await Government.find(admin.governmentID, on: req.db) else { throw Abort(.notFound) }
        return g
    }

    /// What the audit keeps of a logo: its size and digest, not its bytes.
    static func setLogo(_ png: Data?, _ req: Request, _ admin: SignedIn) async throws -> Government {
        guard let version = req.query[Int.self, at: "version"] else {
            throw Abort(.unprocessableEntity, reason: "Parameter \"version\" wajib diisi.")
        }
        return try await edit(
            req, admin, version: version,
            snapshot: { g in
                g.logoPNG.map { ["logo": "PNG \($0.count) bita, SHA-256 " + SHA256.hash(data: $0).hexString] }
            }, apply: { $0.logoPNG = png })
    }

    /// Changes the government's settings in one audited transaction: the row locked, its version
    /// checked against `version` (409 when stale) and raised, `snapshot` before and after.
    static func edit<Snapshot: Encodable & Sendable>(
        _ req: Request, _ admin: SignedIn, version: Int, snapshot: @escaping @Sendable (Government) -> Snapshot?,
        apply: @escaping @Sendable (Government) -> Void
    ) async throws -> Government {
        try await req.store.write { tx in
            try await tx.lock(Government.schema, ["id": admin.governmentID])
            guard let g = try await Government.find(admin.governmentID, on: tx.db) else { throw Abort(.notFound) }
            try Store.checkVersion(g.version, version)
            let before = snapshot(g)
            apply(g)
            g.version += 1
            try await g.update(on: tx.db)
            try await tx.audit(
                admin.auditActor, "update", "government", admin.governmentID.uuidString, before: before,
                after: snapshot(g))
            return g
        }
    }
}

/// 422 naming `field` when `value` holds nothing but spaces.
func requireText(_ value: Text, _ field: String) throws {
    guard !value.trimmed.isEmpty else { throw Abort(.unprocessableEntity, reason: "Kolom \"\(field)\" wajib diisi.") }
}

extension Request {
    /// The id in the path parameter `name`; 404 when it is not one.
    func id(_ name: String) throws -> UUID {
        guard let id = parameters.get(name, as: UUID.self) else { throw Abort(.notFound, reason: "Tidak ditemukan.") }
        return id
    }
}
