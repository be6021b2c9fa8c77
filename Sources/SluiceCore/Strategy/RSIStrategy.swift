/// `rsi:period=14,low=30,high=70`: Wilder's relative strength index of closes. Long when it
/// climbs back above `low` after being below it, short when it falls back below `high`.
/// Strength: how far it went past the band, as a fraction of the band's distance to 0 or 100.
public final class RSIStrategy: Strategy {
    public let label: String
    let period: Int
    let low: Decimal
    let high: Decimal

    struct State {
        var previousClose: Decimal?
        var gainSum = Decimal.zero
        var lossSum = Decimal.zero
        var changes = 0
        var averageGain: Decimal?
        var averageLoss = Decimal.zero
        var previousRSI: Decimal?
        var trough: Decimal?
        var peak: Decimal?
        var atr = AverageTrueRange()
    }

    private var states: [String: State] = [:]

    init(_ spec: StrategySpec) throws(CommandLineError) {
        try spec.rejectUnknown(["period", "low", "high"])
        period = try spec.integer("period", default: 14, in: 2...10_000)
        low = try spec.number("low", default: Decimal(30), in: Decimal(1)...Decimal(99))
        high = try spec.number("high", default: Decimal(70), in: Decimal(1)...Decimal(99))
        guard low < high else { throw .usage("--strategy rsi: low (\(low)) must be less than high (\(high))") }
        label = "rsi:period=\(period),low=\(low),high=\(high)"
    }

    public func observe(_ bar: Bar) -> SignalProposal? {
        var state = states[bar.symbol] ?? State()
        defer { states[bar.symbol] = state }
        state.atr.update(bar)
        guard let previous = state.previousClose else {
            state.previousClose = bar.close
            return nil
        }
        state.previousClose = bar.close
        let change = bar.close - previous
        let gain = change.signum > 0 ? change : .zero
        let loss = change.signum < 0 ? -change : .zero
        let n = Decimal(period)
        if let averageGain = state.averageGain {
            state.averageGain = (averageGain * Decimal(period - 1) + gain).dividedForIndicator(by: n)
            state.averageLoss = (state.averageLoss * Decimal(period - 1) + loss).dividedForIndicator(by: n)
        } else {
            state.gainSum += gain
            state.lossSum += loss
            state.changes += 1
            guard state.changes == period else { return nil }
            state.averageGain = state.gainSum.dividedForIndicator(by: n)
            state.averageLoss = state.lossSum.dividedForIndicator(by: n)
        }
        let total = state.averageGain! + state.averageLoss
        // 100 × gain / (gain + loss) is 100 − 100 / (1 + RS) without dividing by a zero loss.
        let rsi = total.isZero ? Decimal(50) : (Decimal(100) * state.averageGain!).dividedForIndicator(by: total)
        defer { state.previousRSI = rsi }
        if rsi < low { state.trough = min(state.trough ?? rsi, rsi) }
        if rsi > high { state.peak = max(state.peak ?? rsi, rsi) }
        guard let previousRSI = state.previousRSI, let atr = state.atr.reported else { return nil }
        if previousRSI < low && rsi >= low, let trough = state.trough {
            state.trough = nil
            let strength = (low - trough).dividedForIndicator(by: low)
            return SignalProposal(side: .long, confidence: SignalProposal.confidence(strength: strength), price: bar.close, atr: atr)
        }
        if previousRSI > high && rsi <= high, let peak = state.peak {
            state.peak = nil
            let strength = (peak - high).dividedForIndicator(by: Decimal(100) - high)
            return SignalProposal(side: .short, confidence: SignalProposal.confidence(strength: strength), price: bar.close, atr: atr)
        }
        return nil
    }
}
