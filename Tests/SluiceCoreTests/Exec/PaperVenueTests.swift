import Testing
@testable import SluiceCore

/// A paper venue with SPY (lot 1, tick 0.01, shortable) and BTC-USD (sent as BTCUSD).
func paperVenue(_ configure: (inout ExecSettings) -> Void = { _ in }) throws -> PaperVenue {
    var settings = ExecSettings()
    configure(&settings)
    let venue = try PaperVenue(settings: settings)
    for line in [
        #"{"type":"instrument","symbol":"SPY","asset_class":"etf","tick_size":0.01,"lot_size":1,"min_qty":1,"min_notional":1,"shortable":true}"#,
        #"{"type":"instrument","symbol":"BTC-USD","venue_symbol":"BTCUSD","asset_class":"crypto","tick_size":0.01,"lot_size":0.001}"#,
    ] {
        venue.list(try Instrument(document: parseJSON(line).get()))
    }
    return venue
}

func venueOrder(_ id: String, _ side: String, _ qty: String, _ extra: String = "", kind: String = "market") throws -> Order {
    try Order(document: parseJSON(#"{"type":"order","id":"\#(id)","signal_id":"s","ts":"2024-03-01T14:31:00Z","symbol":"SPY","side":"\#(side)","qty":\#(qty),"kind":"\#(kind)","intent":"\#(side == "buy" ? "open" : "close")"\#(extra)}"#).get())
}

func bar(_ minute: Int, _ open: String, _ high: String, _ low: String, _ close: String) throws -> PricePoint {
    PricePoint(try Bar(document: parseJSON(#"{"type":"bar","ts":"2024-03-01T14:3\#(minute):00Z","symbol":"SPY","open":\#(open),"high":\#(high),"low":\#(low),"close":\#(close)}"#).get()))
}

@Suite("paper venue")
struct PaperVenueTests {
    let t = try! Timestamp(rfc3339: "2024-03-01T14:31:00Z")

    func fills(_ events: [VenueEvent]) -> [String] {
        events.compactMap { if case let .fill(f) = $0 { "\(f.id) \(f.side.rawValue) \(f.qty)@\(f.price) fee \(f.fee) \(f.reason.rawValue)" } else { nil } }
    }

    @Test func aMarketOrderFillsAtTheNextOpenSlippedAwayFromIt() throws {
        let venue = try paperVenue { $0.slippage = Decimal("0.0005")!; $0.fee = Decimal("0.001")! }
        #expect(venue.submit(try venueOrder("b", "buy", "10"), venueSymbol: "SPY", timeInForce: nil, at: t) == .accepted(at: t))
        var events: [VenueEvent] = []
        // A bar that opened before the order cannot fill it.
        venue.trade(try bar(0, "500", "501", "499", "500.5"), in: 0, events: &events)
        #expect(events.isEmpty)
        venue.trade(try bar(1, "500.6", "502", "500", "501"), in: 0, events: &events)
        #expect(fills(events) == ["b-fill-1 buy 10@500.86 fee 5.0086 entry"])
        #expect(venue.cash == Decimal("94986.3914")!)
        #expect(venue.equity == Decimal("99996.3914")!)
    }

    @Test func whenABarTouchesStopAndTargetTheStopIsAssumedFirst() throws {
        let venue = try paperVenue()
        _ = venue.submit(try venueOrder("b", "buy", "10", #","stop_loss":495,"take_profit":510"#), venueSymbol: "SPY", timeInForce: nil, at: t)
        var events: [VenueEvent] = []
        venue.trade(try bar(1, "500", "500", "500", "500"), in: 0, events: &events)
        venue.trade(try bar(2, "501", "511", "494", "505"), in: 0, events: &events)
        #expect(fills(events) == ["b-fill-1 buy 10@500 fee 0 entry", "b-sl-fill-1 sell 10@495 fee 0 stop_loss"])
        #expect(venue.realizedPnL == Decimal(-50))
        #expect(events.contains(.status(VenueStatus(orderID: "b-tp", ts: try Timestamp(rfc3339: "2024-03-01T14:32:00Z"), status: .canceled,
                                                    reason: "one cancels the other: b-sl filled"))))
    }

    @Test func aGapThroughTheStopFillsAtTheOpen() throws {
        let venue = try paperVenue()
        _ = venue.submit(try venueOrder("b", "buy", "10", #","stop_loss":495"#), venueSymbol: "SPY", timeInForce: nil, at: t)
        var events: [VenueEvent] = []
        venue.trade(try bar(1, "500", "500", "500", "500"), in: 0, events: &events)
        venue.trade(try bar(2, "490", "492", "489", "491"), in: 0, events: &events)
        #expect(fills(events).last == "b-sl-fill-1 sell 10@490 fee 0 stop_loss")
    }

    @Test func theVenueRefusesWithItsCodes() throws {
        let venue = try paperVenue { $0.startingCash = Decimal(1000) }
        var events: [VenueEvent] = []
        venue.trade(try bar(0, "500", "500", "500", "500"), in: 0, events: &events)
        func code(_ order: Order, _ symbol: String = "SPY") -> String? {
            if case let .rejected(r) = venue.submit(order, venueSymbol: symbol, timeInForce: nil, at: t) { return r.code }
            return nil
        }
        #expect(code(try venueOrder("a", "buy", "1.5")) == "LOT_SIZE")
        #expect(code(try venueOrder("b", "buy", "3")) == "INSUFFICIENT_FUNDS")
        #expect(code(try venueOrder("c", "sell", "1")) == "INSUFFICIENT_POSITION")
        #expect(code(try venueOrder("d", "buy", "1"), "BTC-USD") == "UNKNOWN_SYMBOL")
        #expect(code(try venueOrder("e", "buy", "1", #","limit_price":499.999"#, kind: "limit")) == "PRICE_FILTER")
        #expect(code(try venueOrder("f", "buy", "1")) == nil)
        #expect(code(try venueOrder("f", "buy", "1")) == "DUPLICATE_CLIENT_ORDER_ID")
        #expect(venue.venueSymbol(of: "BTC-USD") == "BTCUSD")
    }

    @Test func faultsAreAFunctionOfTheirSubjectNotOfWhatCameBefore() throws {
        let plan = try FaultPlan(parsing: "timeout=0.5,seed=7")
        let first = (1...200).map { plan.happens(.timeout, to: "o\($0)") }
        let again = (1...200).reversed().map { plan.happens(.timeout, to: "o\($0)") }.reversed()
        #expect(first == Array(again))
        #expect((60...140).contains(first.filter { $0 }.count))
        #expect(!plan.happens(.reject, to: "o1"))
        #expect(throws: CommandLineError.self) { try FaultPlan(parsing: "timeout=1.5") }
    }

    @Test func backoffDoublesWithJitterAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 5, base: 200, maximum: 1000, seed: 1)
        for attempt in 1...5 {
            let ceiling = min(1000, 200 << Int64(attempt - 1))
            let delay = policy.delay(after: attempt, of: "o1")
            #expect(delay >= ceiling / 2 && delay <= ceiling)
            #expect(delay == policy.delay(after: attempt, of: "o1"))
        }
    }

    @Test func theTrailingStopFollowsTheBestPriceFromTheNextBarOn() throws {
        var bracket = Bracket(entryID: "e", signalID: "s", isLong: true, qty: Decimal(1), entryPrice: Decimal(100), stop: Decimal(98),
                              target: nil, trailing: Decimal(3), timeExit: nil, best: Decimal(100), initialRisk: Decimal(2),
                              stopID: "e-sl", targetID: "e-tp", since: t)
        bracket.stopWorking = true
        #expect(bracket.stopLevel()! == (Decimal(98), false))
        bracket.follow(try bar(2, "101", "106", "100.5", "105"), breakEvenAtRisk: Decimal(1))
        #expect(bracket.stopLevel()! == (Decimal(103), true))
        #expect(bracket.stop == Decimal(100))
        let exit = bracket.exit(at: try bar(3, "105", "105.5", "102.5", "103"), slipped: { price, _ in price })
        #expect(exit?.price == Decimal(103) && exit?.reason == .trailingStop && exit?.orderID == "e-sl")
    }
}
