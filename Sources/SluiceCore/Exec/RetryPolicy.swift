/// Exponential backoff with jitter: attempt n waits between half and all of
/// `base × 2^(n-1)` (capped at `maximum`), the share drawn from the seed and the order id so a
/// replay waits exactly as long. Waits are event time: the paper venue sees the order that much
/// later, and no stage ever sleeps in replay.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var base: Int64
    public var maximum: Int64
    public var seed: UInt64

    public init(maxAttempts: Int, base: Int64, maximum: Int64, seed: UInt64) {
        self.maxAttempts = maxAttempts
        self.base = base
        self.maximum = maximum
        self.seed = seed
    }

    /// Milliseconds to wait after failed attempt `attempt` (1-based) of order `id`.
    public func delay(after attempt: Int, of id: String) -> Int64 {
        let ceiling = min(maximum, base << Int64(min(attempt - 1, 30)))
        let half = ceiling / 2
        let share = StableRandom.unit(seed: seed, "backoff", id, Int64(attempt))
        return half + Int64(Double(ceiling - half) * share)
    }
}
