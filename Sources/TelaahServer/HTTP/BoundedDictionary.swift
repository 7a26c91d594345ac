import Synchronization

/// A dictionary that keeps at most `capacity` entries: the oldest inserted goes first. Not
/// locked; its owner (an actor, a mutex) guards it.
struct BoundedDictionary<Key: Hashable, Value> {
    private var values: [Key: Value] = [:]
    private var order: [Key] = []
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    subscript(key: Key) -> Value? { values[key] }

    var count: Int { values.count }

    mutating func insert(_ value: Value, for key: Key) {
        if values.updateValue(value, forKey: key) == nil { order.append(key) }
        while order.count > capacity { values[order.removeFirst()] = nil }
    }
}

/// Values made from a state their key names in full (a version, a count), each made once and
/// kept: a kept value is never stale, so it is never invalidated, only dropped when the oldest.
/// Per process; correct across processes because the key names the state.
final class StateCache<Value: Sendable>: Sendable {
    private let entries: Mutex<BoundedDictionary<String, Value>>

    init(capacity: Int) { entries = Mutex(BoundedDictionary(capacity: capacity)) }

    /// The value kept for `key`, or `make`'s, then kept.
    func value(for key: String, make: () async throws -> Value) async throws -> Value {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let made = try await make()
        entries.withLock { $0.insert(made, for: key) }
        return made
    }
}
