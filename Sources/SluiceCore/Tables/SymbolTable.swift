/// A table from a short name (a symbol, an order id) to a value. A stage looks a symbol or an id
/// up several times for nearly every record, and for names this short the standard library's
/// Dictionary (SipHash, then String comparison with its retains and releases) cost more than the
/// rest of the lookup. Each slot keeps its name as `SymbolKey` packs it, so a probe compares a
/// few words (see `SymbolKey` for the hash). Open addressing with linear probing; a removal
/// shifts the entries after it back, so the table never fills with tombstones.
struct SymbolTable<Value> {
    /// A slot's name as packed words; `hash` is 0 when the slot is empty.
    private struct Slot {
        var hash = 0
        var low: UInt64 = 0
        var high: UInt64 = 0
        var length = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 16)
    private var keys = [String?](repeating: nil, count: 16)
    private var values = [Value?](repeating: nil, count: 16)
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { count == 0 }

    /// The value of `symbol`; setting nil removes it.
    subscript(symbol: String) -> Value? {
        get { self[SymbolKey(symbol)] }
        set { self[SymbolKey(symbol)] = newValue }
    }

    /// The same, for a name packed beforehand.
    subscript(key: SymbolKey) -> Value? {
        get { count == 0 ? nil : values[find(key)] }
        set {
            guard let newValue else { return remove(at: find(key)) }
            values[insertionSlot(key)] = newValue
        }
    }

    /// Changes the value of `symbol` in place, starting from `initial` when it has none: one
    /// lookup where reading and then writing it would take two.
    @inline(__always)
    mutating func update<Result>(_ symbol: String, startingFrom initial: @autoclosure () -> Value,
                                 _ change: (inout Value) throws -> Result) rethrows -> Result {
        let slot = insertionSlot(SymbolKey(symbol))
        if values[slot] == nil { values[slot] = initial() }
        return try change(&values[slot]!)
    }

    /// Changes the value of `symbol` in place when it has one, and removes it when `change`
    /// returns false: one lookup for what a read, then a write or a removal, would look up twice.
    @inline(__always)
    mutating func update(existing symbol: String, _ change: (inout Value) throws -> Bool) rethrows {
        guard count > 0 else { return }
        let slot = find(SymbolKey(symbol))
        guard values[slot] != nil else { return }
        if try !change(&values[slot]!) { remove(at: slot) }
    }

    /// Removes the value of `symbol` and returns it, in one lookup.
    mutating func removeValue(for symbol: String) -> Value? {
        guard count > 0 else { return nil }
        let slot = find(SymbolKey(symbol))
        defer { remove(at: slot) }
        return values[slot]
    }

    /// Sets the value of `symbol` and returns the one it replaces, in one lookup.
    @inline(__always)
    mutating func replaceValue(_ value: Value, for symbol: String) -> Value? {
        let slot = insertionSlot(SymbolKey(symbol))
        let replaced = values[slot]
        values[slot] = value
        return replaced
    }

    /// Every key with its value, in no particular order.
    var entries: [(key: String, value: Value)] {
        zip(keys, values).compactMap { key, value in key.map { ($0, value!) } }
    }

    /// Every key, in no particular order.
    var names: [String] {
        var names: [String] = []
        names.reserveCapacity(count)
        for case let key? in keys { names.append(key) }
        return names
    }

    mutating func removeAll() { self = SymbolTable() }

    /// The slot holding `key`, or the empty slot where it would go. Only a name longer than
    /// its packed words is compared as a String, and only when everything else agrees.
    @inline(__always)
    private func find(_ key: SymbolKey) -> Int {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count &- 1
            var slot = SymbolTable.home(key.hash, mask)
            while true {
                let stored = slots[slot]
                if stored.hash == 0 { return slot }
                if stored.hash == key.hash && stored.low == key.low && stored.high == key.high && stored.length == key.length
                    && (key.length <= SymbolKey.packedLength || keys[slot] == key.name) {
                    return slot
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// The slot of `key`, its name stored (its value nil when it was absent).
    @inline(__always)
    private mutating func insertionSlot(_ key: SymbolKey) -> Int {
        var slot = find(key)
        if slots[slot].hash == 0 {
            if (count + 1) * 2 > slots.count {
                grow()
                slot = find(key)
            }
            keys[slot] = key.name
            slots[slot] = Slot(hash: key.hash, low: key.low, high: key.high, length: key.length)
            count += 1
        }
        return slot
    }

    /// Empties `hole` (nothing when it is already empty), then moves back each later entry of
    /// its run whose home slot is not between the hole and it.
    private mutating func remove(at slot: Int) {
        var hole = slot
        guard slots[hole].hash != 0 else { return }
        keys[hole] = nil
        values[hole] = nil
        slots[hole] = Slot()
        count -= 1
        let mask = slots.count &- 1
        var next = (hole &+ 1) & mask
        while slots[next].hash != 0 {
            let home = SymbolTable.home(slots[next].hash, mask)
            if LinearProbing.mustMoveBack(home: home, into: hole, from: next) {
                slots[hole] = slots[next]
                keys.swapAt(hole, next)
                values.swapAt(hole, next)
                slots[next] = Slot()
                hole = next
            }
            next = (next &+ 1) & mask
        }
    }

    /// Doubles the slots. The keys are known to differ, so each goes to the first empty slot
    /// from its home without comparing any.
    private mutating func grow() {
        let size = slots.count * 2
        var grownSlots = [Slot](repeating: Slot(), count: size)
        var grownKeys = [String?](repeating: nil, count: size)
        var grownValues = [Value?](repeating: nil, count: size)
        let mask = size &- 1
        for old in slots.indices where slots[old].hash != 0 {
            var slot = SymbolTable.home(slots[old].hash, mask)
            while grownSlots[slot].hash != 0 { slot = (slot &+ 1) & mask }
            grownSlots[slot] = slots[old]
            swap(&grownKeys[slot], &keys[old])
            swap(&grownValues[slot], &values[old])
        }
        (slots, keys, values) = (grownSlots, grownKeys, grownValues)
    }

    /// A hash's first slot. Its lowest bit is always set (it marks a full slot), so it is
    /// left out: with it, every key started on an odd slot.
    @inline(__always)
    static func home(_ hash: Int, _ mask: Int) -> Int { (hash >> 1) & mask }
}

extension SymbolTable: Equatable where Value: Equatable {
    /// The same keys with the same values, whatever the order they were added in.
    static func == (lhs: SymbolTable, rhs: SymbolTable) -> Bool {
        lhs.count == rhs.count && lhs.entries.allSatisfy { rhs[$0.key] == $0.value }
    }
}

extension SymbolTable: Sendable where Value: Sendable {}
