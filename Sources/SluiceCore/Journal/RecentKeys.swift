/// The last `capacity` keys seen, for telling repeats apart in constant memory: a record that
/// comes round the feedback ring again arrives within a few records of the first copy.
struct RecentKeys {
    let capacity: Int
    /// Hashed like symbols: the standard library's SipHash cost more than the rest of a fill.
    private var members = SymbolTable<Void>()
    private var order: [String] = []
    private var next = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds `key`; false if it is among the last `capacity` added.
    mutating func insert(_ key: String) -> Bool {
        guard members.insert(key, ()) else { return false }
        if order.count < capacity {
            order.append(key)
        } else {
            members[order[next]] = nil
            order[next] = key
            next = (next + 1) % capacity
        }
        return true
    }
}
