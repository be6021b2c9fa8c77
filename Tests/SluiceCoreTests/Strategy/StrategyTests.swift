import Testing
@testable import SluiceCore

/// Daily bars from (open, high, low, close), one day apart from 2024-01-01.
func dailyBars(_ prices: [(String, String, String, String)], symbol: String = "TEST") -> [Bar] {
    prices.enumerated().map { index, p in
        Bar(ts: Timestamp(milliseconds: 1_704_067_200_000 + Int64(index) * 86_400_000), symbol: symbol,
            open: Decimal(p.0)!, high: Decimal(p.1)!, low: Decimal(p.2)!, close: Decimal(p.3)!, interval: 86_400)
    }
}

/// `count` quiet bars closing at 10 with a range of 9 to 11: true range 2, so ATR(14) is 2.
let quietBars = Array(repeating: ("10", "11", "9", "10"), count: 14)

func run(_ spec: String, _ bars: [Bar]) throws -> [(Int, SignalProposal)] {
    let strategy = try StrategySpec(parsing: spec).makeStrategy()
    var signals: [(Int, SignalProposal)] = []
    for (index, bar) in bars.enumerated() {
        if let proposal = strategy.observe(bar) { signals.append((index, proposal)) }
    }
    return signals
}

@Suite("Strategies")
struct StrategyTests {
    @Test func averageTrueRangeFollowsWilder() {
        var atr = AverageTrueRange(period: 3)
        for bar in dailyBars([("10", "11", "9", "10"), ("10", "12", "10", "11"), ("11", "11", "8", "9")]) { atr.update(bar) }
        // True ranges 2, max(2, 2, 0) = 2, max(3, 0, 3) = 3: seed (2 + 2 + 3) / 3.
        #expect(atr.value?.description == "2.333333333333")
        atr.update(dailyBars([("9", "13", "9", "13")])[0])
        // True range max(4, 4, 0) = 4: (2.333333333333 × 2 + 4) / 3.
        #expect(atr.value?.description == "2.888888888889")
        #expect(atr.reported?.description == "2.88888889")
    }

    @Test func smaCrossSignalsOnACrossOnly() throws {
        let bars = dailyBars(quietBars + quietBars.prefix(6) + [("10", "10", "8", "9"), ("9", "13", "9", "12"), ("12", "13", "11", "12")])
        let signals = try run("sma-cross:fast=2,slow=3", bars)
        #expect(signals.count == 1)
        let (index, signal) = try #require(signals.first)
        #expect(index == 21)
        #expect(signal.side == .long)
        // Gap 21/2 − 31/3 = 0.166666666667 over ATR (2 × 13 + 4) / 14 = 2.142857142857 → 0.0778.
        #expect(signal.confidence.description == "0.5389")
        #expect(signal.atr.description == "2.14285714")
        #expect(signal.price.description == "12")
    }

    @Test func smaCrossNeedsFastBelowSlow() {
        #expect(throws: CommandLineError.usage("--strategy sma-cross: fast (30) must be less than slow (10)")) {
            try StrategySpec(parsing: "sma-cross:fast=30,slow=10").makeStrategy()
        }
    }

    @Test func rsiSignalsWhenLeavingTheBands() throws {
        let bars = dailyBars(quietBars + [("10", "10", "8", "8"), ("8", "10", "8", "10"), ("10", "14", "10", "14"), ("14", "14", "13", "13")])
        let signals = try run("rsi:period=2,low=30,high=70", bars)
        #expect(signals.map(\.0) == [15, 17])
        #expect(signals.map(\.1.side) == [.long, .short])
        // Long: RSI went from 0 back to 66.67; the trough was 30 below the band of 30 → strength 1.
        #expect(signals[0].1.confidence.description == "1")
        // Short: peak 90.909090909091, (peak − 70) / 30 = 0.69697 → 0.5 + 0.348485.
        #expect(signals[1].1.confidence.description == "0.8485")
    }

    @Test func breakoutSignalsOncePerDirection() throws {
        let bars = dailyBars(quietBars + [("10", "12.5", "10", "12"), ("12", "13.5", "12", "13"), ("13", "13", "7", "8"), ("8", "8", "6", "6")])
        let signals = try run("breakout:period=3", bars)
        #expect(signals.map(\.0) == [14, 16])
        #expect(signals.map(\.1.side) == [.long, .short])
        // (12 − 11) / ATR (2 × 13 + 2.5) / 14 = 0.491228 → 0.5 + 0.245614.
        #expect(signals[0].1.confidence.description == "0.7456")
    }

    @Test func symbolsAreKeptApart() throws {
        let a = dailyBars(quietBars + quietBars.prefix(6) + [("10", "10", "8", "9"), ("9", "13", "9", "12")], symbol: "A")
        let b = dailyBars(Array(repeating: ("50", "51", "49", "50"), count: 22), symbol: "B")
        var interleaved: [Bar] = []
        for (x, y) in zip(a, b) { interleaved += [x, y] }
        let signals = try run("sma-cross:fast=2,slow=3", interleaved)
        #expect(signals.count == 1)
        #expect(interleaved[signals[0].0].symbol == "A")
    }

    @Test("bad specs", arguments: [
        ("macd", "unknown strategy 'macd' (known: sma-cross, rsi, breakout)"),
        ("rsi:period=1", "--strategy rsi: period must be a whole number from 2 to 10000, got '1'"),
        ("rsi:low=80,high=70", "--strategy rsi: low (80) must be less than high (70)"),
        ("breakout:length=3", "--strategy breakout: unknown parameter 'length' (known: period)"),
        ("breakout:period", "--strategy breakout:period: expected KEY=VALUE, got 'period'"),
    ])
    func badSpecs(_ spec: String, _ message: String) {
        #expect(throws: CommandLineError.usage(message)) { try StrategySpec(parsing: spec).makeStrategy() }
    }

    @Test func labelsNameEveryParameter() throws {
        #expect(try StrategySpec(parsing: "sma-cross").makeStrategy().label == "sma-cross:fast=10,slow=30")
        #expect(try StrategySpec(parsing: "rsi:period=7").makeStrategy().label == "rsi:period=7,low=30,high=70")
        #expect(try StrategySpec(parsing: "breakout").makeStrategy().label == "breakout:period=20")
    }

    @Test func confidenceIsCappedAndRounded() {
        #expect(SignalProposal.confidence(strength: Decimal("5")!).description == "1")
        #expect(SignalProposal.confidence(strength: .zero).description == "0.5")
        #expect(SignalProposal.confidence(strength: Decimal("0.12345")!).description == "0.5617")
    }
}
