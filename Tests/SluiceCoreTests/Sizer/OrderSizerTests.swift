import Testing
@testable import SluiceCore

/// Sizes one signal against a book, as `sizer` does, and says what came out.
struct SizingCase {
    var settings = SizerSettings()
    let book = SizerBook(startingEquity: Decimal(100_000))

    init(_ configure: (inout SizerSettings) -> Void = { _ in }) {
        configure(&settings)
        for line in [
            #"{"type":"instrument","symbol":"SPY","asset_class":"etf","tick_size":0.01,"lot_size":1,"min_qty":1,"max_qty":1000000,"min_notional":1}"#,
            #"{"type":"instrument","symbol":"BTC-USD","asset_class":"crypto","tick_size":0.01,"lot_size":0.00000001,"min_qty":0.00001,"min_notional":1}"#,
            #"{"type":"instrument","symbol":"BTC-LOT","asset_class":"crypto","tick_size":0.1,"lot_size":0.001,"min_qty":0.001}"#,
            #"{"type":"instrument","symbol":"ETH-BTC","asset_class":"crypto","tick_size":0.000001,"lot_size":0.0001,"min_qty":0.0001}"#,
            #"{"type":"instrument","symbol":"PENNY","asset_class":"equity","tick_size":0.0001}"#,
            #"{"type":"instrument","symbol":"SMALL","asset_class":"equity","tick_size":0.01,"max_qty":100,"min_notional":10}"#,
        ] {
            book.apply(try! Instrument(document: parseJSON(line).get()))
        }
    }

    /// A signal at 2024-03-01T14:31:00Z with `extra` fields appended.
    func size(_ symbol: String, _ side: String, _ extra: String = "", confidence: String = "0.6") throws(Refusal) -> SizedOrder {
        let json = #"{"type":"signal","id":"s","ts":"2024-03-01T14:31:00Z","symbol":"\#(symbol)","side":"\#(side)","confidence":\#(confidence)\#(extra)}"#
        return try OrderSizer(settings: settings).order(for: try! Signal(document: parseJSON(json).get()), book: book)
    }

    func qty(_ symbol: String, _ side: String, _ extra: String = "", confidence: String = "0.6") -> String {
        do throws(Refusal) {
            return try size(symbol, side, extra, confidence: confidence).qty.description
        } catch {
            return "refused: \(error.rule): \(error.reason)"
        }
    }

    func hold(_ symbol: String, _ qty: String, at price: String) {
        let side = qty.hasPrefix("-") ? "sell" : "buy"
        let magnitude = qty.hasPrefix("-") ? String(qty.dropFirst()) : qty
        book.apply(try! Fill(document: parseJSON(#"{"type":"fill","id":"f","order_id":"o","ts":"2024-03-01T14:00:00Z","symbol":"\#(symbol)","side":"\#(side)","qty":\#(magnitude),"price":\#(price),"fee":0}"#).get()))
    }
}

@Suite("sizer: sizing methods")
struct SizingMethodTests {
    @Test func fixedQuantity() {
        #expect(SizingCase { $0.method = .fixedQty; $0.qty = Decimal(5) }.qty("SPY", "long", #","price":500"#) == "5")
    }

    @Test func fixedNotionalRoundsDownToWholeShares() {
        #expect(SizingCase { $0.method = .fixedNotional; $0.notional = Decimal(1000) }.qty("SPY", "long", #","price":333"#) == "3")
    }

    @Test func aQuantityOnlyAFloatGetsWrong() {
        // 0.3 / 0.1 is 2.9999999999999996 in binary floating point, which rounds down to 2.
        #expect(SizingCase { $0.method = .fixedNotional; $0.notional = Decimal("0.3")! }.qty("PENNY", "long", #","price":0.1"#) == "3")
    }

    @Test func percentOfEquityInEightDecimalCrypto() {
        #expect(SizingCase { $0.method = .pctEquity; $0.pct = Decimal(10) }.qty("BTC-USD", "long", #","price":61234.56"#) == "0.16330647")
    }

    @Test func btcStyleLotOfAThousandth() {
        #expect(SizingCase { $0.method = .fixedNotional; $0.notional = Decimal(1000) }.qty("BTC-LOT", "long", #","price":61234.56"#) == "0.016")
    }

    @Test func riskOverTheSignalsStop() throws {
        let order = try SizingCase().size("SPY", "long", #","price":512.37,"stop":507.2"#)
        #expect(order.qty == Decimal(193))
        #expect(order.stopLoss == Decimal("507.2"))
        #expect(order.sizing == "risk 1% of equity 100000 = 1000 over a stop distance of 5.17")
    }

    @Test func riskOverAnATRStop() {
        // Stop 2 × 2.5 = 5 below 100: 1000 / 5 = 200 shares (20,000 of cash).
        #expect(SizingCase { $0.stopATR = Decimal(2) }.qty("SPY", "long", #","price":100,"atr":2.5"#) == "200")
    }

    @Test func riskWithoutAnyStopIsRefused() {
        #expect(SizingCase().qty("SPY", "long", #","price":100"#).hasPrefix("refused: no_stop:"))
    }

    @Test func kellyFraction() throws {
        // f = 0.55 − 0.45 / 1.5 = 0.25; half Kelly = 12.5 % of 100,000 = 12,500 at 500 = 25.
        let order = try SizingCase { $0.method = .kelly; $0.winRate = Decimal("0.55"); $0.payoff = Decimal("1.5") }.size("SPY", "long", #","price":500"#)
        #expect(order.qty == Decimal(25))
        #expect(order.sizing == "Kelly 0.25 × 0.5 = 12.5% of equity 100000 = 12500 at 500")
    }

    @Test func kellyWithoutAnEdgeIsRefused() {
        #expect(SizingCase { $0.method = .kelly; $0.winRate = Decimal("0.4"); $0.payoff = Decimal(1) }.qty("SPY", "long", #","price":500"#)
            == "refused: no_edge: Kelly fraction -0.2 from win rate 0.4 and payoff 1 is not positive")
    }

    @Test func volatilityTargetCappedByCash() throws {
        // 1 % of 100,000 over ATR 2.5 = 400 shares, but 400 × 500 is twice the cash: 200.
        let order = try SizingCase { $0.method = .volTarget; $0.targetVolPct = Decimal(1) }.size("SPY", "long", #","price":500,"atr":2.5"#)
        #expect(order.qty == Decimal(200))
        #expect(order.sizing == "target volatility 1% of equity 100000 = 1000 over ATR 2.5; capped at 200 by cash 100000")
    }

    @Test func confidenceScalesUpLinearly() throws {
        // 1 + (0.8 − 0.6) / (1 − 0.6) × (2 − 1) = 1.5 times 10 shares.
        let order = try SizingCase { $0.method = .fixedQty; $0.qty = Decimal(10); $0.confidenceScaleAbove = Decimal("0.6"); $0.confidenceScaleMax = Decimal(2) }
            .size("SPY", "long", #","price":100"#, confidence: "0.8")
        #expect(order.qty == Decimal(15))
    }

    @Test func maximumPositionCountsWhatIsHeld() {
        let sizing = SizingCase { $0.method = .fixedQty; $0.qty = Decimal(100); $0.maxPositionPct = Decimal(20) }
        sizing.hold("SPY", "30", at: "500")
        // 20 % of 100,000 is 40 shares at 500; 30 are held.
        #expect(sizing.qty("SPY", "long", #","price":500"#) == "10")
        sizing.hold("SPY", "10", at: "500")
        #expect(sizing.qty("SPY", "long", #","price":500"#).hasPrefix("refused: max_position:"))
    }

    @Test func withoutAnAccountSizingByEquityIsRefused() {
        let sizing = SizingCase()
        sizing.book.equity = nil
        #expect(sizing.qty("SPY", "long", #","price":100,"stop":99"#) == "refused: no_account: no account record seen and no --equity: cannot size by risk")
    }
}

@Suite("sizer: venue rules")
struct VenueRuleTests {
    @Test func belowTheMinimumQuantity() {
        #expect(SizingCase { $0.method = .fixedNotional; $0.notional = Decimal("0.5") }.qty("BTC-USD", "long", #","price":61234.56"#)
            == "refused: below_min_qty: BTC-USD: quantity 0.00000816 (sized 0.00000816) is below the minimum 0.00001")
    }

    @Test func roundsDownToNothing() {
        #expect(SizingCase { $0.method = .fixedNotional; $0.notional = Decimal(10) }.qty("SPY", "long", #","price":500"#)
            == "refused: below_min_qty: SPY: sized 0.02 rounds down to 0 at the lot 1")
    }

    @Test func belowTheMinimumNotional() {
        #expect(SizingCase { $0.method = .fixedQty; $0.qty = Decimal(1) }.qty("SMALL", "long", #","price":5"#)
            == "refused: below_min_notional: SMALL: 1 at 5 is 5, below the minimum notional 10")
    }

    @Test func aboveTheMaximumQuantity() {
        #expect(SizingCase { $0.method = .fixedQty; $0.qty = Decimal(150) }.qty("SMALL", "long", #","price":20"#)
            == "refused: above_max_qty: SMALL: quantity 150 is above the maximum 100")
    }

    @Test func unknownInstrument() {
        #expect(SizingCase().qty("AAPL", "long", #","price":100"#) == "refused: unknown_instrument: no instrument record for AAPL")
    }

    @Test func aCashAccountDoesNotShort() {
        #expect(SizingCase().qty("SPY", "short", #","price":100"#).hasPrefix("refused: no_shorting:"))
    }
}

@Suite("sizer: closing orders")
struct ClosingOrderTests {
    @Test func flatClosesTheWholeHoldingAndReportsDust() throws {
        let sizing = SizingCase()
        sizing.hold("ETH-BTC", "0.0123456789", at: "0.05")
        let order = try sizing.size("ETH-BTC", "flat")
        #expect(order.side == .sell && order.intent == .close)
        #expect(order.qty == Decimal("0.0123"))
        #expect(order.dust == Decimal("0.0000456789"))
    }

    @Test func anOppositeSignalClosesInsteadOfOpening() throws {
        let sizing = SizingCase()
        sizing.hold("SPY", "10", at: "500")
        let order = try sizing.size("SPY", "short", #","price":510"#)
        #expect(order.side == .sell && order.intent == .close && order.qty == Decimal(10))
    }

    @Test func aShortIsClosedWithABuy() throws {
        let sizing = SizingCase { $0.cashAccount = false }
        sizing.hold("SPY", "-7", at: "500")
        let order = try sizing.size("SPY", "long", #","price":490"#)
        #expect(order.side == .buy && order.intent == .close && order.qty == Decimal(7))
    }

    @Test func flatWithNothingHeld() {
        #expect(SizingCase().qty("SPY", "flat") == "refused: no_position: flat signal for SPY but no position is held")
    }

    @Test func aHoldingBelowTheLotIsDust() {
        let sizing = SizingCase()
        sizing.hold("ETH-BTC", "0.00005", at: "0.05")
        #expect(sizing.qty("ETH-BTC", "flat") == "refused: dust: position of 0.00005 ETH-BTC is below the lot 0.0001: nothing the venue accepts can close it")
    }
}

@Suite("sizer: prices and brackets")
struct BracketTests {
    @Test func aLongsStopRoundsUpAndItsTargetDown() throws {
        let order = try SizingCase().size("SPY", "long", #","price":100,"stop":98.123,"target":104.567"#)
        #expect(order.stopLoss == Decimal("98.13"))
        #expect(order.takeProfit == Decimal("104.56"))
    }

    @Test func aShortsStopRoundsDownAndItsTargetUp() throws {
        let order = try SizingCase { $0.cashAccount = false }.size("SPY", "short", #","price":100,"stop":101.237,"target":95.555"#)
        #expect(order.stopLoss == Decimal("101.23"))
        #expect(order.takeProfit == Decimal("95.56"))
    }

    @Test func aStopOnTheWrongSideIsRefused() {
        #expect(SizingCase().qty("SPY", "long", #","price":100,"stop":101"#) == "refused: bad_stop: stop 101 is not below the price 100 of a long entry")
    }

    @Test func rewardToRiskBelowTheMinimum() {
        #expect(SizingCase { $0.minRewardRisk = Decimal(2) }.qty("SPY", "long", #","price":100,"stop":95,"target":106"#)
            == "refused: reward_risk: reward-to-risk 1.2 (target 106, stop 95, price 100) is below 2")
    }

    @Test func targetsAndTrailingFromPercents() throws {
        let order = try SizingCase { $0.stopPct = Decimal(2); $0.targetPct = Decimal(3); $0.trailingPct = Decimal("1.5"); $0.timeExit = 3_600_000 }
            .size("SPY", "long", #","price":512.37"#)
        #expect(order.stopLoss == Decimal("502.13"))   // 502.1226 rounded up
        #expect(order.takeProfit == Decimal("527.74"))  // 527.7411 rounded down
        #expect(order.trailing == Decimal("7.69"))      // 7.68555 to the nearest tick
        #expect(order.timeExit == Timestamp(milliseconds: 1_709_303_460_000 + 3_600_000))
    }

    @Test func limitOrdersGoThroughThePriceNoFurtherThanAsked() throws {
        let buy = try SizingCase { $0.limitOffsetBps = Decimal(10) }.size("SPY", "long", #","price":512.37,"stop":507.2"#)
        #expect(buy.kind == .limit && buy.limitPrice == Decimal("512.88"))   // 512.88237 rounded down
        let sell = try SizingCase { $0.limitOffsetBps = Decimal(10); $0.cashAccount = false; $0.stopPct = Decimal(1) }.size("SPY", "short", #","price":440.01"#)
        #expect(sell.limitPrice == Decimal("439.57"))  // 439.56999 rounded up
    }

    @Test func timeInForceByAssetClass() throws {
        #expect(try SizingCase().size("SPY", "long", #","price":100,"stop":99"#).timeInForce == "day")
        #expect(try SizingCase().size("BTC-USD", "long", #","price":100,"stop":99"#).timeInForce == "gtc")
    }
}
