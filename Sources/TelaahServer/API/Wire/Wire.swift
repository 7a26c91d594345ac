import Foundation
import TelaahCore

/// How request and response types travel as JSON. Their properties carry the wire names
/// (`display_name`), every key is written (nil as `null`) in the order the type encodes it, ids as
/// text, and exact decimals (`Figure`) as the digits they are, never through `Double`. The same
/// types describe the API in `/openapi.json` (`SchemaDecoder`), so the document follows them.
enum Wire {
    /// `value` as the core's JSON value (rendered by `JSONValue.rendered`).
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let slot = Slot()
        try slot.encode(value, path: [])
        return slot.json
    }
}

/// A type written as a JSON number from its exact text.
protocol WireNumber {
    var wireNumberText: String { get }
}

/// A type written as the JSON value it holds (a document the core writes).
protocol WireJSON {
    var json: JSONValue { get }
}

/// A value of the wire that is neither a keyed nor an unkeyed container of other values.
private enum Leaf {
    case json(JSONValue)
    case object(ObjectBox)
    case array(ArrayBox)
}

private final class ObjectBox {
    var members: [(String, Slot)] = []

    func slot(_ key: String) -> Slot {
        if let known = members.first(where: { $0.0 == key }) { return known.1 }
        let slot = Slot()
        members.append((key, slot))
        return slot
    }
}

private final class ArrayBox {
    var items: [Slot] = []
}

/// Where one encoded value goes.
private final class Slot {
    var leaf: Leaf = .json(.null)

    var json: JSONValue {
        switch leaf {
        case .json(let value): value
        case .object(let box): .object(box.members.map { ($0.0, $0.1.json) })
        case .array(let box): .array(box.items.map(\.json))
        }
    }

    // The plain types first: a cast to a concrete type compares two pointers, a cast to a
    // protocol looks the conformance up.
    func encode<T: Encodable>(_ value: T, path: [any CodingKey]) throws {
        switch value {
        case let text as String: leaf = .json(.string(text))
        case let flag as Bool: leaf = .json(.bool(flag))
        case let number as Int: leaf = .json(.number(String(number)))
        case let id as UUID: leaf = .json(.string(id.uuidString))
        case let number as Int64: leaf = .json(.number(String(number)))
        case let date as Date: leaf = .json(.string(UTCTimestamp.string(date)))
        case let number as WireNumber: leaf = .json(.number(number.wireNumberText))
        case let document as WireJSON: leaf = .json(document.json)
        default: try value.encode(to: SlotEncoder(slot: self, codingPath: path))
        }
    }
}

private struct SlotEncoder: Encoder {
    let slot: Slot
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: ObjectBox
        if case .object(let existing) = slot.leaf {
            box = existing
        } else {
            box = ObjectBox()
            slot.leaf = .object(box)
        }
        return KeyedEncodingContainer(KeyedSlots<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box = ArrayBox()
        slot.leaf = .array(box)
        return UnkeyedSlots(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleSlot(slot: slot, codingPath: codingPath) }
}

private struct KeyedSlots<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ObjectBox
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { box.slot(key.stringValue).leaf = .json(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try box.slot(key.stringValue).encode(value, path: codingPath + [key])
    }

    // Every key is written: a missing value is `null`, so a client sees each field of the type.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        SlotEncoder(slot: box.slot(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: box.slot(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: box.slot("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        SlotEncoder(slot: box.slot(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedSlots: UnkeyedEncodingContainer {
    let box: ArrayBox
    var codingPath: [any CodingKey]
    var count: Int { box.items.count }

    private func next() -> Slot {
        let slot = Slot()
        box.items.append(slot)
        return slot
    }

    mutating func encodeNil() throws { next().leaf = .json(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try next().encode(value, path: codingPath) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        SlotEncoder(slot: next(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: next(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: next(), codingPath: codingPath) }
}

private struct SingleSlot: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.leaf = .json(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try slot.encode(value, path: codingPath) }
    mutating func encode(_ value: String) throws { slot.leaf = .json(.string(value)) }
    mutating func encode(_ value: Bool) throws { slot.leaf = .json(.bool(value)) }
    mutating func encode(_ value: Int) throws { slot.leaf = .json(.number(String(value))) }
    mutating func encode(_ value: Double) throws { slot.leaf = .json(.number("\(value)")) }
}

/// An exact decimal on the wire, with two decimals (`4.20`), as every score, total and mean.
struct Figure: Codable, Sendable, Equatable, WireNumber {
    var value: ExactDecimal
    var places: Int?

    init(_ value: ExactDecimal, places: Int? = 2) {
        self.value = value
        self.places = places
    }

    var wireNumberText: String { value.plain(places: places) }

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(Double.self)
        guard let value = ExactDecimal(parsing: "\(text)") else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bukan angka"))
        }
        self.init(value)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Double(wireNumberText) ?? 0)
    }
}

/// Objects keyed by an id of the framework (`"1.a": {…}`), in framework order.
struct IDMap<Value: Codable & Sendable>: Codable, Sendable {
    var entries: [(id: String, value: Value)]

    init(_ entries: [(id: String, value: Value)]) { self.entries = entries }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        entries = try container.allKeys.map { ($0.stringValue, try container.decode(Value.self, forKey: $0)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (id, value) in entries { try container.encode(value, forKey: Key(stringValue: id)) }
    }
}
