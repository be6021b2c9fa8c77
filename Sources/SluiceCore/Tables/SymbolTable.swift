/// A table from symbol to value that only grows, hashed over the symbol's UTF-8 bytes with
/// FNV-1a. A stage looks a symbol up for nearly every record; for keys this short the standard
/// library's SipHash cost more than the rest of the lookup. The hash starts from a value drawn
/// once per process, so that no stream can be written to make its symbols collide (nothing
/// depends on the table's order: output stays the same from run to run).
struct SymbolTable<Value> {
    private var keys: [String?] = Array(repeating: nil, count: 16)
    private var values: [Value?] = Array(repeating: nil, count: 16)
    private(set) var count = 0

    init() {}

    subscript(symbol: String) -> Value? {
        get {
            let slot = find(symbol)
            return keys[slot] == nil ? nil : values[slot]
        }
        set {
            guard let newValue else { preconditionFailure("a symbol table only grows") }
            var slot = find(symbol)
            if keys[slot] == nil {
                if (count + 1) * 2 > keys.count {
                    grow()
                    slot = find(symbol)
                }
                keys[slot] = symbol
                count += 1
            }
            values[slot] = newValue
        }
    }

    /// Changes the value of `symbol` in place, starting from `initial` when it has none: one
    /// lookup where reading and then writing it would take two.
    @inline(__always)
    mutating func update(_ symbol: String, startingFrom initial: @autoclosure () -> Value, _ change: (inout Value) -> Void) {
        var slot = find(symbol)
        if keys[slot] == nil {
            if (count + 1) * 2 > keys.count {
                grow()
                slot = find(symbol)
            }
            keys[slot] = symbol
            values[slot] = initial()
            count += 1
        }
        change(&values[slot]!)
    }

    /// Every symbol with its value, in no particular order.
    var entries: [(key: String, value: Value)] {
        zip(keys, values).compactMap { key, value in key.map { ($0, value!) } }
    }

    /// The slot holding `symbol`, or the empty slot where it would go.
    private func find(_ symbol: String) -> Int {
        let mask = keys.count &- 1
        var slot = SymbolTable.hash(symbol) & mask
        while let key = keys[slot], key != symbol { slot = (slot &+ 1) & mask }
        return slot
    }

    private mutating func grow() {
        let old = zip(keys, values)
        keys = Array(repeating: nil, count: keys.count * 2)
        values = Array(repeating: nil, count: keys.count)
        for case let (key?, value?) in old {
            let slot = find(key)
            keys[slot] = key
            values[slot] = value
        }
    }

    @inline(__always)
    static func hash(_ symbol: String) -> Int {
        var symbol = symbol
        return symbol.withUTF8 { bytes in
            var hash = symbolTableSeed
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return Int(truncatingIfNeeded: hash ^ (hash >> 32))
        }
    }
}

/// FNV-1a's offset basis, drawn at random (see `SymbolTable`).
private let symbolTableSeed = UInt64.random(in: .min ... .max) | 1
