import Foundation
import TelaahCore
import Yams

/// The editable wording of one kind of document: a YAML tree of strings and lists of strings,
/// whose `{{name}}` placeholders Telaah fills with figures computed by the core. The defaults are
/// transcribed from the seeds (Sources/TelaahDocuments/Templates); an Inspektorat may pass its own.
public struct DocumentTemplate: Sendable {
    public let name: String
    let root: TemplateNode

    /// The YAML tree reduced to what templates hold: text, lists and mappings.
    indirect enum TemplateNode: Sendable {
        case text(String)
        case list([TemplateNode])
        case map([String: TemplateNode])

        init(_ node: Node) {
            switch node {
            case .scalar(let s): self = .text(s.string)
            case .sequence(let seq): self = .list(seq.map(TemplateNode.init))
            case .mapping(let m):
                var out: [String: TemplateNode] = [:]
                for (k, v) in m { out[k.string ?? ""] = TemplateNode(v) }
                self = .map(out)
            case .alias: self = .text("")
            }
        }

        var string: String? { if case .text(let s) = self { s } else { nil } }
        var sequence: [TemplateNode]? { if case .list(let l) = self { l } else { nil } }
        var mapping: [String: TemplateNode]? { if case .map(let m) = self { m } else { nil } }
    }

    public init(name: String, yaml: String) throws(DocumentError) {
        self.name = name
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: yaml)
        } catch {
            throw DocumentError.template("\(name): YAML tidak dapat dibaca: \(error)")
        }
        guard let node = composed, node.mapping != nil else {
            throw DocumentError.template("\(name): berkas templat harus berupa pemetaan YAML")
        }
        root = TemplateNode(node)
    }

    /// The built-in templates, by file name without `.yaml`.
    public static func builtIn(_ name: BuiltIn) -> DocumentTemplate {
        // The embedded defaults are checked by the tests; a failure here is a build defect.
        try! DocumentTemplate(name: name.rawValue, yaml: String(decoding: name.bytes, as: UTF8.self))
    }

    public enum BuiltIn: String, CaseIterable, Sendable {
        case laporanKompilasi = "laporan-kompilasi"
        case lhe
        case tindakLanjut = "tindak-lanjut"
        case rencanaAksi = "rencana-aksi"

        var bytes: [UInt8] {
            switch self {
            case .laporanKompilasi: PackageResources.laporan_kompilasi_yaml
            case .lhe: PackageResources.lhe_yaml
            case .tindakLanjut: PackageResources.tindak_lanjut_yaml
            case .rencanaAksi: PackageResources.rencana_aksi_yaml
            }
        }

        public var defaultText: String { String(decoding: bytes, as: UTF8.self) }
    }

    func node(_ path: String) throws(DocumentError) -> TemplateNode {
        var current = root
        for key in path.split(separator: ".") {
            guard let next = current.mapping?[String(key)] else {
                throw DocumentError.template("\(name): kunci \(path) tidak ada")
            }
            current = next
        }
        return current
    }

    /// Whether `path` exists.
    public func has(_ path: String) -> Bool { (try? node(path)) != nil }

    /// The path of every text or list in the tree (`bab2.komponen.1.judul`).
    var leafPaths: [String] {
        func walk(_ node: TemplateNode, _ prefix: String) -> [String] {
            guard let map = node.mapping else { return [prefix] }
            return map.sorted { $0.key < $1.key }.flatMap {
                walk($0.value, prefix.isEmpty ? $0.key : "\(prefix).\($0.key)")
            }
        }
        return walk(root, "")
    }

    /// Every `{{name}}` used anywhere in the tree.
    var placeholders: Set<String> {
        func walk(_ node: TemplateNode) -> [String] {
            switch node {
            case .text(let s):
                return s.components(separatedBy: "{{").dropFirst().compactMap { part in
                    part.range(of: "}}").map { String(part[..<$0.lowerBound]).trimmingCharacters(in: .whitespaces) }
                }
            case .list(let l): return l.flatMap(walk)
            case .map(let m): return m.values.flatMap(walk)
            }
        }
        return Set(walk(root))
    }

    /// What keeps an Inspektorat's own wording from making its documents, in Bahasa Indonesia: a
    /// key the built-in template has and this one lacks, or a placeholder Telaah does not fill.
    /// Keys of the built-in's per-component items (`bab2.komponen.<id>.butir`) are the
    /// Inspektorat's own to add or leave out.
    public func problems(against builtIn: DocumentTemplate) -> [String] {
        let mine = Set(leafPaths)
        let missing = builtIn.leafPaths.filter { !mine.contains($0) && !has($0) }
        let known = builtIn.placeholders.union(Self.extraPlaceholders[builtIn.name] ?? [])
        let unknown = placeholders.subtracting(known).sorted()
        return missing.map { "kunci \($0) tidak ada (lihat naskah bawaan)" }
            + unknown.map { "{{\($0)}} tidak dikenal: Telaah tidak mengisinya" }
    }

    /// Placeholders filled in code paths the built-in wording does not use.
    static let extraPlaceholders: [String: Set<String>] = [
        "laporan-kompilasi": [
            "tertinggi", "pd_tertinggi", "terendah", "pd_terendah", "jumlah_capai", "komponen", "bobot", "persen",
            "rata_rata", "klaster", "nomor", "jumlah", "predikat", "sebutan", "jumlah_belum_final",
            "daftar_belum_final", "pedoman", "nomor_surat_tugas", "tanggal_surat_tugas",
        ],
        "lhe": ["tahun_lalu", "ringkasan", "perbup", "pedoman", "jumlah_rekomendasi"],
    ]

    /// One string, placeholders filled.
    public func text(_ path: String, _ values: [String: String] = [:]) throws(DocumentError) -> String {
        let n = try node(path)
        guard let s = n.string else { throw DocumentError.template("\(name): \(path) harus berupa teks") }
        return try fill(s, values, path)
    }

    /// A list of strings (a single string is a list of one), placeholders filled.
    public func texts(_ path: String, _ values: [String: String] = [:]) throws(DocumentError) -> [String] {
        let n = try node(path)
        if let s = n.string { return [try fill(s, values, path)] }
        guard let seq = n.sequence else { throw DocumentError.template("\(name): \(path) harus berupa daftar teks") }
        var out: [String] = []
        for (i, item) in seq.enumerated() {
            guard let s = item.string else { throw DocumentError.template("\(name): \(path)[\(i)] harus berupa teks") }
            out.append(try fill(s, values, "\(path)[\(i)]"))
        }
        return out
    }

    /// Fills `{{name}}`; a placeholder with no value is an error that names it and where it is.
    func fill(_ text: String, _ values: [String: String], _ path: String) throws(DocumentError) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw DocumentError.template("\(name): \(path): '{{' tanpa '}}'")
            }
            let key = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let value = values[key] else {
                throw DocumentError.template("\(name): \(path): isian {{\(key)}} tidak dikenal")
            }
            out += value
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }
}

extension ExactDecimal {
    /// A weight as letters print it: `30`, `7,5`.
    var shortIndonesian: String { indonesian(places: significantDecimals) }
}
