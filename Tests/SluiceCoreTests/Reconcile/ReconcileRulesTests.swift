import Testing
@testable import SluiceCore

/// A book with 10,000 of cash at 2024-03-01T14:30:00Z, and the rules `reconcile` applies to it.
final class ReconcileCase {
    var settings = ReconcileSettings()
    let book = PositionBook()
    var fills = 0

    init(_ configure: (inout ReconcileSettings) -> Void = { _ in }) {
        configure(&settings)
        for line in [
            #"{"type":"instrument","symbol":"QQQ","asset_class":"etf","lot_size":1,"min_qty":1}"#,
            #"{"type":"instrument","symbol":"SPY","asset_class":"etf","lot_size":1,"min_notional":1000,"shortable":true}"#,
            #"{"type":"instrument","symbol":"BTC-USD","asset_class":"crypto","lot_size":0.001}"#,
        ] {
            book.apply(try! Instrument(document: parseJSON(line).get()))
        }
        snapshot(cash: "10000")
    }

    func snapshot(cash: String, _ positions: String = "", at ts: String = "2024-03-01T14:30:00Z") {
        let json = #"{"type":"account","ts":"\#(ts)","cash":\#(cash),"equity":\#(cash),"positions":[\#(positions)]}"#
        _ = book.apply(try! Account(document: parseJSON(json).get()))
        book.observe(try! Timestamp(rfc3339: ts))
    }

    func fill(_ order: String, _ symbol: String, _ side: String, _ qty: String, at price: String, fee: String = "0") {
        fills += 1
        let json = #"{"type":"fill","id":"f\#(fills)","order_id":"\#(order)","ts":"2024-03-01T14:31:00Z","symbol":"\#(symbol)","side":"\#(side)","qty":\#(qty),"price":\#(price),"fee":\#(fee)}"#
        book.apply(try! Fill(document: parseJSON(json).get()))
    }

    func order(_ id: String, _ symbol: String, _ side: String, _ qty: String, _ intent: String, price: String = "100") -> Order {
        try! Order(document: parseJSON(#"{"type":"order","id":"\#(id)","signal_id":"s","ts":"2024-03-01T14:31:00Z","symbol":"\#(symbol)","side":"\#(side)","qty":\#(qty),"kind":"market","intent":"\#(intent)","ref_price":\#(price)}"#).get())
    }

    /// Decides an order and, when it passes, counts it as sent, as `reconcile` does.
    @discardableResult
    func decide(_ id: String, _ symbol: String, _ side: String, _ qty: String, _ intent: String, price: String = "100") -> String {
        let order = order(id, symbol, side, qty, intent, price: price)
        let decision = ReconcileRules(settings: settings).decide(order, book: book, now: book.now!)
        var parts: [String] = []
        for close in decision.closes {
            book.send(id: id + "-close-" + close.symbol, symbol: close.symbol, side: close.side, qty: close.qty, isOpen: false, unitCost: .zero)
            parts.append(close.symbol == symbol ? "close \(close.qty)" : "close \(close.qty) \(close.symbol)")
        }
        switch decision.outcome {
        case .pass:
            book.send(id: id, symbol: symbol, side: order.side, qty: order.qty, isOpen: intent == "open", unitCost: decision.unitCost)
            parts.append("pass")
        case let .cut(qty, note):
            book.send(id: id, symbol: symbol, side: order.side, qty: qty, isOpen: intent == "open", unitCost: decision.unitCost)
            parts.append("cut \(qty): \(note)")
        case let .refused(refusal):
            parts.append("\(refusal.rule): \(refusal.reason)")
        }
        return parts.joined(separator: ", ")
    }
}

@Suite("reconcile: exits never sell what is not held")
struct ReconcileExitTests {
    @Test func sellingASymbolNeverBoughtIsAPhantomSell() {
        #expect(ReconcileCase().decide("o1", "PSQ", "sell", "10", "close") == "phantom_sell: sell 10 PSQ to close: no PSQ long held")
    }

    @Test func coveringAShortNeverOpenedIsAPhantomCover() {
        #expect(ReconcileCase().decide("o1", "QQQ", "buy", "10", "close") == "phantom_cover: buy 10 QQQ to close: no QQQ short held")
    }

    @Test func aCloseOfExactlyTheHoldingPasses() {
        let c = ReconcileCase()
        c.fill("b", "QQQ", "buy", "10", at: "100")
        #expect(c.decide("o1", "QQQ", "sell", "10", "close") == "pass")
    }

    @Test func aCloseOfMoreThanTheHoldingIsCutToIt() {
        let c = ReconcileCase()
        c.fill("b", "QQQ", "buy", "10", at: "100")
        #expect(c.decide("o1", "QQQ", "sell", "10.5", "reduce") == "cut 10: oversell: cut from 10.5 to the 10 held")
    }

    @Test func twoClosesCannotSellTheSameShares() {
        let c = ReconcileCase()
        c.fill("b", "QQQ", "buy", "10", at: "100")
        #expect(c.decide("o1", "QQQ", "sell", "6", "reduce") == "pass")
        #expect(c.decide("o2", "QQQ", "sell", "6", "close") == "cut 4: oversell: cut from 6 to the 4 of 10 held not already being closed")
        #expect(c.decide("o3", "QQQ", "sell", "1", "close") == "phantom_sell: sell 1 QQQ to close: the 10 held are all already being closed by pending orders")
    }

    @Test func aCanceledCloseFreesItsSharesAgain() throws {
        let c = ReconcileCase()
        c.fill("b", "QQQ", "buy", "10", at: "100")
        c.decide("o1", "QQQ", "sell", "10", "close")
        c.book.apply(try OrderStatus(document: parseJSON(#"{"type":"order_status","order_id":"o1","ts":"2024-03-01T14:32:00Z","status":"canceled"}"#).get()))
        #expect(c.decide("o2", "QQQ", "sell", "10", "close") == "pass")
    }

    @Test func sharesBoughtButNotFilledCannotBeSold() {
        let c = ReconcileCase()
        #expect(c.decide("o1", "QQQ", "buy", "10", "open") == "pass")
        #expect(c.decide("o2", "QQQ", "sell", "10", "close") == "phantom_sell: sell 10 QQQ to close: no QQQ long held")
    }
}

@Suite("reconcile: entries")
struct ReconcileEntryTests {
    @Test func aSecondEntryTheSameWayIsADuplicate() {
        let c = ReconcileCase()
        c.fill("b", "QQQ", "buy", "10", at: "100")
        c.decide("o0", "QQQ", "buy", "1", "open")
        #expect(c.decide("o1", "QQQ", "buy", "10", "open") == "duplicate_entry: buy 10 QQQ to open: long 10 held, 1 of at most 1 entries taken (--max-entries)")
    }

    @Test func aPositionAdoptedFromTheBrokerCountsAsAnEntry() {
        let c = ReconcileCase()
        c.snapshot(cash: "5000", #"{"symbol":"QQQ","qty":10,"avg_price":100}"#)
        #expect(c.decide("o1", "QQQ", "buy", "1", "open").hasPrefix("duplicate_entry:"))
    }

    @Test func pyramidingUpToTheMaximumEntries() {
        let c = ReconcileCase { $0.maxEntries = 2 }
        #expect(c.decide("o1", "QQQ", "buy", "10", "open") == "pass")
        #expect(c.decide("o2", "QQQ", "buy", "10", "open") == "pass")
        #expect(c.decide("o3", "QQQ", "buy", "10", "open") == "duplicate_entry: buy 10 QQQ to open: 2 entry pending, 2 of at most 2 entries taken (--max-entries)")
    }

    @Test func entriesCountAgainAfterThePositionIsClosed() {
        let c = ReconcileCase()
        #expect(c.decide("o1", "QQQ", "buy", "10", "open") == "pass")
        c.fill("o1", "QQQ", "buy", "10", at: "100")
        #expect(c.decide("o2", "QQQ", "sell", "10", "close") == "pass")
        c.fill("o2", "QQQ", "sell", "10", at: "101")
        #expect(c.decide("o3", "QQQ", "buy", "10", "open") == "pass")
    }

    @Test func cashAtExactlyTheCostPassesOneCentMoreDoesNot() {
        let c = ReconcileCase { $0.feeFactor = Decimal("1.001")! }
        // 99 × 100 × 1.001 = 9,909.90 of the 10,000.
        #expect(c.decide("o1", "QQQ", "buy", "99", "open") == "pass")
        let d = ReconcileCase { $0.feeFactor = Decimal("1.001")! }
        d.snapshot(cash: "9909.89")
        #expect(d.decide("o1", "QQQ", "buy", "99", "open") == "insufficient_cash: buy 99 QQQ to open costs 9909.9 with fees at 100, 9909.89 cash available (0 held for pending orders)")
    }

    @Test func twoEntriesCannotSpendTheSameCash() {
        let c = ReconcileCase()
        #expect(c.decide("o1", "QQQ", "buy", "60", "open") == "pass")
        #expect(c.decide("o2", "SPY", "buy", "50", "open") == "insufficient_cash: buy 50 SPY to open costs 5000 with fees at 100, 4000 cash available (6000 held for pending orders)")
    }

    @Test func aFilledEntryMovesTheCashAndReleasesWhatItHeldBack() {
        let c = ReconcileCase()
        c.decide("o1", "QQQ", "buy", "60", "open")
        c.fill("o1", "QQQ", "buy", "60", at: "99", fee: "1")
        #expect(c.book.cash == Decimal(4059))
        #expect(c.book.reserved == .zero)
        #expect(c.book.symbols == ["QQQ"])
        #expect(c.book["QQQ"].averagePrice == Decimal(99))
    }

    @Test func aPartialFillReleasesItsShare() {
        let c = ReconcileCase()
        c.decide("o1", "QQQ", "buy", "60", "open")
        c.fill("o1", "QQQ", "buy", "20", at: "100")
        #expect(c.book.reserved == Decimal(4000))
        #expect(c.book.cash == Decimal(8000))
        #expect(c.book.available(margin: false) == Decimal(4000))
    }

    @Test func resizeCutsToTheCashAndTheLot() {
        let c = ReconcileCase { $0.resize = true }
        c.snapshot(cash: "1234.5")
        #expect(c.decide("o1", "BTC-USD", "buy", "2", "open", price: "1000") == "cut 1.234: insufficient_cash: cut from 2 to 1.234 to fit the 1234.5 cash available")
        let d = ReconcileCase { $0.resize = true }
        d.snapshot(cash: "999")
        #expect(d.decide("o1", "SPY", "buy", "20", "open").hasSuffix("; 9 would fit, below min_notional 1000"))
    }

    @Test func anEntryWithNoPriceOrNoCashIsRefused() {
        let c = ReconcileCase()
        let order = try! Order(document: parseJSON(#"{"type":"order","id":"o","signal_id":"s","ts":"2024-03-01T14:31:00Z","symbol":"ZZZ","side":"buy","qty":1,"kind":"market","intent":"open"}"#).get())
        #expect(ReconcileRules(settings: c.settings).decide(order, book: c.book, now: c.book.now!).outcome == .refused(Refusal("no_price", reason: "buy 1 ZZZ to open: no limit_price, ref_price or earlier price to cost it at")))
        let blank = PositionBook()
        blank.observe(Timestamp(milliseconds: 0))
        #expect(ReconcileRules(settings: c.settings).decide(c.order("o", "QQQ", "buy", "1", "open"), book: blank, now: blank.now!).outcome
            == .refused(Refusal("no_account", reason: "buy 1 QQQ to open: no account snapshot and no --equity, so the cash it would spend is unknown")))
    }

    @Test func aShortNeedsAMarginAccountAndAShortableInstrument() {
        #expect(ReconcileCase().decide("o1", "SPY", "sell", "5", "open") == "phantom_sell: sell 5 SPY to open: shorts need a margin account (--account margin)")
        let margin = ReconcileCase { $0.marginAccount = true }
        #expect(margin.decide("o1", "SPY", "sell", "5", "open") == "pass")
        #expect(margin.decide("o2", "QQQ", "sell", "5", "open") == "phantom_sell: sell 5 QQQ to open: the QQQ instrument does not say shortable: true")
        #expect(margin.decide("o3", "SQQQ", "sell", "5", "open") == "phantom_sell: sell 5 SQQQ to open: no instrument record says SQQQ can be shorted")
    }
}

@Suite("reconcile: conflicts and a stale book")
struct ReconcileConflictTests {
    func longTen(_ policy: ConflictPolicy) -> ReconcileCase {
        let c = ReconcileCase { $0.onConflict = policy; $0.marginAccount = true }
        c.fill("b", "SPY", "buy", "10", at: "100")
        return c
    }

    @Test func closeThenOpenClosesTheLongThenShorts() {
        #expect(longTen(.closeThenOpen).decide("o1", "SPY", "sell", "15", "open") == "close 10, pass")
    }

    @Test func closeThenOpenStillChecksTheEntry() {
        let c = ReconcileCase()
        c.fill("b", "QQQ", "buy", "10", at: "100")
        #expect(c.decide("o1", "QQQ", "sell", "15", "open") == "close 10, phantom_sell: sell 15 QQQ to open: shorts need a margin account (--account margin)")
    }

    @Test func closeOnlyClosesAndRefusesTheEntryWithAReason() {
        #expect(longTen(.closeOnly).decide("o1", "SPY", "sell", "15", "open")
                == "close 10, conflict: sell 15 SPY to open: the long of 10 held is closed instead (--on-conflict close-only)")
    }

    @Test func rejectKeepsThePosition() {
        #expect(longTen(.reject).decide("o1", "SPY", "sell", "15", "open") == "conflict: sell 15 SPY to open against a long of 10 held (--on-conflict reject)")
    }

    @Test func aBookExactlyAsOldAsTheLimitStillTrades() {
        let c = ReconcileCase { $0.maxStale = 180_000 }
        c.book.observe(try! Timestamp(rfc3339: "2024-03-01T14:33:00Z"))
        #expect(c.decide("o1", "QQQ", "buy", "1", "open") == "pass")
        c.book.observe(try! Timestamp(rfc3339: "2024-03-01T14:33:00.001Z"))
        #expect(c.decide("o2", "SPY", "buy", "10", "open") == "stale_book: buy 10 SPY to open: last account snapshot 180.001s ago, maximum 180s")
    }

    @Test func aStaleBookStillLetsExitsThrough() {
        let c = ReconcileCase { $0.maxStale = 1000 }
        c.fill("b", "QQQ", "buy", "10", at: "100")
        c.book.observe(try! Timestamp(rfc3339: "2024-03-01T15:00:00Z"))
        #expect(c.decide("o1", "QQQ", "sell", "10", "close") == "pass")
    }
}
