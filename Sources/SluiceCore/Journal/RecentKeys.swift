/// The last `capacity` keys seen, for telling repeats apart in constant memory: a record that
/// comes round the feedback ring again arrives within a few records of the first copy.
///
/// The keys live once, in the order they came; an open-addressing table of their places finds
/// them. Each slot is one word, a key's hash (hashed like symbols: the standard library's
/// SipHash cost more than the rest of a fill) and its place, so 65,536 keys take 1 MB of table
/// besides their own bytes. A full window forgets its oldest key before it takes a new one, and
/// a removal shifts the entries after it back, so the table never fills with tombstones.
struct RecentKeys {
    let capacity: Int
    /// The keys in the order they came; once full, a ring whose oldest key is at `oldest`.
    private var order: [String] = []
    private var oldest = 0
    /// Hash in the high 32 bits, place in `order` plus one in the low 32; 0 is empty. At most
    /// half full.
    private var slots: [UInt64]

    init(capacity: Int) {
        self.capacity = capacity
        var count = 16
        while count < capacity * 2 { count *= 2 }
        slots = [UInt64](repeating: 0, count: count)
    }

    /// Adds `key`; false if it is among the last `capacity` added.
    mutating func insert(_ key: String) -> Bool {
        let hash = RecentKeys.hash(key)
        var slot = find(key, hash: hash)
        guard slots[slot] == 0 else { return false }
        let place: Int
        if order.count < capacity {
            place = order.count
            order.append(key)
        } else {
            place = oldest
            remove(at: find(order[oldest], hash: RecentKeys.hash(order[oldest])))
            order[oldest] = key
            oldest = (oldest + 1) % capacity
            // The removal may have moved the entries of this key's run.
            slot = find(key, hash: hash)
        }
        slots[slot] = hash << 32 | UInt64(place + 1)
        return true
    }

    private static func hash(_ key: String) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: SymbolKey(key).hash >> 1))
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: String, hash: UInt64) -> Int {
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 || (entry >> 32 == hash && order[Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1] == key) { return slot }
            slot = (slot &+ 1) & mask
        }
    }

    /// Empties `slot`, moving back each later entry of its run whose home is not between the
    /// hole and it.
    private mutating func remove(at slot: Int) {
        let mask = slots.count &- 1
        var hole = slot
        slots[hole] = 0
        var probe = (hole &+ 1) & mask
        while slots[probe] != 0 {
            let home = Int(truncatingIfNeeded: slots[probe] >> 32) & mask
            if LinearProbing.mustMoveBack(home: home, into: hole, from: probe) {
                slots[hole] = slots[probe]
                slots[probe] = 0
                hole = probe
            }
            probe = (probe &+ 1) & mask
        }
    }
}
