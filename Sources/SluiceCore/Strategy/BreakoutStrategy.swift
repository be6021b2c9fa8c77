/// `breakout:period=20`: long when a close rises above the highest high of the previous `period`
/// bars, short when it falls below their lowest low; one signal per change of direction.
/// Strength: the distance past the channel in ATRs.
public final class BreakoutStrategy: Strategy {
    public let label: String
    let period: Int

    struct State {
        var highs: [Decimal] = []
        var lows: [Decimal] = []
        var next = 0
        var lastSide: SignalSide?
        var atr = AverageTrueRange()
    }

    private var states: [String: State] = [:]

    init(_ spec: StrategySpec) throws(CommandLineError) {
        try spec.rejectUnknown(["period"])
        period = try spec.integer("period", default: 20, in: 1...10_000)
        label = "breakout:period=\(period)"
    }

    public func observe(_ bar: Bar) -> SignalProposal? {
        var state = states[bar.symbol] ?? State()
        defer { states[bar.symbol] = state }
        state.atr.update(bar)
        var proposal: SignalProposal?
        if state.highs.count == period, let atr = state.atr.value, let reported = state.atr.reported {
            let channelHigh = state.highs.max()!
            let channelLow = state.lows.min()!
            if bar.close > channelHigh && state.lastSide != .long {
                let strength = (bar.close - channelHigh).dividedForIndicator(by: atr)
                proposal = SignalProposal(side: .long, confidence: SignalProposal.confidence(strength: strength), price: bar.close, atr: reported)
            } else if bar.close < channelLow && state.lastSide != .short {
                let strength = (channelLow - bar.close).dividedForIndicator(by: atr)
                proposal = SignalProposal(side: .short, confidence: SignalProposal.confidence(strength: strength), price: bar.close, atr: reported)
            }
            if let proposal { state.lastSide = proposal.side }
        }
        if state.highs.count < period {
            state.highs.append(bar.high)
            state.lows.append(bar.low)
        } else {
            state.highs[state.next] = bar.high
            state.lows[state.next] = bar.low
            state.next = (state.next + 1) % period
        }
        return proposal
    }
}
