import Testing
@testable import SluiceCore

@Suite("sizer: routing a signal on an underlying to one fund of its family")
struct FamilyRouteTests {
    /// A cash account of 100,000 with the NDX family at QQQ 440, TQQQ 60, PSQ 10, SQQQ 12.
    func familyCase(routes: [String] = ["NDX:long=TQQQ@0.8,QQQ", "NDX:short=SQQQ@0.8,PSQ"]) -> SizingCase {
        let sizing = SizingCase { settings in
            settings.routes = routes.map { try! FamilyRoute(parsing: $0) }
            settings.stopPct = Decimal(2)
        }
        for (symbol, exposure, price) in [("QQQ", "1", "440"), ("TQQQ", "3", "60"), ("PSQ", "-1", "10"), ("SQQQ", "-3", "12")] {
            sizing.book.apply(try! Instrument(document: parseJSON(#"{"type":"instrument","symbol":"\#(symbol)","asset_class":"etf","tick_size":0.01,"lot_size":1,"min_qty":1,"underlying":"NDX","exposure":\#(exposure)}"#).get()))
            sizing.book.observe(price: Decimal(price)!, of: symbol)
        }
        return sizing
    }

    func route(_ sizing: SizingCase, _ side: String, confidence: String, _ extra: String = "") -> String {
        let signal = try! Signal(document: parseJSON(#"{"type":"signal","id":"s","ts":"2024-03-01T14:31:00Z","symbol":"NDX","side":"\#(side)","confidence":\#(confidence),"price":18000\#(extra)}"#).get())
        do throws(Refusal) {
            let orders = try OrderSizer(settings: sizing.settings).orders(for: signal, on: InstrumentFamily(underlying: "NDX", among: sizing.book.instruments.entries.map(\.value))!, book: sizing.book)
            return orders.map { "\($0.side.rawValue) \($0.qty) \($0.symbol)" + ($0.stopLoss.map { " stop \($0)" } ?? "") }.joined(separator: "; ")
        } catch {
            return "\(error.rule)"
        }
    }

    @Test func parsesTiersAndPicksTheFirstReached() throws {
        let route = try FamilyRoute(parsing: "NDX:short=SQQQ@0.8,PSQ@0.4")
        #expect(route.underlying == "NDX" && route.side == .short)
        #expect(route.tier(for: Decimal("0.8")!)?.fund == "SQQQ")
        #expect(route.tier(for: Decimal("0.79")!)?.fund == "PSQ")
        #expect(route.tier(for: Decimal("0.39")!) == nil)
    }

    @Test(arguments: ["NDX=TQQQ", "NDX:flat=QQQ", "NDX:long=", "NDX:long=TQQQ@1.5", "NDX:long=QQQ@0.5,TQQQ@0.8", "NDX:long=A@0.5@0.6", ":long=QQQ"])
    func rejectsMalformedRoutes(_ text: String) {
        #expect(throws: CommandLineError.self) { try FamilyRoute(parsing: text) }
    }

    @Test func confidenceChoosesTheFundAndShortSignalsBuyTheInverseOne() {
        let sizing = familyCase()
        // A 1% stop on NDX is a 3% stop on TQQQ and, for a short signal, on SQQQ below its price.
        #expect(route(sizing, "long", confidence: "0.85", #","stop":17820"#) == "buy 555 TQQQ stop 58.2")
        #expect(route(sizing, "long", confidence: "0.5") == "buy 113 QQQ stop 431.2")
        #expect(route(sizing, "short", confidence: "0.9", #","stop":18180"#) == "buy 2777 SQQQ stop 11.64")
        #expect(route(sizing, "short", confidence: "0.2") == "buy 5000 PSQ stop 9.8")
    }

    @Test func aSignalAgainstTheFamilyHeldClosesTheFundsHeldAndSellsNothingElse() {
        let sizing = familyCase()
        sizing.hold("QQQ", "50", at: "440")
        sizing.hold("TQQQ", "300", at: "60")
        #expect(route(sizing, "short", confidence: "0.95") == "sell 50 QQQ; sell 300 TQQQ")
        #expect(route(sizing, "flat", confidence: "1") == "sell 50 QQQ; sell 300 TQQQ")
    }

    @Test func withoutARouteOrAFundThatGoesTheRightWayItRefuses() {
        #expect(route(familyCase(routes: []), "long", confidence: "0.9") == "no_route")
        #expect(route(familyCase(routes: ["NDX:long=TQQQ@0.8"]), "long", confidence: "0.7") == "below_route")
        #expect(route(familyCase(routes: ["NDX:long=SQQQ"]), "long", confidence: "0.7") == "route_mismatch")
        #expect(route(familyCase(routes: ["NDX:long=XYZ"]), "long", confidence: "0.7") == "unknown_instrument")
        #expect(route(familyCase(), "flat", confidence: "1") == "no_position")
    }

    @Test func anInverseFundHeldLongIsShortTheUnderlying() {
        #expect(InstrumentFamily.direction(qty: Decimal(100), exposure: Decimal(-3)) == -1)
        #expect(InstrumentFamily.direction(qty: Decimal(-100), exposure: Decimal(-1)) == 1)
        #expect(InstrumentFamily.direction(qty: Decimal(0), exposure: Decimal(3)) == 0)
    }
}
