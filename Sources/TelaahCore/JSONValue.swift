/// A JSON value that keeps numbers as their literal text (so `24.50` is read exactly, never
/// through `Double`) and objects in their written key order (so output is stable and readable).
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number's literal text, e.g. `"24.50"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A number from an exact decimal, written with `places` decimals (all significant ones if nil).
    public static func decimal(_ value: ExactDecimal, places: Int? = nil) -> JSONValue {
        .number(value.plain(places: places))
    }

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var members: [(String, JSONValue)]? {
        if case .object(let m) = self { return m }
        return nil
    }

    public var elements: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The value as an exact decimal, for a number (or a string holding one).
    public var decimalValue: ExactDecimal? {
        switch self {
        case .number(let text): return ExactDecimal(parsing: text)
        case .string(let text): return ExactDecimal(parsing: text)
        default: return nil
        }
    }

    /// A short name of the value's kind, in Indonesian, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "angka"
        case .string: "teks"
        case .array: "daftar"
        case .object: "objek"
        }
    }
}

// MARK: - Writing

extension JSONValue {
    /// Pretty-printed JSON with two-space indentation and a final newline.
    public func rendered(pretty: Bool = true) -> String {
        // Written as UTF-8 bytes, strings copied whole unless they need escaping: appending scalar
        // by scalar to a String was a tenth of a save's CPU.
        var out = JSONBytes()
        out.bytes.reserveCapacity(1024)
        write(into: &out, indent: pretty ? 0 : nil)
        if pretty { out.append("\n") }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private func write(into out: inout JSONBytes, indent: Int?) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let n): out.append(n)
        case .string(let s): out.appendQuoted(s)
        case .array(let items):
            if items.isEmpty {
                out.append("[]")
                return
            }
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(",") }
                out.newline(indent.map { $0 + 1 })
                item.write(into: &out, indent: indent.map { $0 + 1 })
            }
            out.newline(indent)
            out.append("]")
        case .object(let members):
            if members.isEmpty {
                out.append("{}")
                return
            }
            out.append("{")
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(",") }
                out.newline(indent.map { $0 + 1 })
                out.appendQuoted(key)
                out.append(indent == nil ? ":" : ": ")
                value.write(into: &out, indent: indent.map { $0 + 1 })
            }
            out.newline(indent)
            out.append("}")
        }
    }
}

/// The output of `JSONValue.rendered`: UTF-8 bytes.
private struct JSONBytes {
    var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func newline(_ indent: Int?) {
        guard let indent else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or `\u00XX`;
    /// everything else (all of UTF-8 from U+0020) as it is.
    mutating func appendQuoted(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: utf8[start..<i])
                start = i + 1
                switch byte {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                default:
                    let hex = String(byte, radix: 16)
                    append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                }
            }
            bytes.append(contentsOf: utf8[start...])
        }
        bytes.append(0x22)
    }
}

// MARK: - Reading

/// A JSON syntax error with its 1-based line and column.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "baris \(line), kolom \(column): \(message)" }
}

extension JSONValue {
    /// Parses JSON text (RFC 8259). Duplicate keys are an error: a value given twice is a typo.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.atEnd else { throw parser.error("teks berlebih setelah nilai JSON") }
        return value
    }
}

private struct JSONParser {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position >= bytes.count }

    func error(_ message: String) -> JSONSyntaxError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(position, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxError(line: line, column: column, message: message)
    }

    mutating func skipWhitespace() {
        while position < bytes.count,
            [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position])
        {
            position += 1
        }
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < 256 else { throw error("struktur terlalu dalam") }
        guard position < bytes.count else { throw error("nilai JSON terputus") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("nilai JSON tidak dikenal")
        }
    }

    mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard position + w.count <= bytes.count, Array(bytes[position..<position + w.count]) == w else {
            throw error("nilai JSON tidak dikenal")
        }
        position += w.count
    }

    mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var members: [(String, JSONValue)] = []
        var seen = Set<String>()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("nama kunci (teks dalam tanda petik) diharapkan")
            }
            let keyStart = position
            let key = try parseString()
            guard seen.insert(key).inserted else {
                position = keyStart
                throw error("kunci \"\(key)\" ditulis dua kali")
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("tanda ':' diharapkan")
            }
            position += 1
            skipWhitespace()
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            guard position < bytes.count else { throw error("objek JSON tidak ditutup") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw error("tanda ',' atau '}' diharapkan") }
            position += 1
            return .object(members)
        }
    }

    mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else { throw error("daftar JSON tidak ditutup") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw error("tanda ',' atau ']' diharapkan") }
            position += 1
            return .array(items)
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        func digits(_ p: inout Int) -> Int {
            let s = p
            while p < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[p]) { p += 1 }
            return p - s
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard digits(&position) > 0 else { throw error("angka tidak sah") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&position) > 0 else { throw error("angka tidak sah") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits(&position) > 0 else { throw error("angka tidak sah") }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flush(_ s: inout String.UnicodeScalarView, _ from: Int, _ to: Int) {
            s.append(contentsOf: String(decoding: bytes[from..<to], as: UTF8.self).unicodeScalars)
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                flush(&scalars, runStart, position)
                position += 1
                return String(scalars)
            }
            if byte < 0x20 { throw error("karakter kendali di dalam teks") }
            if byte == UInt8(ascii: "\\") {
                flush(&scalars, runStart, position)
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { throw error("pasangan surrogate tidak lengkap") }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("pasangan surrogate tidak sah") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("kode Unicode tidak sah") }
                    scalars.append(scalar)
                default: throw error("escape tidak sah")
                }
                runStart = position
                continue
            }
            position += 1
        }
        throw error("teks tidak ditutup dengan tanda petik")
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("escape \\u terputus") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("escape \\u tidak sah")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }
}
