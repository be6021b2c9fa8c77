import Testing
@testable import SluiceCore

func record<R: Record>(_ type: R.Type, _ text: String) -> Result<R, RecordError> {
    switch parseJSON(text) {
    case let .failure(error): return .failure(RecordError("json", error.description))
    case let .success(document):
        do throws(RecordError) { return .success(try R(document: document)) } catch { return .failure(error) }
    }
}

func recordError<R: Record>(_ type: R.Type, _ text: String) -> String? {
    if case let .failure(error) = record(type, text) { return error.description }
    return nil
}

@Suite("Records")
struct RecordTests {
    @Test func signalWithAliasesAndOptionalFields() throws {
        let signal = try record(Signal.self, #"{"type":"signal","id":"a1","ts":1709303400250,"symbol":"BTC-USD","side":"buy","confidence":0.7,"price":"64000.5","regime":"trending","stop":63000,"expires":"2024-03-01T15:00:00Z"}"#).get()
        #expect(signal.side == .long)
        #expect(signal.ts.description == "2024-03-01T14:30:00.250Z")
        #expect(signal.price?.description == "64000.5")
        #expect(signal.regime == .trending)
        #expect(signal.expires?.description == "2024-03-01T15:00:00.000Z")
        #expect(try record(Signal.self, #"{"type":"signal","id":"a","ts":0,"symbol":"X","side":"exit","confidence":1}"#).get().side == .flat)
    }

    @Test("invalid signals name the field and the value", arguments: [
        (#"{"type":"signal","id":"a","ts":0,"symbol":"X","side":"long","confidence":1.5}"#, "signal: field 'confidence': expected a number from 0 to 1, got 1.5"),
        (#"{"type":"signal","id":"a","ts":0,"symbol":"X","side":"up","confidence":1}"#, "signal: field 'side': unknown value \"up\""),
        (#"{"type":"signal","ts":0,"symbol":"X","side":"long","confidence":1}"#, "signal: field 'id': missing"),
        (#"{"type":"signal","id":"a","ts":"yesterday","symbol":"X","side":"long","confidence":1}"#, "signal: field 'ts': expected a date in time \"yesterday\""),
        (#"{"type":"signal","id":"a","ts":1.5,"symbol":"X","side":"long","confidence":1}"#, "signal: field 'ts': expected whole epoch milliseconds, got 1.5"),
        (#"{"type":"signal","id":"a","ts":0,"symbol":"","side":"long","confidence":1}"#, "signal: field 'symbol': expected a non-empty string, got \"\""),
        (#"{"type":"signal","id":"a","ts":0,"symbol":"X","side":"long","confidence":"high"}"#, "signal: field 'confidence': expected a number, got \"high\""),
        (#"{"type":"signal","id":"a","ts":0,"symbol":"X","side":"long","confidence":1,"spoof":-0.1}"#, "signal: field 'spoof': expected a number from 0 to 1, got -0.1"),
    ])
    func invalidSignals(_ text: String, _ message: String) {
        #expect(recordError(Signal.self, text) == message)
    }

    @Test func barsAreChecked() {
        #expect(recordError(Bar.self, #"{"type":"bar","ts":0,"symbol":"X","open":1,"high":0.5,"low":0.4,"close":0.45}"#) == "bar: field 'high': high 0.5 is below open 1 or close 0.45")
        #expect(recordError(Bar.self, #"{"type":"bar","ts":0,"symbol":"X","open":1,"high":2,"low":1.5,"close":1.8}"#) == "bar: field 'low': low 1.5 is above open 1 or close 1.8")
        #expect(recordError(Bar.self, #"{"type":"bar","ts":0,"symbol":"X","open":1,"high":2,"low":0.5,"close":1,"interval":0}"#) == "bar: field 'interval': expected a positive number of seconds, got 0")
        #expect(recordError(Bar.self, #"{"type":"bar","ts":0,"symbol":"X","open":1,"high":2,"low":0.5,"close":1,"interval":60}"#) == nil)
    }

    @Test func barKnownAtItsEnd() throws {
        let bar = try record(Bar.self, #"{"type":"bar","ts":"2024-03-01T14:30:00Z","symbol":"X","open":1,"high":1,"low":1,"close":1,"interval":60}"#).get()
        #expect(bar.knownAt.description == "2024-03-01T14:31:00.000Z")
    }

    @Test func ordersFillsAndStatuses() throws {
        let order = try record(Order.self, #"{"type":"order","id":"o1","signal_id":"s1","ts":0,"symbol":"X","side":"sell","qty":"0.5","kind":"limit","intent":"close","limit_price":101.25}"#).get()
        #expect(order.side == .sell && order.kind == .limit && order.intent == .close && order.qty.description == "0.5")
        #expect(recordError(Order.self, #"{"type":"order","id":"o1","signal_id":"s1","ts":0,"symbol":"X","side":"buy","qty":1,"kind":"limit","intent":"open"}"#) == "order: field 'limit_price': missing (required for a limit order)")
        #expect(recordError(Order.self, #"{"type":"order","id":"o1","signal_id":"s1","ts":0,"symbol":"X","side":"buy","qty":0,"kind":"market","intent":"open"}"#) == "order: field 'qty': expected a positive number, got 0")
        let fill = try record(Fill.self, #"{"type":"fill","id":"f1","order_id":"o1","ts":0,"symbol":"X","side":"buy","qty":2,"price":10.5,"fee":0.01,"reason":"stop_loss"}"#).get()
        #expect(fill.reason == .stopLoss)
        let status = try record(OrderStatus.self, #"{"type":"order_status","order_id":"o1","ts":0,"status":"partially_filled","retryable":false}"#).get()
        #expect(status.status == .partiallyFilled && status.retryable == false)
    }

    @Test func accountsListPositions() throws {
        let account = try record(Account.self, #"{"type":"account","ts":0,"cash":1000,"equity":1500.5,"positions":[{"symbol":"QQQ","qty":-2,"avg_price":250.25}]}"#).get()
        #expect(account.positions == [Account.Position(symbol: "QQQ", qty: Decimal(-2), averagePrice: Decimal("250.25")!)])
        #expect(recordError(Account.self, #"{"type":"account","ts":0,"cash":1,"equity":1,"positions":[{"symbol":"Q","qty":"x","avg_price":1}]}"#) == "account: field 'positions[0].qty': expected a number, got \"x\"")
        #expect(recordError(Account.self, #"{"type":"account","ts":0,"cash":1,"equity":1,"positions":{}}"#) == "account: field 'positions': expected a list, got {}")
    }

    @Test func familyMembersNameTheirUnderlyingAndExposureTogether() throws {
        let sqqq = try record(Instrument.self, #"{"type":"instrument","symbol":"SQQQ","asset_class":"etf","underlying":"NDX","exposure":-3}"#).get()
        #expect(sqqq.underlying == "NDX" && sqqq.exposure == Decimal(-3))
        #expect(recordError(Instrument.self, #"{"type":"instrument","symbol":"X","asset_class":"etf","exposure":2}"#)
                == "instrument: field 'underlying': underlying and exposure go together: a family member needs both")
        #expect(recordError(Instrument.self, #"{"type":"instrument","symbol":"X","asset_class":"etf","underlying":"NDX","exposure":0}"#)
                == "instrument: field 'exposure': must not be 0: a fund moves with its underlying or against it")
        #expect(recordError(Instrument.self, #"{"type":"instrument","symbol":"NDX","asset_class":"etf","underlying":"NDX","exposure":1}"#)
                == "instrument: field 'underlying': an instrument cannot be its own underlying")
    }

    @Test func instrumentsAndControlRecords() throws {
        let instrument = try record(Instrument.self, #"{"type":"instrument","symbol":"BTC-USD","asset_class":"crypto","tick_size":0.01,"lot_size":0.00000001,"min_notional":1,"fractional":true}"#).get()
        #expect(instrument.assetClass == .crypto && instrument.lotSize?.description == "0.00000001")
        #expect(recordError(Instrument.self, #"{"type":"instrument","symbol":"X","asset_class":"bond"}"#) == "instrument: field 'asset_class': unknown value \"bond\"")
        #expect(try record(Barrier.self, #"{"type":"barrier","seq":42}"#).get().seq == 42)
        #expect(recordError(Ack.self, #"{"type":"ack","seq":99999999999999999999}"#) == "ack: field 'seq': expected a whole number, got 99999999999999999999")
        let halt = try HaltRecord(document: parseJSON(#"{"type":"resume","ts":0,"reason":"manual","scope":"all"}"#).get())
        #expect(halt.isResume && halt.scope == nil)
        _ = try record(Tick.self, #"{"type":"tick","ts":0,"symbol":"X","bid":1.00,"ask":1.01}"#).get()
        #expect(try record(Tick.self, #"{"type":"tick","ts":0,"symbol":"X","bid":1.00,"ask":1.01}"#).get().price.description == "1.005")
        #expect(recordError(Tick.self, #"{"type":"tick","ts":0,"symbol":"X","bid":1}"#) == "tick: needs 'last' or both 'bid' and 'ask'")
    }

    @Test func recordTypesAreKnownByTheirBytes() throws {
        #expect(RecordType(of: try parseJSON(#"{"type":"order_status"}"#).get()) == .orderStatus)
        #expect(RecordType(of: try parseJSON(#"{"type":"mystery"}"#).get()) == nil)
        #expect(RecordType(of: try parseJSON(#"{"type":7}"#).get()) == nil)
    }

    /// A record's type is found by the length of its name, then its bytes: every name must be
    /// found, escaped or not, and nothing else.
    @Test func everyRecordTypeIsKnownByItsName() throws {
        for type in RecordType.allCases {
            #expect(RecordType(of: try parseJSON(#"{"type":"\#(type.rawValue)"}"#).get()) == type)
            let escaped = "\\u00" + String(type.rawValue.utf8.first!, radix: 16) + type.rawValue.dropFirst()
            #expect(RecordType(of: try parseJSON(#"{"type":"\#(escaped)"}"#).get()) == type, "\(escaped)")
            #expect(RecordType(of: try parseJSON(#"{"type":"\#(type.rawValue)s"}"#).get()) == nil)
            #expect(RecordType(of: try parseJSON(#"{"type":"\#(type.rawValue.uppercased())"}"#).get()) == nil)
        }
        #expect(RecordType(of: try parseJSON(#"{"type":"bat"}"#).get()) == nil)
        #expect(RecordType(of: try parseJSON(#"{"type":""}"#).get()) == nil)
    }

    @Test func integersAreParsedWithOverflowChecks() {
        func parse(_ s: String) -> Int64? { var s = s; return s.withUTF8 { RecordFields.parseInteger($0) } }
        #expect(parse("9223372036854775807") == Int64.max)
        #expect(parse("-9223372036854775808") == Int64.min)
        #expect(parse("9223372036854775808") == nil)
        #expect(parse("99999999999999999999") == nil)
        #expect(parse("1.0") == nil)
        #expect(parse("-") == nil)
        // Up to 18 digits take the path without overflow checks; 19 take the checked one.
        #expect(parse("999999999999999999") == 999_999_999_999_999_999)
        #expect(parse("-999999999999999999") == -999_999_999_999_999_999)
        #expect(parse("1709303400250") == 1_709_303_400_250)
        #expect(parse("1000000000000000000") == 1_000_000_000_000_000_000)
        #expect(parse("12a") == nil)
        #expect(parse("-0") == 0)
        // Eight digits at a time: every byte of the word is checked, the neighbours of '0' and '9' too.
        #expect(parse("12345678") == 12_345_678)
        #expect(parse("00000000") == 0)
        #expect(parse("98765432109") == 98_765_432_109)
        for position in 0..<8 {
            for bad in ["/", ":", " ", "a", "\u{80}"] {
                var digits = Array("12345678901".utf8)
                digits.replaceSubrange(position..<position + 1, with: Array(bad.utf8))
                #expect(digits.withUnsafeBufferPointer { RecordFields.parseInteger($0) } == nil, "\(bad) at \(position)")
            }
        }
    }

    /// Signals and bars are read in one pass over their members; an escaped key makes them fall
    /// back to a lookup per field, and both must read the same record the same way.
    @Test func signalsAndBarsReadTheSameWithEscapedKeys() throws {
        let plain = try record(Signal.self, #"{"type":"signal","id":"a","ts":0,"symbol":"X","side":"long","confidence":0.5,"price":2,"strategy":"s","regime":"ranging","spoof":0.1,"risk_penalty":0.2,"atr":0.3,"stop":1.5,"target":3,"expires":60000,"force":true}"#).get()
        let escaped = try record(Signal.self, #"{"type":"signal","id":"a","ts":0,"symbol":"X","side":"long","confidence":0.5,"price":2,"strategy":"s","regime":"ranging","spoof":0.1,"risk_penalty":0.2,"atr":0.3,"stop":1.5,"target":3,"expires":60000,"force":true}"#).get()
        for signal in [plain, escaped] {
            #expect(signal.symbol == "X" && signal.strategy == "s" && signal.regime == .ranging && signal.force)
            #expect([signal.price, signal.spoof, signal.riskPenalty, signal.atr, signal.stop, signal.target].map { $0?.description } == ["2", "0.1", "0.2", "0.3", "1.5", "3"])
            #expect(signal.expires?.milliseconds == 60_000)
        }
        let bars = try [#"{"type":"bar","ts":0,"symbol":"X","open":1,"high":2,"low":0.5,"close":1.5,"volume":7,"interval":60}"#,
                        #"{"type":"bar","ts":0,"symbol":"X","open":1,"high":2,"low":0.5,"close":1.5,"volume":7,"interval":60}"#].map { try record(Bar.self, $0).get() }
        for bar in bars {
            #expect([bar.open, bar.high, bar.low, bar.close, bar.volume].map { $0?.description } == ["1", "2", "0.5", "1.5", "7"])
            #expect(bar.interval == 60 && bar.symbol == "X")
        }
        #expect(recordError(Bar.self, #"{"type":"bar","ts":0,"symbol":"X","open":1,"high":2,"low":0.5}"#) == "bar: field 'close': missing")
    }

    @Test func nullFieldsCountAsAbsentAndUnknownOnesAreIgnored() throws {
        let signal = try record(Signal.self, #"{"type":"signal","id":"a","ts":0,"symbol":"X","side":"long","confidence":0.5,"price":null,"stop":null,"force":null,"note":"x","sid":1,"stops":2}"#).get()
        #expect(signal.price == nil && signal.stop == nil && !signal.force)
        #expect(recordError(Signal.self, #"{"type":"signal","id":null,"ts":0,"symbol":"X","side":"long","confidence":0.5}"#) == "signal: field 'id': missing")
        // A signal's id is only checked, never kept; it must still be a non-empty string.
        #expect(recordError(Signal.self, #"{"type":"signal","id":"","ts":0,"symbol":"X","side":"long","confidence":0.5}"#) == #"signal: field 'id': expected a non-empty string, got """#)
        #expect(recordError(Signal.self, #"{"type":"signal","id":7,"ts":0,"symbol":"X","side":"long","confidence":0.5}"#) == "signal: field 'id': expected a non-empty string, got 7")
        #expect((try? record(Signal.self, #"{"type":"signal","id":"\u0041","ts":0,"symbol":"X","side":"long","confidence":0.5}"#).get()) != nil)
        #expect(recordError(Bar.self, #"{"type":"bar","ts":0,"symbol":"X","open":1,"high":2,"low":0.5,"close":null}"#) == "bar: field 'close': missing")
    }
}
