/// How `sizer` turns a signal into a quantity for a new position.
public enum SizingMethod: String, Sendable, CaseIterable {
    /// The same quantity every time (`--qty`).
    case fixedQty = "fixed-qty"
    /// The same money every time (`--notional`): qty = notional / price.
    case fixedNotional = "fixed-notional"
    /// A percent of equity or buying power (`--pct`, `--pct-of`): qty = base × pct / 100 / price.
    case pctEquity = "pct-equity"
    /// A percent of equity lost if the stop is hit (`--risk-pct`): qty = risk money / stop distance.
    case risk
    /// Fractional Kelly from a win rate and payoff (`--win-rate`, `--payoff`, `--kelly-fraction`).
    case kelly
    /// A target volatility (`--target-vol-pct`): qty = equity × target / 100 / ATR.
    case volTarget = "vol-target"
}
