/// The last `capacity` keys seen, for telling repeats apart in constant memory: a record that
/// comes round the feedback ring again arrives within a few records of the first copy.
struct RecentKeys {
    let capacity: Int
    private var members: Set<String> = []
    private var order: [String] = []
    private var next = 0

    init(capacity: Int) {
        self.capacity = capacity
        members.reserveCapacity(capacity)
    }

    /// Adds `key`; false if it is among the last `capacity` added.
    mutating func insert(_ key: String) -> Bool {
        guard members.insert(key).inserted else { return false }
        if order.count < capacity {
            order.append(key)
        } else {
            members.remove(order[next])
            order[next] = key
            next = (next + 1) % capacity
        }
        return true
    }
}
