/// Bukti dukung: the documents that support a PD's answers and the team's grades (seed 001 §IV.B.2:
/// every graded sub-component carries "catatan berupa keterangan beserta bukti daftar dokumen").
/// A piece of evidence is a file or a link to a document kept elsewhere, attached to a criterion
/// (`1.a.3`) or a sub-component (`1.a`) by the PD or by the team. These are its rules: which files
/// are taken, how large, who adds and removes, and when a draft may go to review without it.
public enum Evidence {
    /// A file type Telaah takes, decided by the file's first bytes, never by its name alone.
    public enum Kind: String, Sendable, CaseIterable {
        case pdf, png, jpeg, docx, xlsx, pptx, zip
        /// Word, Excel or PowerPoint 97–2003 (`.doc`, `.xls`, `.ppt`): one container format.
        case office97 = "office97"

        /// The names' endings this kind may carry.
        public var extensions: [String] {
            switch self {
            case .pdf: ["pdf"]
            case .png: ["png"]
            case .jpeg: ["jpg", "jpeg"]
            case .docx: ["docx"]
            case .xlsx: ["xlsx"]
            case .pptx: ["pptx"]
            case .zip: ["zip"]
            case .office97: ["doc", "xls", "ppt"]
            }
        }

        /// The name in the interface.
        public var title: String {
            switch self {
            case .pdf: "PDF"
            case .png: "PNG"
            case .jpeg: "JPEG"
            case .docx, .office97: "dokumen Office"
            case .xlsx: "lembar kerja Excel"
            case .pptx: "presentasi PowerPoint"
            case .zip: "ZIP"
            }
        }
    }

    /// Whether a stored file of this media type is shown in the browser (in a sandbox) rather
    /// than downloaded: PDF and images.
    public static func previews(contentType: String?) -> Bool {
        ["application/pdf", "image/png", "image/jpeg"].contains(contentType ?? "")
    }

    /// How many leading bytes `fileType` reads.
    public static let sniffLength = 8

    /// A file's type and the media type it is served with.
    public struct FileType: Sendable, Equatable {
        public var kind: Kind
        public var contentType: String
    }

    /// The type of a file from its first bytes and its name, or why it is refused.
    public static func fileType(prefix: [UInt8], filename: String) -> Result<FileType, Refusal> {
        let ext = filename.split(separator: ".").count > 1 ? filename.split(separator: ".").last!.lowercased() : ""
        func starts(_ magic: [UInt8]) -> Bool {
            prefix.count >= magic.count && Array(prefix.prefix(magic.count)) == magic
        }
        let kind: Kind
        if starts(Array("%PDF-".utf8)) {
            kind = .pdf
        } else if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            kind = .png
        } else if starts([0xFF, 0xD8, 0xFF]) {
            kind = .jpeg
        } else if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
            // Office Open XML is a ZIP: its name says which.
            kind = [Kind.docx, .xlsx, .pptx].first { $0.extensions.contains(ext) } ?? .zip
        } else if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            kind = .office97
        } else {
            return .failure(.type(filename))
        }
        guard kind.extensions.contains(ext) else { return .failure(.nameMismatch(filename, kind)) }
        let contentType: String =
            switch (kind, ext) {
            case (.pdf, _): "application/pdf"
            case (.png, _): "image/png"
            case (.jpeg, _): "image/jpeg"
            case (.docx, _): "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case (.xlsx, _): "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case (.pptx, _): "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            case (.zip, _): "application/zip"
            case (.office97, "xls"): "application/vnd.ms-excel"
            case (.office97, "ppt"): "application/vnd.ms-powerpoint"
            case (.office97, _): "application/msword"
            }
        return .success(FileType(kind: kind, contentType: contentType))
    }

    /// The size limits (the government's settings).
    public struct Limits: Sendable, Equatable {
        /// Bytes per file.
        public var perFile: Int64
        /// Bytes of all the evidence of one PD in one period.
        public var perUnit: Int64

        public init(perFile: Int64 = 50 << 20, perUnit: Int64 = 2 << 30) {
            self.perFile = perFile
            self.perUnit = perUnit
        }

        /// The most a PD may keep: its evidence still fits one classic ZIP (4 GiB).
        public static let maxUnitMB = 4000

        /// Why the settings' limits in MB (nil: the default) are refused.
        public static func settingRefusal(fileMB: Int?, unitMB: Int?) -> String? {
            if let f = fileMB, !(1...2048).contains(f) {
                return "Batas per berkas harus 1 sampai 2048 MB."
            }
            if let u = unitMB, !(1...maxUnitMB).contains(u) {
                return "Batas per PD harus 1 sampai \(maxUnitMB) MB."
            }
            let file = Int64(fileMB ?? 50) << 20
            let unit = unitMB.map { Int64($0) << 20 } ?? Limits().perUnit
            if file > unit { return "Batas per berkas tidak boleh melebihi batas per PD." }
            return nil
        }
    }

    /// Why a piece of evidence is refused, in the interface's words.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case type(String)
        case nameMismatch(String, Kind)
        case tooLarge(Int64)
        case unitFull(Int64)
        case empty
        case name(String)
        case link(String)
        case target(String)

        public var description: String {
            switch self {
            case .type(let name):
                "Jenis berkas \(name) tidak diterima: unggah PDF, PNG, JPEG, dokumen Office (Word, Excel, PowerPoint) atau ZIP."
            case .nameMismatch(let name, let kind):
                "Isi berkas \(name) adalah \(kind.title), tidak sesuai dengan akhiran namanya: ganti nama berkas (.\(kind.extensions[0]))."
            case .tooLarge(let limit): "Berkas melebihi batas \(Evidence.size(limit)) per berkas."
            case .unitFull(let limit):
                "Bukti dukung PD ini akan melebihi batas \(Evidence.size(limit)) per Perangkat Daerah."
            case .empty: "Berkas kosong."
            case .name(let why): why
            case .link(let why): why
            case .target(let id): "Kriteria atau sub-komponen \(id) tidak ada di kerangka periode ini."
            }
        }
    }

    /// Why a file of `size` bytes may not be added to a PD whose evidence already takes `unitTotal`.
    public static func sizeRefusal(size: Int64, unitTotal: Int64, limits: Limits) -> Refusal? {
        if size == 0 { return .empty }
        if size > limits.perFile { return .tooLarge(limits.perFile) }
        if unitTotal + size > limits.perUnit { return .unitFull(limits.perUnit) }
        return nil
    }

    /// Why a file's name is refused: it is shown and downloaded as given, so it must be a plain name.
    public static func nameRefusal(_ name: String) -> Refusal? {
        let trimmed = name.trimmingWhitespace()
        if trimmed.isEmpty { return .name("Nama berkas kosong.") }
        if trimmed.count > 200 { return .name("Nama berkas terlalu panjang (paling banyak 200 karakter).") }
        // Names a file system reads as a folder, or a name that is only dots, are no file's name.
        if trimmed.allSatisfy({ $0 == "." }) { return .name("\"\(trimmed)\" bukan nama berkas.") }
        if trimmed.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) {
            return .name("Nama berkas tidak boleh memuat garis miring atau karakter kendali.")
        }
        return nil
    }

    /// Why a link is refused: an `http` or `https` address with a title.
    public static func linkRefusal(url: String, title: String) -> Refusal? {
        let u = url.trimmingWhitespace()
        let lower = u.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), u.count > 8, u.count <= 2000,
            !u.unicodeScalars.contains(where: { $0.value <= 0x20 })
        else { return .link("Tautan harus berupa alamat http:// atau https:// yang lengkap, tanpa spasi.") }
        if title.trimmingWhitespace().isEmpty { return .link("Tuliskan judul dokumen yang ditautkan.") }
        if title.count > 300 { return .link("Judul tautan terlalu panjang (paling banyak 300 karakter).") }
        return nil
    }

    /// Whose evidence an account adds on a PD now, if any: the PD's with its self-assessment and
    /// with its tanggapan, the team's while the evaluation is its turn.
    public static func writer(
        role: AccessRules.AccountRole, ownUnit: Bool, stage: Cycle.Stage, permissions p: AccessRules.Permissions
    ) -> AccessRules.ValueActor? {
        if p.contains(.writeSelfAssessment) { return .unit }
        if role == .operator, ownUnit, stage == .confirmation, p.contains(.readSelfAssessment) { return .unit }
        if p.contains(.writeEvaluation) { return .evaluator }
        return nil
    }

    /// Whether an account reads `actor`'s evidence: as it reads that actor's values.
    public static func mayRead(_ actor: AccessRules.ValueActor, _ p: AccessRules.Permissions) -> Bool {
        switch actor {
        case .unit: p.contains(.readSelfAssessment)
        case .evaluator: p.contains(.readEvaluation)
        }
    }

    /// What removing a piece of evidence does at a stage: before the PD sends its self-assessment
    /// it is the PD's draft and goes; after, the record stays, hidden, for the audit.
    public enum Removal: Sendable, Equatable { case delete, hide }

    public static func removal(at stage: Cycle.Stage) -> Removal {
        stage.selfAssessmentSubmitted ? .hide : .delete
    }

    /// The graded sub-components that lack a note or any evidence (on the sub-component or one of
    /// its criteria, the PD's or the team's), in the framework's order: a draft goes to review
    /// only without any.
    public static func unsupported(
        framework: Framework, graded: Set<String>, notes: [String: String], evidenceTargets: Set<String>
    ) -> [String] {
        framework.allSubcomponents.compactMap { sub in
            guard graded.contains(sub.id) else { return nil }
            let noted = !(notes[sub.id] ?? "").trimmingWhitespace().isEmpty
            let evidenced =
                evidenceTargets.contains(sub.id) || sub.criteria.contains { evidenceTargets.contains($0.id) }
            return noted && evidenced ? nil : sub.id
        }
    }

    /// A size as the interface writes it: `50 MB`, `1,5 GB`, `320 KB`.
    public static func size(_ bytes: Int64) -> String {
        let units: [(Int64, String)] = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")]
        for (unit, name) in units where bytes >= unit {
            let tenths = (bytes * 10 + unit / 2) / unit
            return tenths % 10 == 0 ? "\(tenths / 10) \(name)" : "\(tenths / 10),\(tenths % 10) \(name)"
        }
        return "\(bytes) B"
    }
}
