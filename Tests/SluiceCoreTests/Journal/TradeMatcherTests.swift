import Testing
@testable import SluiceCore

@Suite("round trips and statistics")
struct TradeMatcherTests {
    var fills = 0

    mutating func fill(_ side: String, _ qty: String, _ price: String, fee: String = "0", symbol: String = "SPY", reason: String? = nil) -> Fill {
        fills += 1
        let extra = reason.map { #","reason":"\#($0)""# } ?? ""
        return try! Fill(document: parseJSON(#"{"type":"fill","id":"f\#(fills)","order_id":"o","ts":\#(1_709_303_400_000 + fills * 60_000),"symbol":"\#(symbol)","side":"\#(side)","qty":\#(qty),"price":\#(price),"fee":\#(fee)\#(extra)}"#).get())
    }

    @Test mutating func aShortOpenedInPartsClosesFirstInFirstOut() {
        var matcher = TradeMatcher()
        #expect(matcher.apply(fill("sell", "3", "50", fee: "0.3")) == nil)
        #expect(matcher.apply(fill("sell", "2", "52", fee: "0.2")) == nil)
        #expect(matcher.apply(fill("buy", "4", "48", fee: "0.4")) == nil)
        // Lots: 3 @ 50 covered at 48 (+6), then 1 of 2 @ 52 (+4); one left short @ 52.
        let open = matcher.openTrades(at: ["SPY": Decimal(51)])
        #expect(open.count == 1 && open[0].qty == Decimal(-1) && open[0].unrealized == Decimal("10.1")!)
        let trip = matcher.apply(fill("buy", "1", "53", fee: "0.1", reason: "stop_loss"))
        #expect(trip == RoundTrip(symbol: "SPY", isLong: false, openedAt: Timestamp(milliseconds: 1_709_303_460_000),
                                  closedAt: Timestamp(milliseconds: 1_709_303_640_000), maxQty: Decimal(5),
                                  gross: Decimal(9), fees: Decimal(1), exitReason: "stop_loss"))
        #expect(matcher.openTrades(at: [:]).isEmpty)
    }

    @Test mutating func aFillThatTurnsThePositionAroundEndsOneTradeAndStartsTheNext() {
        var matcher = TradeMatcher()
        _ = matcher.apply(fill("buy", "10", "100", fee: "1"))
        let trip = matcher.apply(fill("sell", "15", "110", fee: "1.5"))
        // The closing 10 carry two thirds of the fee; the 5 left open short carry the rest.
        #expect(trip?.gross == Decimal(100) && trip?.fees == Decimal(2) && trip?.net == Decimal(98))
        let open = matcher.openTrades(at: ["SPY": Decimal(110)])
        #expect(open[0].qty == Decimal(-5) && open[0].unrealized == Decimal("-0.5")!)
    }

    @Test mutating func statisticsFollowTheirDefinitions() {
        var stats = TradeStatistics()
        for net in ["40", "-10", "-30", "0", "20", "-5"] {
            stats.add(RoundTrip(symbol: "SPY", isLong: true, openedAt: Timestamp(milliseconds: 0), closedAt: Timestamp(milliseconds: 0),
                                maxQty: .one, gross: Decimal(net)! + Decimal(1), fees: Decimal(1), exitReason: "exit"))
        }
        #expect(stats.trades == 6 && stats.wins == 2 && stats.losses == 3)
        #expect(stats.winRate == Decimal("0.333333")!)
        #expect(stats.averageWin == Decimal(30) && stats.averageLoss == Decimal(-15))
        #expect(stats.expectancy == Decimal("2.5")!)
        #expect(stats.profitFactor == Decimal("1.333333")!)
        #expect(stats.gross == Decimal(21) && stats.fees == Decimal(6) && stats.net == Decimal(15))
        // Cumulative net 40, 30, 0, 0, 20, 15: the peak of 40 down to 0.
        #expect(stats.maxDrawdown == Decimal(40))
        // A trade that breaks even does not end a losing streak.
        #expect(stats.longestLosingStreak == 2)
    }

    @Test func aRepeatIsCaughtWithinTheWindowAndForgottenAfter() {
        var recent = RecentKeys(capacity: 3)
        #expect(recent.insert("a") && recent.insert("b") && !recent.insert("a"))
        #expect(recent.insert("c") && recent.insert("d"))
        // "a" was the oldest of three and has been forgotten; "c" is still remembered.
        #expect(recent.insert("a") && !recent.insert("c"))
        // A repeat of a newer key while full forgets nothing: "c" (now the oldest) stays.
        #expect(!recent.insert("d") && !recent.insert("c") && !recent.insert("a"))
    }

    /// Past its capacity the window slides: the oldest keys are forgotten one by one, through
    /// the table's growth.
    @Test func aLongStreamKeepsOnlyTheLastKeys() {
        var recent = RecentKeys(capacity: 1000)
        let firstTime = (0..<5000).map { recent.insert("f\($0)") }
        let lastThousandAgain = (4000..<5000).map { recent.insert("f\($0)") }
        let forgotten = recent.insert("f3999")
        #expect(firstTime.allSatisfy { $0 } && lastThousandAgain.allSatisfy { !$0 } && forgotten)
    }

    /// Lots opened in three fills are matched oldest first by closes that cut across them.
    @Test mutating func closesCutAcrossLotsOldestFirst() {
        var matcher = TradeMatcher()
        _ = matcher.apply(fill("buy", "1", "10"))
        _ = matcher.apply(fill("buy", "2", "20"))
        _ = matcher.apply(fill("buy", "3", "30"))
        #expect(matcher.apply(fill("sell", "2", "40")) == nil)
        // 1 @ 10 and 1 of 2 @ 20 are closed (+30 +20); 1 @ 20 and 3 @ 30 are left.
        #expect(matcher.openTrades(at: ["SPY": Decimal(40)])[0].unrealized == Decimal(100))
        let trip = matcher.apply(fill("sell", "4", "40"))
        #expect(trip?.gross == Decimal(100) && trip?.maxQty == Decimal(6))
        #expect(matcher.openTrades(at: [:]).isEmpty)
    }

    @Test func sharpeAndSortinoComeFromTheEquityAtTheEndOfEachDay() {
        var curve = EquityCurve()
        let day: Int64 = 86_400_000
        // Two snapshots on the first day: the day's last one counts. Returns +10 %, -10 %, +10 %.
        for (n, equity) in [(0, "120"), (0, "100"), (1, "110"), (2, "99"), (3, "108.9")] {
            curve.add(equity: Decimal(equity)!, at: Timestamp(milliseconds: Int64(n) * day + 3_600_000 + (equity == "100" ? 1 : 0)))
        }
        // Mean 1/30, sample deviation sqrt(0.04/3): Sharpe = (1/30) / 0.11547 * sqrt(252).
        #expect(abs(curve.sharpe! - 4.5826) < 0.0001)
        // Downside deviation sqrt(0.01/3): Sortino = (1/30) / 0.057735 * sqrt(252).
        #expect(abs(curve.sortino! - 9.1652) < 0.0001)
        // From the peak of 120 down to 99.
        #expect(abs(curve.maxDrawdownFraction - 0.175) < 1e-12)
    }

    @Test mutating func exposureIsTheShareOfTimeWithAPositionOpen() {
        var matcher = TradeMatcher()
        _ = matcher.apply(fill("buy", "1", "10"))
        _ = matcher.apply(fill("sell", "1", "11"))
        _ = matcher.apply(fill("buy", "1", "10", symbol: "QQQ"))
        _ = matcher.apply(fill("buy", "1", "10", symbol: "QQQ"))
        // Fills a minute apart: open 0-1, flat 1-2, open 2-3 (still open at the last fill).
        #expect(matcher.exposure == Decimal("0.666667")!)
    }

    @Test func theChartKeepsEvenlySpreadPointsInConstantMemory() {
        var sampler = CurveSampler(capacity: 4)
        for n in 0..<10 { sampler.add(Decimal(n), at: Timestamp(milliseconds: Int64(n))) }
        // Full at 4 points (0 1 2 3): halved to 0 2, then every second: 4 6 (full: halved to
        // 0 4), then 8; the last point offered always ends the curve.
        #expect(sampler.curve.map(\.value) == [0, 4, 8, 9].map { Decimal($0) })
    }
}
