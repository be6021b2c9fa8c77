/// A table from a short name (a symbol, an order id) to a value, hashed over the name's UTF-8
/// bytes with FNV-1a. A stage looks a symbol or an id up several times for nearly every record;
/// for keys this short the standard library's SipHash cost more than the rest of the lookup.
/// The hash starts from a value drawn once per process, so that no stream can be written to
/// make its keys collide (nothing depends on the table's order: output stays the same from run
/// to run). Open addressing with linear probing; a removal shifts the entries after it back, so
/// the table never fills with tombstones.
struct SymbolTable<Value> {
    private var keys: [String?] = Array(repeating: nil, count: 16)
    private var values: [Value?] = Array(repeating: nil, count: 16)
    /// Each slot's key's hash with its lowest bit set, 0 when empty: a probe compares these
    /// words and compares Strings only when they agree.
    private var hashes: [Int] = Array(repeating: 0, count: 16)
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { count == 0 }

    /// The value of `symbol`; setting nil removes it.
    subscript(symbol: String) -> Value? {
        get { count == 0 ? nil : values[find(symbol, hash: SymbolTable.hash(symbol))] }
        set {
            guard let newValue else { return remove(symbol) }
            values[insertionSlot(symbol)] = newValue
        }
    }

    /// The same, for a name hashed beforehand.
    subscript(key: SymbolKey) -> Value? {
        get { count == 0 ? nil : values[find(key.name, hash: key.hash)] }
        set {
            guard let newValue else { return remove(key.name, hash: key.hash) }
            values[insertionSlot(key.name, hash: key.hash)] = newValue
        }
    }

    /// Changes the value of `symbol` in place, starting from `initial` when it has none: one
    /// lookup where reading and then writing it would take two.
    @inline(__always)
    mutating func update<Result>(_ symbol: String, startingFrom initial: @autoclosure () -> Value,
                                 _ change: (inout Value) throws -> Result) rethrows -> Result {
        let slot = insertionSlot(symbol)
        if values[slot] == nil { values[slot] = initial() }
        return try change(&values[slot]!)
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

    /// The slot holding `symbol` (whose `hash` is given), or the empty slot where it would go.
    @inline(__always)
    private func find(_ symbol: String, hash: Int) -> Int {
        let mask = hashes.count &- 1
        var slot = SymbolTable.home(hash, mask)
        while true {
            let stored = hashes[slot]
            if stored == 0 || (stored == hash && keys[slot] == symbol) { return slot }
            slot = (slot &+ 1) & mask
        }
    }

    private mutating func insertionSlot(_ symbol: String) -> Int { insertionSlot(symbol, hash: SymbolTable.hash(symbol)) }

    /// The slot of `symbol`, its key stored (its value nil when it was absent).
    @inline(__always)
    private mutating func insertionSlot(_ symbol: String, hash: Int) -> Int {
        var slot = find(symbol, hash: hash)
        if hashes[slot] == 0 {
            if (count + 1) * 2 > hashes.count {
                grow()
                slot = find(symbol, hash: hash)
            }
            keys[slot] = symbol
            hashes[slot] = hash
            count += 1
        }
        return slot
    }

    private mutating func remove(_ symbol: String) { remove(symbol, hash: SymbolTable.hash(symbol)) }

    @inline(__always)
    private mutating func remove(_ symbol: String, hash: Int) {
        var hole = find(symbol, hash: hash)
        guard hashes[hole] != 0 else { return }
        keys[hole] = nil
        values[hole] = nil
        hashes[hole] = 0
        count -= 1
        // Move back each later entry of the run whose home slot is not between the hole and it.
        let mask = hashes.count &- 1
        var next = (hole &+ 1) & mask
        while hashes[next] != 0 {
            let home = SymbolTable.home(hashes[next], mask)
            if LinearProbing.mustMoveBack(home: home, into: hole, from: next) {
                keys[hole] = keys[next]
                values[hole] = values[next]
                hashes[hole] = hashes[next]
                keys[next] = nil
                values[next] = nil
                hashes[next] = 0
                hole = next
            }
            next = (next &+ 1) & mask
        }
    }

    /// Doubles the slots. The keys are known to differ, so each goes to the first empty slot
    /// from its home without comparing any.
    private mutating func grow() {
        let size = hashes.count * 2
        var grownKeys = [String?](repeating: nil, count: size)
        var grownValues = [Value?](repeating: nil, count: size)
        var grownHashes = [Int](repeating: 0, count: size)
        let mask = size &- 1
        for old in hashes.indices where hashes[old] != 0 {
            var slot = SymbolTable.home(hashes[old], mask)
            while grownHashes[slot] != 0 { slot = (slot &+ 1) & mask }
            grownHashes[slot] = hashes[old]
            swap(&grownKeys[slot], &keys[old])
            swap(&grownValues[slot], &values[old])
        }
        (keys, values, hashes) = (grownKeys, grownValues, grownHashes)
    }

    /// A hash's first slot. Its lowest bit is always set (it marks a full slot), so it is
    /// left out: with it, every key started on an odd slot.
    @inline(__always)
    static func home(_ hash: Int, _ mask: Int) -> Int { (hash >> 1) & mask }

    @inline(__always)
    static func hash(_ symbol: String) -> Int {
        var symbol = symbol
        return symbol.withUTF8 { bytes in
            var hash = symbolTableSeed
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return Int(truncatingIfNeeded: hash ^ (hash >> 32)) | 1
        }
    }
}

extension SymbolTable: Equatable where Value: Equatable {
    /// The same keys with the same values, whatever the order they were added in.
    static func == (lhs: SymbolTable, rhs: SymbolTable) -> Bool {
        lhs.count == rhs.count && lhs.entries.allSatisfy { rhs[$0.key] == $0.value }
    }
}

extension SymbolTable: Sendable where Value: Sendable {}

/// FNV-1a's offset basis, drawn at random (see `SymbolTable`).
private let symbolTableSeed = UInt64.random(in: .min ... .max) | 1
