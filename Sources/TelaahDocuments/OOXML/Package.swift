import Foundation
import ZIPFoundation

/// One file inside an Office Open XML package (a DOCX or XLSX is a ZIP of such parts).
public struct PackagePart: Sendable, Equatable {
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }

    public init(path: String, xml: String) {
        self.init(path: path, data: Data(xml.utf8))
    }

    public var text: String { String(decoding: data, as: UTF8.self) }
}

/// A document ready to be written: its parts, in order. The same input gives the same parts
/// byte for byte (golden tests compare them), and the same ZIP (fixed entry dates).
public struct OfficePackage: Sendable {
    public var parts: [PackagePart]

    public init(parts: [PackagePart]) { self.parts = parts }

    public func part(_ path: String) -> PackagePart? { parts.first { $0.path == path } }

    /// 2024-01-01 00:00 local: entries carry a fixed date so that a document is reproducible.
    static let entryDate = Date(timeIntervalSince1970: 1_704_067_200)

    /// The ZIP bytes.
    public func zipped() throws -> Data {
        let archive = try Archive(accessMode: .create)
        for part in parts {
            let bytes = part.data
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Self.entryDate,
                compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw DocumentError.packaging("arsip ZIP kosong") }
        return data
    }

    /// The parts of a stored document (a signed LHE read back).
    public init(zipped data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [PackagePart] = []
        for entry in archive where entry.type == .file {
            var bytes = Data()
            _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
            parts.append(PackagePart(path: entry.path, data: bytes))
        }
        self.init(parts: parts)
    }
}

/// What can go wrong while building a document.
public enum DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    case packaging(String)
    case template(String)
    case input(String)

    public var description: String {
        switch self {
        case .packaging(let m): "Gagal menyusun berkas: \(m)"
        case .template(let m): "Templat: \(m)"
        case .input(let m): "Masukan dokumen: \(m)"
        }
    }
}

/// Escapes text for XML element content and attribute values.
func xmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for ch in text.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        // XML 1.0 allows neither control characters other than tab, newline and return, nor
        // the noncharacters U+FFFE and U+FFFF: one in a note would break the whole part.
        case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}

let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/// The parts every package has: the content types (closed here), the package relationships
/// pointing at `main`, and the document properties.
func commonParts(types: String, main: String, title: String) -> [PackagePart] {
    let closed =
        types + """
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            <Override PartName="/docProps/app.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>
            """
    let rels = """
        \(xmlDeclaration)<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="\(main)"/>\
        <Relationship Id="rId2" \
        Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
        Target="docProps/core.xml"/>\
        <Relationship Id="rId3" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" \
        Target="docProps/app.xml"/></Relationships>
        """
    return [
        PackagePart(path: "[Content_Types].xml", xml: closed), PackagePart(path: "_rels/.rels", xml: rels),
        PackagePart(path: "docProps/core.xml", xml: corePropertiesXML(title: title)),
        PackagePart(path: "docProps/app.xml", xml: appPropertiesXML),
    ]
}
