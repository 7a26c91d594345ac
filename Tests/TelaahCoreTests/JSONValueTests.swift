import Foundation
import Testing

@testable import TelaahCore

@Suite("JSON text")
struct JSONValueTests {
    @Test("strings are escaped as JSON requires and read back the same, Indonesian text as it is")
    func escaping() throws {
        let texts = [
            "", "Penetapan \"IKU\"", "C:\\data", "baris\nbaru\r\ttab", "\u{01}\u{1F}", "74,62 — ✓ é",
            "😀 Perangkat Daerah", "/api/v1",
        ]
        let value = JSONValue.object(texts.enumerated().map { ("k\($0.offset)", .string($0.element)) })
        for pretty in [false, true] {
            let text = value.rendered(pretty: pretty)
            #expect(try JSONValue.parse(text) == value)
            // Foundation reads it the same.
            let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
            #expect(foundation?["k4"] == "\u{01}\u{1F}" && foundation?["k6"] == "😀 Perangkat Daerah")
        }
        #expect(
            JSONValue.string("a\"b\\c\nd\u{01}é").rendered(pretty: false) == #""a\"b\\c\nd\u0001é""#)
    }

    @Test("pretty output indents by two spaces and ends with a newline; compact has no spaces")
    func layout() {
        let value = JSONValue.object([("a", .array([.number("1"), .null])), ("b", .object([])), ("c", .bool(true))])
        #expect(value.rendered(pretty: false) == #"{"a":[1,null],"b":{},"c":true}"#)
        #expect(value.rendered() == "{\n  \"a\": [\n    1,\n    null\n  ],\n  \"b\": {},\n  \"c\": true\n}\n")
    }
}
