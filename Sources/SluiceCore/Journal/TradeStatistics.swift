/// Aggregates over closed round trips, kept as running sums so memory stays flat however many
/// trades there are. The definitions are those of journal(1).
public struct TradeStatistics: Sendable, Equatable {
    public var trades = 0
    public var wins = 0
    public var losses = 0
    public var grossWins = Decimal.zero
    /// Negative or zero.
    public var grossLosses = Decimal.zero
    public var gross = Decimal.zero
    public var fees = Decimal.zero
    public var net = Decimal.zero
    public var peak = Decimal.zero
    public var maxDrawdown = Decimal.zero
    public var losingStreak = 0
    public var longestLosingStreak = 0

    public init() {}

    public mutating func add(_ trip: RoundTrip) {
        trades += 1
        let net = trip.net
        if net.signum > 0 {
            wins += 1
            grossWins += net
            losingStreak = 0
        } else if net.signum < 0 {
            losses += 1
            grossLosses += net
            losingStreak += 1
            longestLosingStreak = max(longestLosingStreak, losingStreak)
        }
        gross += trip.gross
        fees += trip.fees
        self.net += net
        peak = max(peak, self.net)
        maxDrawdown = max(maxDrawdown, peak - self.net)
    }

    /// Wins over trades; nil without trades.
    public var winRate: Decimal? { ratio(Decimal(wins), Decimal(trades)) }
    public var averageWin: Decimal? { ratio(grossWins, Decimal(wins)) }
    public var averageLoss: Decimal? { ratio(grossLosses, Decimal(losses)) }
    /// Net P&L per trade.
    public var expectancy: Decimal? { ratio(net, Decimal(trades)) }
    /// The sum of winning trades over the magnitude of the sum of losing ones; nil without losses.
    public var profitFactor: Decimal? { ratio(grossWins, -grossLosses) }

    private func ratio(_ a: Decimal, _ b: Decimal) -> Decimal? {
        guard b.signum != 0 else { return nil }
        return try? a.divided(by: b, scale: 6).normalized
    }
}
