/// Wilder's average true range: the mean of the first `period` true ranges, then smoothed as
/// (previous × (period − 1) + true range) / period.
public struct AverageTrueRange: Sendable {
    public let period: Int
    private var previousClose: Decimal?
    private var seedSum = Decimal.zero
    private var seedCount = 0
    public private(set) var value: Decimal?

    public init(period: Int = 14) { self.period = period }

    public mutating func update(_ bar: Bar) {
        var range = bar.high - bar.low
        if let previousClose {
            range = max(range, (bar.high - previousClose).magnitude, (bar.low - previousClose).magnitude)
        }
        previousClose = bar.close
        if let current = value {
            value = (current * Decimal(period - 1) + range).dividedForIndicator(by: Decimal(period))
        } else {
            seedSum += range
            seedCount += 1
            if seedCount == period { value = seedSum.dividedForIndicator(by: Decimal(period)) }
        }
    }

    /// The value as signals carry it: 8 decimals at most.
    public var reported: Decimal? { value?.rounded(places: 8, .halfAwayFromZero) }
}
