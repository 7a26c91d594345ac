/// A page written as type-checked Swift: elements from a closed set of tags, attributes from
/// typed constructors, every text escaped on the way in; markup goes straight into the page's
/// text, without a tree or a template engine between (see docs/architecture.md, "Pages").
struct HTML {
    /// The page's bytes (UTF-8), as the response will send them. An array, not a `ByteBuffer`:
    /// appending to a buffer's class storage costs an exclusivity check per write.
    private(set) var bytes: [UInt8]

    init(capacity: Int = 8 << 10) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The page as text (tests, small fragments).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The tags the pages use.
    enum Tag: String {
        case html, head, body, title, header, main, nav, footer, section, article, div, span, p, a, b, strong, small
        case code, pre, h1, h2, h3, ul, ol, li, dl, dt, dd, table, thead, tbody, tr, th, td, form, label, select
        case option, textarea, button, details, summary, noscript, script, datalist
    }

    /// Elements without content.
    enum VoidTag: String {
        case meta, link, input, br, img
    }

    /// An element with its attributes and content.
    mutating func el(_ tag: Tag, _ attributes: [Attribute] = [], _ content: (inout HTML) -> Void = { _ in }) {
        open(tag.rawValue, attributes)
        content(&self)
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: tag.rawValue.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// An element holding only `content` as text.
    mutating func el(_ tag: Tag, _ attributes: [Attribute] = [], text content: String) {
        el(tag, attributes) { $0.text(content) }
    }

    mutating func void(_ tag: VoidTag, _ attributes: [Attribute]) { open(tag.rawValue, attributes) }

    /// Text, escaped.
    mutating func text(_ value: String) { Self.escape(value, into: &bytes) }

    /// Markup written in this source file (never text from a user or the database).
    mutating func markup(_ value: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    /// A fragment another view rendered (its texts escaped there), kept and put in whole.
    mutating func fragment(_ rendered: HTML) { bytes.append(contentsOf: rendered.bytes) }

    private mutating func open(_ name: String, _ attributes: [Attribute]) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        for attribute in attributes {
            switch attribute.value {
            case .absent: continue
            case .flag:
                bytes.append(UInt8(ascii: " "))
                bytes.append(contentsOf: attribute.name.utf8)
            case .text(let value):
                bytes.append(UInt8(ascii: " "))
                bytes.append(contentsOf: attribute.name.utf8)
                bytes.append(UInt8(ascii: "="))
                bytes.append(UInt8(ascii: "\""))
                Self.escape(value, into: &bytes)
                bytes.append(UInt8(ascii: "\""))
            }
        }
        bytes.append(UInt8(ascii: ">"))
    }

    /// Escapes for element content and quoted attribute values; copies whole runs that need none.
    static func escape(_ value: String, into out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() {
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                out.append(
                    contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                start = i + 1
            }
            if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
    }
}

/// An attribute of an element. Its value is escaped when written; a flag is written bare when set.
struct Attribute {
    enum Value {
        case text(String)
        case flag
        case absent
    }

    let name: String
    let value: Value

    init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value.map(Value.text) ?? .absent
    }

    init(flag name: String, _ on: Bool) {
        self.name = name
        self.value = on ? .flag : .absent
    }

    static func id(_ v: String) -> Attribute { Attribute("id", v) }
    static func `class`(_ v: String?) -> Attribute { Attribute("class", v) }
    static func href(_ v: String) -> Attribute { Attribute("href", v) }
    static func src(_ v: String) -> Attribute { Attribute("src", v) }
    static func name(_ v: String) -> Attribute { Attribute("name", v) }
    static func value(_ v: String?) -> Attribute { Attribute("value", v) }
    static func type(_ v: String) -> Attribute { Attribute("type", v) }
    static func placeholder(_ v: String) -> Attribute { Attribute("placeholder", v) }
    static func title(_ v: String?) -> Attribute { Attribute("title", v) }
    static func alt(_ v: String) -> Attribute { Attribute("alt", v) }
    static func action(_ v: String) -> Attribute { Attribute("action", v) }
    static func method(_ v: String) -> Attribute { Attribute("method", v) }
    static func rel(_ v: String) -> Attribute { Attribute("rel", v) }
    static func content(_ v: String) -> Attribute { Attribute("content", v) }
    static func role(_ v: String) -> Attribute { Attribute("role", v) }
    static func list(_ v: String) -> Attribute { Attribute("list", v) }
    static func accept(_ v: String) -> Attribute { Attribute("accept", v) }
    static func pattern(_ v: String) -> Attribute { Attribute("pattern", v) }
    static func autocomplete(_ v: String) -> Attribute { Attribute("autocomplete", v) }
    static func inputmode(_ v: String) -> Attribute { Attribute("inputmode", v) }
    static func rows(_ v: Int) -> Attribute { Attribute("rows", String(v)) }
    static func min(_ v: Int) -> Attribute { Attribute("min", String(v)) }
    static func max(_ v: Int) -> Attribute { Attribute("max", String(v)) }
    static func minlength(_ v: Int) -> Attribute { Attribute("minlength", String(v)) }
    static func style(_ v: String) -> Attribute { Attribute("style", v) }
    /// `data-…`
    static func data(_ name: String, _ v: String?) -> Attribute { Attribute("data-" + name, v) }
    /// `aria-…`
    static func aria(_ name: String, _ v: String?) -> Attribute { Attribute("aria-" + name, v) }
    static func selected(_ on: Bool) -> Attribute { Attribute(flag: "selected", on) }
    static func disabled(_ on: Bool) -> Attribute { Attribute(flag: "disabled", on) }
    static func required(_ on: Bool = true) -> Attribute { Attribute(flag: "required", on) }
    static func hidden(_ on: Bool) -> Attribute { Attribute(flag: "hidden", on) }
    static func checked(_ on: Bool) -> Attribute { Attribute(flag: "checked", on) }
    static func autofocus(_ on: Bool = true) -> Attribute { Attribute(flag: "autofocus", on) }
    static func open(_ on: Bool) -> Attribute { Attribute(flag: "open", on) }
    static func defer_() -> Attribute { Attribute(flag: "defer", true) }
}
