import Testing
@testable import SluiceCore

/// Feeds records to a GateState the way `gate` does and says what it decided for each signal.
struct GateHarness {
    var state: GateState

    init(_ configure: (inout GateLimits) -> Void = { _ in }) {
        var limits = GateLimits()
        limits.checkExpiry = true
        configure(&limits)
        state = GateState(limits: limits)
    }

    /// "pass" or the refusing rule.
    mutating func decide(_ json: String) -> String {
        let document = try! parseJSON(json).get()
        let signal = try! Signal(document: document)
        state.observe(signal.ts)
        if state.isExit(signal) { return state.exitRefusal(of: signal, now: state.now!)?.ruleName ?? "pass" }
        if let refusal = state.refusal(of: signal, now: state.now!) { return refusal.ruleName }
        state.recordEntry(signal, at: state.now!)
        return "pass"
    }

    mutating func reason(_ json: String) -> String? {
        let document = try! parseJSON(json).get()
        let signal = try! Signal(document: document)
        state.observe(signal.ts)
        if state.isExit(signal) { return state.exitRefusal(of: signal, now: state.now!)?.reason.description }
        return state.refusal(of: signal, now: state.now!)?.reason.description
    }

    /// A fill at `second` seconds after 2024-03-01T14:30:00Z.
    mutating func fill(_ symbol: String, _ side: String, _ qty: String, at price: String, second: Int64, fee: String = "0") {
        let ms = 1_709_303_400_000 + second * 1000
        state.apply(try! Fill(document: parseJSON(#"{"type":"fill","id":"f\#(ms)\#(symbol)","order_id":"o","ts":\#(ms),"symbol":"\#(symbol)","side":"\#(side)","qty":\#(qty),"price":\#(price),"fee":\#(fee)}"#).get()))
    }

    mutating func account(_ ts: String, equity: String, positions: String = "[]") {
        state.apply(try! Account(document: parseJSON(#"{"type":"account","ts":"\#(ts)","cash":\#(equity),"equity":\#(equity),"positions":\#(positions)}"#).get()))
    }

    mutating func record(_ json: String) {
        let document = try! parseJSON(json).get()
        switch RecordType(of: document) {
        case .halt, .resume: state.apply(try! HaltRecord(document: document))
        case .instrument: state.apply(try! Instrument(document: document))
        case .fill: state.apply(try! Fill(document: document))
        default: state.observe(try! RecordFields(document, type: "x").timestamp("ts"))
        }
    }
}

/// A signal at `second` seconds (may have a fraction) after 2024-03-01T14:30:00Z.
func signal(_ id: String, at second: String, _ symbol: String = "BTC-USD", _ side: String = "long",
            confidence: String = "0.9", _ extra: String = "") -> String {
    let ms = 1_709_303_400_000 + Int64((Decimal(second)! * Decimal(1000)).rounded(places: 0, .truncate).coefficient)
    return #"{"type":"signal","id":"\#(id)","ts":\#(ms),"symbol":"\#(symbol)","side":"\#(side)","confidence":\#(confidence)\#(extra)}"#
}

@Suite("gate rules at their limits")
struct GateRuleTests {
    @Test("confidence", arguments: [("0.59", "confidence"), ("0.6", "pass"), ("0.61", "pass")])
    func confidence(_ value: String, _ expected: String) {
        var gate = GateHarness { $0.minConfidence = Decimal("0.6") }
        #expect(gate.decide(signal("a", at: "0", confidence: value)) == expected)
    }

    @Test func confidenceByRegime() {
        var gate = GateHarness {
            $0.minConfidence = Decimal("0.7")
            $0.minConfidenceByRegime = [.trending: Decimal("0.65")!]
        }
        #expect(gate.decide(signal("a", at: "0", "A", confidence: "0.66", #","regime":"trending""#)) == "pass")
        #expect(gate.decide(signal("b", at: "0", "B", confidence: "0.66", #","regime":"ranging""#)) == "confidence")
        #expect(gate.decide(signal("c", at: "0", "C", confidence: "0.66")) == "confidence")
        #expect(gate.reason(signal("d", at: "0", "D", confidence: "0.64", #","regime":"trending""#)) == "confidence 0.64 is below the minimum 0.65 for a trending regime")
        #expect(gate.reason(signal("e", at: "0", "E", confidence: "0.64", #","regime":"volatile""#)) == "confidence 0.64 is below the minimum 0.7")
    }

    @Test("spoof", arguments: [("0.49", "pass"), ("0.5", "pass"), ("0.51", "spoof")])
    func spoof(_ value: String, _ expected: String) {
        var gate = GateHarness { $0.maxSpoof = Decimal("0.5") }
        #expect(gate.decide(signal("a", at: "0", "BTC-USD", "long", confidence: "0.9", #","spoof":\#(value)"#)) == expected)
    }

    @Test("risk penalty", arguments: [("0.79", "pass"), ("0.8", "pass"), ("0.81", "risk_penalty")])
    func riskPenalty(_ value: String, _ expected: String) {
        var gate = GateHarness { $0.maxRiskPenalty = Decimal("0.8") }
        #expect(gate.decide(signal("a", at: "0", "BTC-USD", "long", confidence: "0.9", #","risk_penalty":\#(value)"#)) == expected)
    }

    @Test func missingScoresFailClosedUnlessAllowed() {
        var strict = GateHarness { $0.maxSpoof = Decimal("0.5") }
        #expect(strict.decide(signal("a", at: "0")) == "spoof")
        var lenient = GateHarness {
            $0.maxSpoof = Decimal("0.5")
            $0.allowMissingScores = true
        }
        #expect(lenient.decide(signal("a", at: "0")) == "pass")
    }

    @Test("stale", arguments: [("5.999", "pass"), ("5", "pass"), ("4.999", "stale")])
    func stale(_ signalSecond: String, _ expected: String) {
        // Now is 10 s; the maximum age 5 s.
        var gate = GateHarness { $0.maxAge = 5000 }
        gate.record(#"{"type":"bar","ts":1709303410000}"#)
        #expect(gate.decide(signal("a", at: signalSecond)) == expected)
    }

    @Test("expired", arguments: [("2024-03-01T14:30:10.001Z", "pass"), ("2024-03-01T14:30:10.000Z", "pass"), ("2024-03-01T14:30:09.999Z", "expired")])
    func expired(_ expires: String, _ expected: String) {
        var gate = GateHarness()
        #expect(gate.decide(signal("a", at: "10", "BTC-USD", "long", confidence: "0.9", #","expires":"\#(expires)""#)) == expected)
    }

    @Test("duplicate", arguments: [("59.999", "duplicate"), ("60", "pass"), ("60.001", "pass")])
    func duplicate(_ second: String, _ expected: String) {
        var gate = GateHarness { $0.duplicateWindow = 60_000 }
        #expect(gate.decide(signal("a", at: "0")) == "pass")
        #expect(gate.decide(signal("b", at: "1", "BTC-USD", "short")) == "pass")
        #expect(gate.decide(signal("c", at: second)) == expected)
    }

    @Test("min interval", arguments: [("299.999", "min_interval"), ("300", "pass"), ("300.001", "pass")])
    func minInterval(_ second: String, _ expected: String) {
        var gate = GateHarness { $0.minInterval = 300_000 }
        #expect(gate.decide(signal("a", at: "0")) == "pass")
        #expect(gate.decide(signal("b", at: "10", "BTC-USD", "short")) == "pass")
        #expect(gate.decide(signal("c", at: second)) == expected)
    }

    @Test("cooldown per symbol", arguments: [("299.999", "cooldown"), ("300", "pass")])
    func cooldown(_ second: String, _ expected: String) {
        var gate = GateHarness { $0.cooldown = 300_000 }
        #expect(gate.decide(signal("a", at: "0")) == "pass")
        #expect(gate.decide(signal("b", at: "1", "ETH-USD")) == "pass")
        #expect(gate.decide(signal("c", at: second, "BTC-USD", "short")) == expected)
    }

    @Test func cooldownReasonNamesTheNumbers() {
        var gate = GateHarness { $0.cooldown = 300_000 }
        _ = gate.decide(signal("a", at: "0"))
        #expect(gate.reason(signal("b", at: "42")) == "last entry on BTC-USD 42s ago, minimum 300s")
    }

    @Test("cooldown across symbols", arguments: [("59.999", "cooldown"), ("60", "pass")])
    func cooldownAll(_ second: String, _ expected: String) {
        var gate = GateHarness { $0.cooldownAll = 60_000 }
        #expect(gate.decide(signal("a", at: "0")) == "pass")
        #expect(gate.decide(signal("b", at: second, "ETH-USD")) == expected)
    }

    @Test("flip cooldown", arguments: [("119.999", "flip_cooldown"), ("120", "pass")])
    func flipCooldown(_ second: String, _ expected: String) {
        var gate = GateHarness { $0.flipCooldown = 120_000 }
        #expect(gate.decide(signal("a", at: "0")) == "pass")
        #expect(gate.decide(signal("b", at: "1", "ETH-USD", "short")) == "pass")
        #expect(gate.decide(signal("c", at: second, "BTC-USD", "short")) == expected)
    }

    @Test("rate per hour", arguments: [("3599.999", "rate"), ("3600", "pass")])
    func ratePerHour(_ second: String, _ expected: String) {
        var gate = GateHarness { $0.maxEntriesPerHour = 2 }
        #expect(gate.decide(signal("a", at: "0")) == "pass")
        #expect(gate.decide(signal("b", at: "1000", "ETH-USD")) == "pass")
        #expect(gate.decide(signal("c", at: second, "SPY")) == expected)
    }

    @Test func ratePerSymbolAndDay() {
        var gate = GateHarness {
            $0.maxEntriesPerDayPerSymbol = 2
            $0.maxEntriesPerDay = 3
        }
        #expect(gate.decide(signal("a", at: "0")) == "pass")
        #expect(gate.decide(signal("b", at: "100")) == "pass")
        #expect(gate.decide(signal("c", at: "200")) == "rate")
        #expect(gate.reason(signal("c", at: "200")) == "2 entries in the last a day on BTC-USD, maximum 2")
        #expect(gate.decide(signal("d", at: "300", "ETH-USD")) == "pass")
        #expect(gate.decide(signal("e", at: "400", "SPY")) == "rate")
        #expect(gate.decide(signal("f", at: "86400", "SPY")) == "pass")
    }

    @Test("reward to risk", arguments: [("114.99", "reward_risk"), ("115", "pass"), ("115.01", "pass")])
    func rewardRisk(_ target: String, _ expected: String) {
        // Price 100, stop 90: risk 10; a target of 115 is 1.5 to 1.
        var gate = GateHarness { $0.minRewardRisk = Decimal("1.5") }
        #expect(gate.decide(signal("a", at: "0", "BTC-USD", "long", confidence: "0.9", #","price":100,"stop":90,"target":\#(target)"#)) == expected)
    }

    @Test("maximum stop distance", arguments: [("98.51", "pass"), ("98.5", "pass"), ("98.49", "max_stop")])
    func maxStop(_ stop: String, _ expected: String) {
        var gate = GateHarness { $0.maxStopPercent = Decimal("1.5") }
        #expect(gate.decide(signal("a", at: "0", "BTC-USD", "long", confidence: "0.9", #","price":100,"stop":\#(stop)"#)) == expected)
    }
}

@Suite("gate state")
struct GateStateTests {
    @Test func exitsAreNeverRefusedByEntryRules() {
        var gate = GateHarness {
            $0.cooldown = 300_000
            $0.minConfidence = Decimal("0.9")
        }
        gate.record(#"{"type":"halt","ts":"2024-03-01T14:30:00Z","reason":"operator"}"#)
        #expect(gate.decide(signal("a", at: "1", "BTC-USD", "flat", confidence: "0.1")) == "pass")
        gate.state.apply(try! Fill(document: parseJSON(#"{"type":"fill","id":"f","order_id":"o","ts":"2024-03-01T14:30:02Z","symbol":"ETH-USD","side":"buy","qty":1,"price":3000,"fee":0}"#).get()))
        // Short while long ETH is an exit; long is an entry, refused while halted.
        #expect(gate.decide(signal("b", at: "3", "ETH-USD", "short", confidence: "0.1")) == "pass")
        #expect(gate.decide(signal("c", at: "4", "ETH-USD", "long")) == "halted")
    }

    @Test func haltAndResumeBySymbolAndForAll() {
        var gate = GateHarness()
        gate.record(#"{"type":"halt","ts":"2024-03-01T14:30:00Z","reason":"news","scope":"SPY","mode":"reducing"}"#)
        #expect(gate.decide(signal("a", at: "1", "SPY")) == "reducing")
        #expect(gate.decide(signal("b", at: "2", "QQQ")) == "pass")
        gate.record(#"{"type":"halt","ts":"2024-03-01T14:30:03Z","reason":"all stop"}"#)
        #expect(gate.decide(signal("c", at: "4", "QQQ")) == "halted")
        gate.record(#"{"type":"resume","ts":"2024-03-01T14:30:05Z","reason":"ok"}"#)
        #expect(gate.decide(signal("d", at: "6", "SPY")) == "pass")
    }

    @Test func lossLimitsFailClosedWithoutAnAccount() {
        var gate = GateHarness { $0.dailyLossPercent = Decimal(5) }
        #expect(gate.decide(signal("a", at: "0")) == "no_account")
        gate.account("2024-03-01T14:30:01Z", equity: "10000")
        #expect(gate.decide(signal("b", at: "2")) == "pass")
    }

    @Test("daily loss", arguments: [("9501", "pass"), ("9500", "pass"), ("9499.99", "daily_loss")])
    func dailyLoss(_ equity: String, _ expected: String) {
        var gate = GateHarness { $0.dailyLossPercent = Decimal(5) }
        gate.account("2024-03-01T14:00:00Z", equity: "10000")
        gate.account("2024-03-01T14:29:00Z", equity: equity)
        #expect(gate.decide(signal("a", at: "0")) == expected)
    }

    @Test func dailyLossLastsUntilTheNextNewYorkDayAcrossDST() {
        // 2024-03-10 is the spring change: the New York day of 03-10 starts at 05:00Z, that of
        // 03-11 at 04:00Z.
        var gate = GateHarness { $0.dailyLossPercent = Decimal(5) }
        gate.account("2024-03-10T12:00:00Z", equity: "10000")
        gate.account("2024-03-10T13:00:00Z", equity: "9000")
        #expect(gate.reason(#"{"type":"signal","id":"a","ts":"2024-03-10T13:00:01Z","symbol":"BTC-USD","side":"long","confidence":0.9}"#)
                == "daily loss 10% of start-of-day equity 10000 exceeds 5%; exits only until the next trading day")
        gate.record(#"{"type":"bar","ts":"2024-03-11T03:59:59.999Z"}"#)
        #expect(gate.decide(#"{"type":"signal","id":"b","ts":"2024-03-11T03:59:59.999Z","symbol":"BTC-USD","side":"long","confidence":0.9}"#) == "daily_loss")
        gate.record(#"{"type":"bar","ts":"2024-03-11T04:00:00Z"}"#)
        #expect(gate.decide(#"{"type":"signal","id":"c","ts":"2024-03-11T04:00:00Z","symbol":"BTC-USD","side":"long","confidence":0.9}"#) == "pass")
    }

    @Test func theNextDayStartsFromTheLastEquity() {
        var gate = GateHarness { $0.dailyLossPercent = Decimal(5) }
        gate.account("2024-07-01T15:00:00Z", equity: "10000")
        gate.account("2024-07-01T20:00:00Z", equity: "9600")
        gate.account("2024-07-02T14:00:00Z", equity: "9200")
        // 9600 → 9200 is 4.17 %: within the limit on the new day.
        #expect(gate.decide(#"{"type":"signal","id":"a","ts":"2024-07-02T14:00:01Z","symbol":"X","side":"long","confidence":0.9}"#) == "pass")
    }

    @Test("drawdown", arguments: [("9801", "pass"), ("9800", "pass"), ("9799.99", "drawdown")])
    func drawdown(_ equity: String, _ expected: String) {
        var gate = GateHarness { $0.drawdownPercent = Decimal(2) }
        gate.account("2024-03-01T14:00:00Z", equity: "9000")
        gate.account("2024-03-01T14:10:00Z", equity: "10000")
        gate.account("2024-03-01T14:20:00Z", equity: equity)
        #expect(gate.decide(signal("a", at: "0")) == expected)
    }

    @Test func drawdownHoldsUntilResume() {
        var gate = GateHarness { $0.drawdownPercent = Decimal(2) }
        gate.account("2024-03-01T14:00:00Z", equity: "10000")
        gate.account("2024-03-01T14:10:00Z", equity: "9000")
        gate.account("2024-03-02T14:10:00Z", equity: "9900")
        #expect(gate.decide(signal("a", at: "86400")) == "drawdown")
        gate.record(#"{"type":"resume","ts":"2024-03-02T14:30:01Z","reason":"reviewed"}"#)
        #expect(gate.decide(signal("b", at: "86402")) == "pass")
    }

    @Test func sessionsFollowNewYorkTimeAndAssetClass() {
        var gate = GateHarness { $0.session = true }
        gate.record(#"{"type":"instrument","symbol":"SPY","asset_class":"etf"}"#)
        gate.record(#"{"type":"instrument","symbol":"BTC-USD","asset_class":"crypto"}"#)
        func at(_ ts: String, _ symbol: String = "SPY") -> String {
            #"{"type":"signal","id":"\#(ts)\#(symbol)","ts":"\#(ts)","symbol":"\#(symbol)","side":"long","confidence":0.9}"#
        }
        // Summer (EDT): 09:30 New York is 13:30Z.
        #expect(gate.decide(at("2024-07-01T13:29:59Z")) == "session")
        #expect(gate.decide(at("2024-07-01T13:30:00Z")) == "pass")
        #expect(gate.decide(at("2024-07-01T19:59:59Z")) == "pass")
        #expect(gate.decide(at("2024-07-01T20:00:00Z")) == "session")
        // Winter (EST): 09:30 New York is 14:30Z.
        #expect(gate.decide(at("2024-12-02T14:29:59Z")) == "session")
        #expect(gate.decide(at("2024-12-02T14:30:00Z")) == "pass")
        // Weekend, crypto, and an unknown symbol.
        #expect(gate.decide(at("2024-07-06T15:00:00Z")) == "session")
        #expect(gate.decide(at("2024-07-06T15:00:00Z", "BTC-USD")) == "pass")
        #expect(gate.decide(at("2024-07-08T15:00:00Z", "DOGE")) == "unknown_instrument")
        #expect(gate.reason(at("2024-07-06T15:00:01Z")) == "SPY (etf): market closed: Saturday 11:00 New York")
    }

    @Test func holidaysCloseTheSession() {
        var gate = GateHarness { $0.session = true }
        gate.state.session = MarketSession(holidays: [CivilDateTime.daysFromCivil(year: 2024, month: 7, day: 4)])
        gate.record(#"{"type":"instrument","symbol":"SPY","asset_class":"etf"}"#)
        #expect(gate.decide(#"{"type":"signal","id":"a","ts":"2024-07-04T15:00:00Z","symbol":"SPY","side":"long","confidence":0.9}"#) == "session")
    }
}

@Suite("gate rules that follow fills and positions")
struct GatePositionRuleTests {
    @Test("loss cooldown", arguments: [("109.999", "loss_cooldown"), ("110", "pass")])
    func lossCooldown(_ second: String, _ expected: String) {
        var gate = GateHarness { $0.lossCooldown = 100_000 }
        gate.fill("BTC-USD", "buy", "1", at: "100", second: 0)
        gate.fill("BTC-USD", "sell", "1", at: "99", second: 10)
        #expect(gate.decide(signal("x", at: "20", "ETH-USD")) == "pass")
        #expect(gate.decide(signal("a", at: second)) == expected)
    }

    @Test func aFeeCanMakeAnExitALoss() {
        var gate = GateHarness { $0.lossCooldown = 100_000 }
        gate.fill("BTC-USD", "buy", "1", at: "100", second: 0)
        gate.fill("BTC-USD", "sell", "1", at: "100", second: 10, fee: "0.1")
        #expect(gate.reason(signal("a", at: "20")) == "losing exit on BTC-USD 10s ago, minimum 100s")
        var even = GateHarness { $0.lossCooldown = 100_000 }
        even.fill("BTC-USD", "buy", "1", at: "100", second: 0)
        even.fill("BTC-USD", "sell", "1", at: "100", second: 10)
        #expect(even.decide(signal("a", at: "20")) == "pass")
    }

    @Test("loss streak", arguments: [(2, "pass"), (3, "loss_streak")])
    func lossStreak(_ losses: Int, _ expected: String) {
        var gate = GateHarness {
            $0.lossStreak = 3
            $0.lossStreakPause = 3_600_000
        }
        for n in 0..<losses {
            gate.fill("SPY", "buy", "10", at: "500", second: Int64(n * 100))
            gate.fill("SPY", "sell", "10", at: "499", second: Int64(n * 100 + 50))
        }
        #expect(gate.decide(signal("a", at: "1000", "QQQ")) == expected)
    }

    @Test func aWinningExitEndsTheStreakAndThePauseEnds() {
        var gate = GateHarness { $0.lossStreak = 2 }
        gate.fill("SPY", "buy", "1", at: "500", second: 0)
        gate.fill("SPY", "sell", "1", at: "499", second: 10)
        gate.fill("SPY", "sell", "1", at: "500", second: 20)
        gate.fill("SPY", "buy", "1", at: "499", second: 30)
        gate.fill("SPY", "buy", "1", at: "500", second: 40)
        gate.fill("SPY", "sell", "1", at: "499", second: 50)
        #expect(gate.decide(signal("a", at: "60", "QQQ")) == "pass")
        gate.fill("SPY", "buy", "1", at: "500", second: 70)
        gate.fill("SPY", "sell", "1", at: "499", second: 80)
        #expect(gate.reason(signal("b", at: "90", "IWM")) == "2 losing exits in a row; entries paused until 2024-03-01T15:31:20.000Z")
        #expect(gate.decide(signal("c", at: "3679.999", "IWM")) == "loss_streak")
        #expect(gate.decide(signal("d", at: "3680", "IWM")) == "pass")
    }

    @Test func maxPositionsCountsHeldAndPendingSymbols() {
        var gate = GateHarness { $0.maxPositions = 2 }
        gate.fill("A", "buy", "1", at: "10", second: 0)
        #expect(gate.decide(signal("b", at: "1", "B")) == "pass")
        #expect(gate.reason(signal("c", at: "2", "C")) == "2 positions open (A, B), maximum 2")
        // Adding to a held symbol opens nothing new.
        #expect(gate.decide(signal("a", at: "3", "A")) == "pass")
        // The broker says only A is held: B never filled.
        gate.account("2024-03-01T14:30:04Z", equity: "1000", positions: #"[{"symbol":"A","qty":1,"avg_price":10}]"#)
        #expect(gate.decide(signal("c2", at: "5", "C")) == "pass")
    }

    @Test func maxPositionsPerCorrelationGroup() {
        var gate = GateHarness { $0.maxPositionsPerGroup = 1 }
        for (symbol, group) in [("QQQ", "us-index"), ("SPY", "us-index"), ("BTC-USD", "crypto")] {
            gate.record(#"{"type":"instrument","symbol":"\#(symbol)","asset_class":"etf","correlation_group":"\#(group)"}"#)
        }
        gate.fill("QQQ", "buy", "1", at: "400", second: 0)
        #expect(gate.decide(signal("a", at: "1", "SPY")) == "max_positions")
        #expect(gate.decide(signal("b", at: "2", "BTC-USD")) == "pass")
        #expect(gate.decide(signal("c", at: "3", "DOGE")) == "unknown_instrument")
    }

    @Test("minimum hold", arguments: [("599.999", "min_hold"), ("600", "pass")])
    func minHold(_ second: String, _ expected: String) {
        var gate = GateHarness { $0.minHold = 600_000 }
        gate.fill("BTC-USD", "buy", "1", at: "100", second: 0)
        #expect(gate.decide(signal("a", at: second, "BTC-USD", "flat")) == expected)
    }

    @Test func forceClosesBeforeTheMinimumHold() {
        var gate = GateHarness { $0.minHold = 600_000 }
        gate.fill("BTC-USD", "buy", "1", at: "100", second: 0)
        #expect(gate.reason(signal("a", at: "60", "BTC-USD", "short")) == "BTC-USD position opened 60s ago, minimum hold 600s; send force to close it")
        #expect(gate.decide(signal("b", at: "61", "BTC-USD", "short", confidence: "0.5", #","force":true"#)) == "pass")
    }

    @Test func partialAndFlippingFills() {
        var gate = GateHarness { $0.lossCooldown = 1_000_000 }
        gate.fill("X", "buy", "2", at: "10", second: 0)
        gate.fill("X", "buy", "2", at: "12", second: 1)
        // Average 11: selling 1 at 11.5 is a win, then 5 more at 10.5 closes 3 at a loss and goes short 2.
        gate.fill("X", "sell", "1", at: "11.5", second: 2)
        #expect(gate.decide(signal("a", at: "3", "X")) == "pass")
        gate.fill("X", "sell", "5", at: "10.5", second: 4)
        #expect(gate.decide(signal("b", at: "5", "X", "short")) == "loss_cooldown")
        // Short 2 now: a long signal is an exit and passes.
        #expect(gate.decide(signal("c", at: "6", "X", "long")) == "pass")
    }
}
