import Glibc

/// What account snapshots say about the account as a whole, as running sums: the equity at the
/// end of each UTC day gives the daily returns behind Sharpe and Sortino, every snapshot the
/// drawdown of equity in percent.
public struct EquityCurve: Sendable {
    public var periodsPerYear = 252.0
    var day: Int64?
    var dayEquity: Decimal?
    var previousClose: Decimal?
    var returns = 0
    var sum = 0.0
    var sumOfSquares = 0.0
    var downsideSquares = 0.0
    public private(set) var peak: Decimal?
    /// The largest fall of equity from its peak so far, as a fraction of that peak.
    public private(set) var maxDrawdownFraction = 0.0

    public init() {}

    public mutating func add(equity: Decimal, at ts: Timestamp) {
        let today = ts.milliseconds / 86_400_000
        if let day, today != day { closeDay() }
        day = today
        dayEquity = equity
        if peak.map({ equity > $0 }) ?? true { peak = equity }
        if let peak, peak.signum > 0 {
            maxDrawdownFraction = max(maxDrawdownFraction, (peak - equity).approximation / peak.approximation)
        }
    }

    private mutating func closeDay() {
        guard let close = dayEquity else { return }
        if let previous = previousClose, previous.signum > 0 {
            let r = close.approximation / previous.approximation - 1
            returns += 1
            sum += r
            sumOfSquares += r * r
            downsideSquares += min(r, 0) * min(r, 0)
        }
        previousClose = close
    }

    /// The daily returns so far, the day still open included.
    private func totals() -> (n: Int, sum: Double, squares: Double, downside: Double) {
        var copy = self
        copy.closeDay()
        return (copy.returns, copy.sum, copy.sumOfSquares, copy.downsideSquares)
    }

    /// Mean daily return over its sample standard deviation, times √(periods a year); nil with
    /// fewer than two returns or none that differ.
    public var sharpe: Double? {
        let t = totals()
        guard t.n >= 2 else { return nil }
        let mean = t.sum / Double(t.n)
        let variance = (t.squares - Double(t.n) * mean * mean) / Double(t.n - 1)
        guard variance > 0 else { return nil }
        return mean / variance.squareRoot() * periodsPerYear.squareRoot()
    }

    /// Mean daily return over the downside deviation (√(Σ min(r, 0)² ÷ n)), times √(periods a
    /// year); nil with fewer than two returns or no losing day.
    public var sortino: Double? {
        let t = totals()
        guard t.n >= 2, t.downside > 0 else { return nil }
        return (t.sum / Double(t.n)) / (t.downside / Double(t.n)).squareRoot() * periodsPerYear.squareRoot()
    }
}
