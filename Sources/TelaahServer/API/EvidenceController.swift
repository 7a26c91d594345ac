import Foundation
import Synchronization
import TelaahCore
import TelaahDocuments
import Vapor

/// `/api/v1/periods/:period/units/:unit/evidence…`: bukti dukung per criterion or sub-component.
/// A file is the request's body, read as it arrives: hashed, checked by its first bytes and its
/// size, written to the evidence store (`EvidenceFiles`), and recorded with its SHA-256 once whole.
/// Who adds, reads and removes follows `Evidence` in the core.
struct EvidenceController {
    struct ItemBody: Codable, Sendable {
        var id: UUID
        var actor: String
        var target: String
        var kind: String
        var name: String
        var version: Int
        /// A file's address in Telaah, or the link's.
        var url: String
        var size: Int?
        var size_text: String?
        var content_type: String?
        var sha256: String?
        var preview: Bool
        var added_by: String?
        var added_at_text: String
        var current: Bool
        var removed_by: String?
        var removed_at_text: String?
        var may_remove: Bool
    }

    struct ListBody: Codable, Sendable {
        var items: [ItemBody]
        /// Whose evidence the account adds now on criteria and sub-components (`unit`,
        /// `evaluator`), null when it adds none.
        var adds_as: String?
        /// The PD adds evidence of its follow-up (targets: recommendation codes, `2024-1.a-1`).
        var adds_follow_up: Bool
        var limit_text: String
    }

    struct LinkCreate: Codable, Sendable {
        var target: String
        var title: String
        var url: String
    }

    func register(_ api: APIBuilder) {
        api.json(.GET, Site.API.evidence, "Bukti dukung PD: berkas dan tautan per kriteria atau sub-komponen") { req in
            try await Self.list(req, try await Self.access(req))
        }
        api.stream(
            .POST, Site.API.evidence,
            "Mengunggah satu berkas bukti dukung (isi berkas sebagai badan permintaan; nama yang sama pada sasaran yang sama menjadi versi berikutnya)",
            types: ["application/octet-stream"],
            description:
                "PDF, PNG, JPEG, dokumen Office (Word, Excel, PowerPoint) atau ZIP; jenisnya dibaca dari isinya.",
            status: .created, errors: [.unprocessableEntity, .unsupportedMediaType],
            query: [
                .init(
                    name: "target", schema: .object([("type", .string("string"))]),
                    description: "kriteria (1.a.3) atau sub-komponen (1.a)", required: true),
                .init(
                    name: "name", schema: .object([("type", .string("string"))]), description: "nama berkas",
                    required: true),
            ]
        ) { req in
            try await Self.upload(req)
        }
        api.json(
            .POST, Site.API.evidenceLinks, "Menautkan dokumen yang disimpan di tempat lain (alamat dan judul)",
            request: LinkCreate.self, status: .created, errors: [.unprocessableEntity]
        ) { req in
            let access = try await Self.access(req)
            let body = try req.decode(LinkCreate.self)
            let (assessmentID, actor) = try await Self.writer(access, target: body.target, req)
            if let refusal = Evidence.linkRefusal(url: body.url, title: body.title) {
                throw Abort(.unprocessableEntity, reason: refusal.description)
            }
            let id = try await req.store.addEvidence(
                NewEvidence(
                    actor: actor, target: body.target, name: body.title.trimmingCharacters(in: .whitespacesAndNewlines),
                    url: body.url.trimmingCharacters(in: .whitespacesAndNewlines)), assessmentID: assessmentID,
                by: access.user, files: req.application.evidenceFiles)
            return try await Self.item(req, access, id)
        }
        api.file(
            Site.API.evidenceItem,
            "Satu berkas bukti dukung (PDF dan gambar ditampilkan, lainnya diunduh; mendukung Range)",
            types: ["application/pdf", "image/png", "image/jpeg", "application/octet-stream"],
            description: "isi berkas persis seperti diunggah (sebuah tautan dibuka di alamatnya sendiri)",
            errors: [.notFound, .gone, .rangeNotSatisfiable]
        ) { req in
            let access = try await Self.access(req)
            let record = try await Self.record(req, access)
            guard record.removedAt == nil else { throw Abort(.gone, reason: "Bukti dukung ini sudah dihapus.") }
            if record.isLink { throw Abort(.notFound, reason: "Bukti ini berupa tautan: buka alamatnya langsung.") }
            return try await Self.serve(req, record)
        }
        api.file(
            Site.API.unitDocument("bukti-dukung.zip"),
            "Bukti dukung PD yang dapat Anda baca dalam satu ZIP (versi terakhir tiap berkas, dengan daftarnya)",
            types: ["application/zip"],
            description:
                "PD/<kriteria>/<berkas> dan Tim/<kriteria>/<berkas>, serta Daftar-Bukti-Dukung.xlsx (semua berkas dan tautan dengan SHA-256-nya)",
            errors: [.unprocessableEntity]
        ) { req in
            try await Self.zip(req)
        }
        api.empty(
            .DELETE, Site.API.evidenceItem, "Menghapus bukti dukung (disembunyikan setelah penilaian mandiri dikirim)",
            success: .noContent
        ) { req in
            let access = try await Self.access(req)
            // After signing the PD removes only its follow-up evidence (the targets that are not the framework's).
            let followingUp = access.permissions.contains(.writeFollowUp)
            let (assessmentID, actor) = try followingUp ? (access.assessment?.id ?? UUID(), .unit) : Self.writer(access)
            let record = try await Self.record(req, access)
            let framework = try await req.scorer(for: access.period).framework
            let ofFramework = framework.criterion(record.target) != nil || framework.subcomponent(record.target) != nil
            guard record.actor == actor, record.removedAt == nil, !(followingUp && ofFramework) else {
                throw Abort(.forbidden, reason: "Bukti dukung ini tidak dapat Anda hapus.")
            }
            try await req.store.removeEvidence(
                record, assessmentID: assessmentID, removal: Evidence.removal(at: access.stage), by: access.user)
        }
    }

    static func access(_ req: Request) async throws -> UnitAccess {
        try await req.unitAccess(
            periodID: req.parameters.get("period"), unitID: req.parameters.get("unit"), requiring: .readUnit)
    }

    /// The assessment and the actor the account adds evidence as, or 403.
    static func writer(_ access: UnitAccess) throws -> (UUID, AccessRules.ValueActor) {
        guard let actor = adds(access), let id = access.assessment?.id else {
            throw Abort(
                .forbidden,
                reason:
                    "Bukti dukung ditambahkan oleh PD selama penilaian mandiri dan tanggapannya, dan oleh tim selama evaluasinya (tahap sekarang: \(access.stage.title))."
            )
        }
        return (id, actor)
    }

    static func adds(_ access: UnitAccess) -> AccessRules.ValueActor? {
        guard CycleController.mayChange(access), access.assessment != nil else { return nil }
        return Evidence.writer(
            role: access.user.role, ownUnit: access.user.unitID == access.unit.id, stage: access.stage,
            permissions: access.permissions)
    }

    /// The assessment and actor for evidence on `target`: a criterion or sub-component under the
    /// stage's rules (`writer`), or a standing recommendation of the signed LHE, whose evidence
    /// the PD adds with its follow-up. 422 for a target that is neither.
    static func writer(_ access: UnitAccess, target: String, _ req: Request) async throws -> (
        UUID, AccessRules.ValueActor
    ) {
        let framework = try await req.scorer(for: access.period).framework
        if framework.criterion(target) != nil || framework.subcomponent(target) != nil { return try writer(access) }
        guard let id = access.assessment?.id,
            try await req.store.followUp(assessmentID: id).current.contains(where: { $0.code == target })
        else { throw Abort(.unprocessableEntity, reason: Evidence.Refusal.target(target).description) }
        guard access.permissions.contains(.writeFollowUp) else {
            throw Abort(.forbidden, reason: "Bukti tindak lanjut ditambahkan oleh PD setelah LHE-nya ditandatangani.")
        }
        return (id, .unit)
    }

    /// The piece named in the path, if the account reads its actor's values; else 404 or 403.
    static func record(_ req: Request, _ access: UnitAccess) async throws -> EvidenceRecord {
        guard let assessmentID = access.assessment?.id,
            let id = req.parameters.get("evidence", as: UUID.self),
            let record = try await req.store.evidence(id: id, assessmentID: assessmentID)
        else { throw Abort(.notFound, reason: "Bukti dukung tidak ditemukan.") }
        guard Evidence.mayRead(record.actor, access.permissions) else {
            throw Abort(.forbidden, reason: "Bukti dukung ini tidak dapat Anda baca.")
        }
        return record
    }

    static func list(_ req: Request, _ access: UnitAccess) async throws -> ListBody {
        var records: [EvidenceRecord] = []
        if let id = access.assessment?.id {
            records = try await req.store.evidence(
                assessmentID: id, actors: AccessRules.readableActors(access.permissions))
        }
        let adds = adds(access)
        let limits = try await req.store.evidenceLimits(governmentID: access.user.governmentID)
        return ListBody(
            items: records.map { body($0, access, adds: adds) }, adds_as: adds?.rawValue,
            adds_follow_up: access.permissions.contains(.writeFollowUp),
            limit_text:
                "paling besar \(Evidence.size(limits.perFile)) per berkas, \(Evidence.size(limits.perUnit)) per PD")
    }

    static func item(_ req: Request, _ access: UnitAccess, _ id: UUID) async throws -> ItemBody {
        guard let assessmentID = access.assessment?.id,
            let record = try await req.store.evidence(id: id, assessmentID: assessmentID)
        else { throw Abort(.internalServerError) }
        return body(record, access, adds: adds(access))
    }

    static func body(_ r: EvidenceRecord, _ access: UnitAccess, adds: AccessRules.ValueActor?) -> ItemBody {
        let url =
            r.isLink
            ? (r.url ?? "") : Site.API.evidenceItem.path(access.period.id ?? UUID(), access.unit.id ?? UUID(), r.id)
        return ItemBody(
            id: r.id, actor: r.actor.rawValue, target: r.target, kind: r.isLink ? "link" : "file", name: r.name,
            version: r.version, url: url, size: r.size.map(Int.init), size_text: r.size.map(Evidence.size),
            content_type: r.contentType, sha256: r.sha256,
            preview: Evidence.previews(contentType: r.contentType),
            added_by: r.addedBy, added_at_text: WIBTime.text(utc: r.addedAt), current: r.isCurrent,
            removed_by: r.removedBy, removed_at_text: r.removedAt.map { WIBTime.text(utc: $0) },
            may_remove: adds == r.actor && r.removedAt == nil)
    }

    /// Reads the body as it arrives into the evidence store, checking type and size on the way;
    /// records the piece once the bytes are whole and stored.
    static func upload(_ req: Request) async throws -> ItemBody {
        let access = try await access(req)
        let target = req.query[String.self, at: "target"] ?? ""
        let (assessmentID, actor) = try await writer(access, target: target, req)
        let name = (req.query[String.self, at: "name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let refusal = Evidence.nameRefusal(name) { throw Abort(.unprocessableEntity, reason: refusal.description) }
        let limits = try await req.store.evidenceLimits(governmentID: access.user.governmentID)
        let before = try await req.store.evidenceBytes(assessmentID: assessmentID)
        func refuse(_ size: Int64) throws {
            guard let refusal = Evidence.sizeRefusal(size: size, unitTotal: before, limits: limits), refusal != .empty
            else { return }
            throw Abort(.payloadTooLarge, reason: refusal.description)
        }
        // Refused before a byte is read when the client says its size.
        if let declared = req.headers.first(name: .contentLength).flatMap(Int64.init) { try refuse(declared) }

        let intake = try await EvidenceIntake.begin(req.application.evidenceFiles, name: name)
        let stored: (sha256: String, size: Int64, contentType: String)
        do {
            for try await chunk in req.body {
                try refuse(intake.size + Int64(chunk.readableBytes))
                try await intake.feed(chunk)
            }
            stored = try await intake.finish {
                // Others may have added meanwhile: the PD's limit once more, with what is stored now.
                let now = try await req.store.evidenceBytes(assessmentID: assessmentID)
                if let refusal = Evidence.sizeRefusal(size: intake.size, unitTotal: now, limits: limits) {
                    throw Abort(.payloadTooLarge, reason: refusal.description)
                }
            }
        } catch {
            await intake.abort()
            throw error
        }
        let id = try await req.store.addEvidence(
            NewEvidence(
                actor: actor, target: target, name: name, sha256: stored.sha256, size: stored.size,
                contentType: stored.contentType), assessmentID: assessmentID, by: access.user,
            files: req.application.evidenceFiles)
        return try await item(req, access, id)
    }

    /// Every current file the account reads, in the framework's order, streamed into one ZIP
    /// with the list of all current pieces (links too) first.
    static func zip(_ req: Request) async throws -> Response {
        let access = try await access(req)
        var records: [EvidenceRecord] = []
        if let id = access.assessment?.id {
            records = try await req.store.evidence(
                assessmentID: id, actors: AccessRules.readableActors(access.permissions)
            )
            .filter(\.isCurrent)
        }
        let framework = try await req.scorer(for: access.period).framework
        var order: [String: Int] = [:]
        for sub in framework.allSubcomponents {
            order[sub.id] = order.count
            for c in sub.criteria { order[c.id] = order.count }
        }
        records.sort {
            (order[$0.target] ?? .max, $0.actor == .unit ? 0 : 1, $0.name)
                < (order[$1.target] ?? .max, $1.actor == .unit ? 0 : 1, $1.name)
        }
        let government = try await Government.find(access.user.governmentID, on: req.db)?.name ?? ""
        let list = try LKEWorkbookRenderer.evidenceWorkbook(
            unit: access.unit.name, evidence: records.map(\.entry), government: government
        ).package().zipped()
        let files = records.filter { !$0.isLink && $0.sha256 != nil && $0.size != nil }
        let zip: StreamedZip
        do {
            zip = try StreamedZip(
                entries: [.init(path: "Daftar-Bukti-Dukung.xlsx", size: Int64(list.count), modified: Date())]
                    + files.map {
                        .init(
                            path: "\($0.actor == .unit ? "PD" : "Tim")/\($0.target)/\($0.name)", size: $0.size!,
                            modified: UTCTimestamp.date($0.addedAt) ?? Date())
                    })
        } catch let error as StreamedZip.TooLarge {
            throw Abort(.unprocessableEntity, reason: error.description)
        }
        let store = req.application.evidenceFiles
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/zip")
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: disposition("Bukti-Dukung-\(safeFileName(access.unit.name)).zip", inline: false))
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(
            status: .ok, headers: headers,
            body: .init(
                managedAsyncStream: { writer in
                    var crcs: [UInt32] = []
                    for i in zip.entries.indices {
                        try await writer.writeBuffer(ByteBuffer(data: zip.localHeader(i)))
                        let crc = ChecksumBox()
                        if i == 0 {
                            crc.update(list)
                            try await writer.writeBuffer(ByteBuffer(data: list))
                        } else {
                            let file = files[i - 1]
                            try await store.read(file.sha256!, offset: 0, count: file.size!) { chunk in
                                crc.update(Data(chunk.readableBytesView))
                                try await writer.writeBuffer(chunk)
                            }
                        }
                        crcs.append(crc.value)
                        try await writer.writeBuffer(ByteBuffer(data: zip.descriptor(i, crc: crc.value)))
                    }
                    try await writer.writeBuffer(ByteBuffer(data: zip.directory(crcs: crcs)))
                }, count: Int(zip.length)))
    }

    /// The stored bytes, whole or the one range asked for; PDF and images inline in a sandbox,
    /// the rest as a download, never sniffed by the browser.
    static func serve(_ req: Request, _ record: EvidenceRecord) async throws -> Response {
        guard let sha = record.sha256, let size = record.size else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: record.contentType ?? "application/octet-stream")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(
            name: "Content-Security-Policy",
            value: "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
        headers.replaceOrAdd(name: .acceptRanges, value: "bytes")
        headers.replaceOrAdd(name: .eTag, value: "\"\(sha)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: Self.disposition(record.name, inline: Evidence.previews(contentType: record.contentType)))
        var offset: Int64 = 0
        var count = size
        var status = HTTPStatus.ok
        if let range = req.headers.first(name: .range) {
            switch Self.range(range, size: size) {
            case .none: break
            case .some(.none):
                headers.replaceOrAdd(name: .contentRange, value: "bytes */\(size)")
                return Response(status: .rangeNotSatisfiable, headers: headers)
            case .some(.some(let r)):
                (offset, count, status) = (r.lowerBound, r.upperBound - r.lowerBound, .partialContent)
                headers.replaceOrAdd(name: .contentRange, value: "bytes \(offset)-\(offset + count - 1)/\(size)")
            }
        }
        let files = req.application.evidenceFiles
        let (from, length) = (offset, count)
        return Response(
            status: status, headers: headers,
            body: .init(
                managedAsyncStream: { writer in
                    try await files.read(sha, offset: from, count: length) { try await writer.writeBuffer($0) }
                }, count: Int(count)))
    }

    /// One `bytes=` range of a file of `size`: nil when the header is not one we serve (the whole
    /// file then), `.some(nil)` when unsatisfiable.
    static func range(_ header: String, size: Int64) -> Range<Int64>?? {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst(6).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        let (a, b) = (spec[0].trimmingCharacters(in: .whitespaces), spec[1].trimmingCharacters(in: .whitespaces))
        if a.isEmpty {
            guard let n = Int64(b), n > 0 else { return .some(nil) }
            return .some(max(0, size - n)..<size)
        }
        guard let start = Int64(a), start >= 0 else { return nil }
        guard start < size else { return .some(nil) }
        let end = b.isEmpty ? size - 1 : min(size - 1, Int64(b) ?? -1)
        guard end >= start else { return b.isEmpty || Int64(b) != nil ? .some(nil) : nil }
        return .some(start..<(end + 1))
    }

    /// `inline` or `attachment` with the name as given (RFC 6266: an ASCII fallback and UTF-8).
    static func disposition(_ name: String, inline: Bool) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(
            withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_")))
        return "\(inline ? "inline" : "attachment"); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded ?? ascii)"
    }
}

/// A ZIP entry's CRC-32 fed from the store's chunks.
final class ChecksumBox: Sendable {
    private let checksum = Mutex(StreamedZip.Checksum())

    func update(_ data: Data) { checksum.withLock { $0.update(data) } }

    var value: UInt32 { checksum.withLock { $0.value } }
}
