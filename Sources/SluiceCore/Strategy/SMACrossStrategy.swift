/// `sma-cross:fast=10,slow=30`: long when the fast simple moving average of closes crosses above
/// the slow one, short when it crosses below. Strength: the gap between the averages in ATRs.
public final class SMACrossStrategy: Strategy {
    public let label: String
    let fast: Int
    let slow: Int

    struct State {
        var closes: [Decimal] = []
        var next = 0
        var count = 0
        var fastSum = Decimal.zero
        var slowSum = Decimal.zero
        var lastSign = 0
        var atr = AverageTrueRange()
    }

    private var states: [String: State] = [:]

    init(_ spec: StrategySpec) throws(CommandLineError) {
        try spec.rejectUnknown(["fast", "slow"])
        fast = try spec.integer("fast", default: 10, in: 1...10_000)
        slow = try spec.integer("slow", default: 30, in: 2...10_000)
        guard fast < slow else { throw .usage("--strategy sma-cross: fast (\(fast)) must be less than slow (\(slow))") }
        label = "sma-cross:fast=\(fast),slow=\(slow)"
    }

    public func observe(_ bar: Bar) -> SignalProposal? {
        var state = states[bar.symbol] ?? State(closes: Array(repeating: .zero, count: slow))
        defer { states[bar.symbol] = state }
        state.atr.update(bar)
        // The ring holds the last `slow` closes; the close `fast` places back leaves the fast sum.
        if state.count >= fast { state.fastSum -= state.closes[(state.next - fast + slow) % slow] }
        if state.count >= slow { state.slowSum -= state.closes[state.next] }
        state.closes[state.next] = bar.close
        state.next = (state.next + 1) % slow
        state.count += 1
        state.fastSum += bar.close
        state.slowSum += bar.close
        guard state.count >= slow else { return nil }
        // fast average − slow average has the sign of fastSum × slow − slowSum × fast, exactly.
        let sign = (state.fastSum * Decimal(slow) - state.slowSum * Decimal(fast)).signum
        guard sign != 0 else { return nil }
        defer { state.lastSign = sign }
        guard state.lastSign != 0, sign != state.lastSign, let atr = state.atr.value, let reported = state.atr.reported else { return nil }
        let gap = (state.fastSum.dividedForIndicator(by: Decimal(fast)) - state.slowSum.dividedForIndicator(by: Decimal(slow))).magnitude
        return SignalProposal(side: sign > 0 ? .long : .short,
                              confidence: SignalProposal.confidence(strength: gap.dividedForIndicator(by: atr)),
                              price: bar.close, atr: reported)
    }
}
