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
