import Foundation
import TelaahCore

/// A type that states its own JSON Schema (a constrained text, a map keyed by ids) instead of
/// having it read from its `Decodable` conformance, and gives a value to stand in for it.
protocol SchemaDescribable {
    static func schema(_ schemas: SchemaRegistry) -> JSONValue
    static var schemaExample: Self { get }
}

/// A closed set of texts (roles, stages, statuses): its schema lists them.
protocol SchemaEnum: CaseIterable, RawRepresentable where RawValue == String {}

/// The JSON Schemas of the API's request and response types, read from their `Decodable`
/// conformance: every key the type decodes becomes a property, `decode` makes it required and
/// `decodeIfPresent` optional; nested types become named schemas under `components`.
final class SchemaRegistry {
    /// Named object schemas, in the order first met.
    private(set) var components: [(String, JSONValue)] = []
    private var naming: [ObjectIdentifier: String] = [:]

    /// The schema of `type`: a `$ref` for an object type, the schema itself otherwise.
    func schema<T: Decodable>(_ type: T.Type) -> JSONValue {
        if let known = Self.primitive(T.self) { return known }
        if let described = T.self as? any SchemaDescribable.Type { return described.schema(self) }
        if let closed = T.self as? any SchemaEnum.Type { return Self.enumSchema(closed) }
        let id = ObjectIdentifier(T.self)
        if let name = naming[id] { return .object([("$ref", .string("#/components/schemas/\(name)"))]) }
        let name = Self.name(of: T.self)
        naming[id] = name
        let index = components.count
        components.append((name, .object([])))
        let reader = SchemaReader(registry: self)
        _ = try? T(from: reader)
        components[index].1 = reader.node.schema
        return .object([("$ref", .string("#/components/schemas/\(name)"))])
    }

    /// A value of `T` made of stand-in values (what a schema reading returns to the type's init).
    fileprivate func example<T: Decodable>(_ type: T.Type) throws -> T {
        if let described = T.self as? any SchemaDescribable.Type { return described.schemaExample as! T }
        if let closed = T.self as? any SchemaEnum.Type { return Self.firstCase(closed) as! T }
        if T.self == UUID.self { return UUID() as! T }
        if T.self == Date.self { return Date() as! T }
        if T.self == String.self { return "" as! T }
        if T.self == Int.self { return 0 as! T }
        if T.self == Int64.self { return Int64(0) as! T }
        if T.self == Bool.self { return false as! T }
        if T.self == Double.self { return 0.0 as! T }
        return try T(from: SchemaReader(registry: self))
    }

    /// `AnswerController.Saved` → `AnswerSaved`: unique across controllers, readable in the document.
    static func name<T>(of type: T.Type) -> String {
        _typeName(type, qualified: true).split(separator: ".").dropFirst()
            .map { $0.hasSuffix("Controller") ? String($0.dropLast("Controller".count)) : String($0) }.joined()
    }

    static func primitive<T>(_ type: T.Type) -> JSONValue? {
        switch type {
        case is String.Type: .object([("type", .string("string"))])
        case is Int.Type, is Int64.Type: .object([("type", .string("integer"))])
        case is Bool.Type: .object([("type", .string("boolean"))])
        case is Double.Type: .object([("type", .string("number"))])
        case is UUID.Type: .object([("type", .string("string")), ("format", .string("uuid"))])
        case is Date.Type: .object([("type", .string("string")), ("format", .string("date-time"))])
        default: nil
        }
    }

    private static func enumSchema<E: SchemaEnum>(_ type: E.Type) -> JSONValue {
        .object([("type", .string("string")), ("enum", .array(type.allCases.map { .string($0.rawValue) }))])
    }

    private static func firstCase<E: SchemaEnum>(_ type: E.Type) -> E { type.allCases.first! }
}

/// What a reading found of one value: an object's properties, an array's items, or a schema.
private final class SchemaNode {
    var properties: [(String, JSONValue, required: Bool)] = []
    var items: JSONValue?
    var single: JSONValue?

    var schema: JSONValue {
        if let single { return single }
        if let items { return .object([("type", .string("array")), ("items", items)]) }
        var members: [(String, JSONValue)] = [
            ("type", .string("object")),
            ("properties", .object(properties.map { ($0.0, $0.1) })),
        ]
        let required = properties.filter(\.required).map { JSONValue.string($0.0) }
        if !required.isEmpty { members.append(("required", .array(required))) }
        return .object(members)
    }
}

/// A `Decoder` that reads a type's shape: each value it is asked for is recorded and answered
/// with a stand-in.
private struct SchemaReader: Decoder {
    let registry: SchemaRegistry
    let node = SchemaNode()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedReader<Key>(registry: registry, node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { UnkeyedReader(registry: registry, node: node) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleReader(registry: registry, node: node)
    }
}

private struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let registry: SchemaRegistry
    let node: SchemaNode
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }

    private func record<T: Decodable>(_ type: T.Type, _ key: Key, required: Bool) throws -> T {
        var schema = registry.schema(T.self)
        if !required, case .object(var members) = schema, !members.contains(where: { $0.0 == "$ref" }) {
            members.append(("nullable", .bool(true)))
            schema = .object(members)
        } else if !required {
            schema = .object([("allOf", .array([schema])), ("nullable", .bool(true))])
        }
        node.properties.append((key.stringValue, schema, required))
        return try registry.example(T.self)
    }

    func decodeNil(forKey key: Key) throws -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try record(type, key, required: true) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try record(type, key, required: false)
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try record(type, key, required: false)
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try record(type, key, required: false) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try record(type, key, required: false) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try record(type, key, required: true) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try record(type, key, required: true) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try record(type, key, required: true) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let child = SchemaNode()
        node.properties.append((key.stringValue, .object([("type", .string("object"))]), true))
        return KeyedDecodingContainer(KeyedReader<NestedKey>(registry: registry, node: child))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        UnkeyedReader(registry: registry, node: SchemaNode())
    }

    func superDecoder() throws -> any Decoder { SchemaReader(registry: registry) }
    func superDecoder(forKey key: Key) throws -> any Decoder { SchemaReader(registry: registry) }
}

private struct UnkeyedReader: UnkeyedDecodingContainer {
    let registry: SchemaRegistry
    let node: SchemaNode
    var codingPath: [any CodingKey] { [] }
    var count: Int? { nil }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    init(registry: SchemaRegistry, node: SchemaNode) {
        self.registry = registry
        self.node = node
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        node.items = registry.schema(T.self)
        currentIndex += 1
        return try registry.example(T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        currentIndex += 1
        return KeyedDecodingContainer(KeyedReader<NestedKey>(registry: registry, node: SchemaNode()))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return UnkeyedReader(registry: registry, node: SchemaNode())
    }

    mutating func superDecoder() throws -> any Decoder { SchemaReader(registry: registry) }
}

private struct SingleReader: SingleValueDecodingContainer {
    let registry: SchemaRegistry
    let node: SchemaNode
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        node.single = registry.schema(T.self)
        return try registry.example(T.self)
    }
}

// MARK: - Types with schemas of their own

extension IDMap: SchemaDescribable {
    static func schema(_ schemas: SchemaRegistry) -> JSONValue {
        .object([("type", .string("object")), ("additionalProperties", schemas.schema(Value.self))])
    }

    static var schemaExample: IDMap<Value> { IDMap([]) }
}

extension Figure: SchemaDescribable {
    static func schema(_ schemas: SchemaRegistry) -> JSONValue {
        .object([
            ("type", .string("number")),
            ("description", .string("Angka desimal tepat, dua angka di belakang koma (4.20)")),
        ])
    }

    static var schemaExample: Figure { Figure(.zero) }
}

/// A text that must hold something other than spaces: names, titles. Refused when blank, both
/// by the schema and by the server (422).
struct Text: Codable, Sendable, Equatable, SchemaDescribable, CustomStringConvertible {
    var value: String

    init(_ value: String) { self.value = value }

    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    var description: String { value }
    var trimmed: String { value.trimmingCharacters(in: .whitespacesAndNewlines) }

    static func schema(_ schemas: SchemaRegistry) -> JSONValue {
        .object([("type", .string("string")), ("minLength", .int(1)), ("pattern", .string("\\S"))])
    }

    static var schemaExample: Text { Text("x") }
}
