import Glibc

/// `sizer`: turns each signal into an `order` the venue will accept, or a `reject` that says why
/// it cannot. Accounts, fills, instruments, bars and ticks update what it knows and pass through
/// untouched, as does every other record.
public final class Sizer: LineProcessor {
    public static let command = CommandDescription(
        name: "sizer",
        abstract: "Turn signals into exact, venue-valid orders sized by the risk you choose.",
        synopsis: "sizer [options] [FILE...]\n       sizer --round VALUE (--step S | --places N | --digits N) [--mode MODE] [--pad]",
        options: [
            Option("method", value: "METHOD", default: "risk", help: "fixed-qty, fixed-notional, pct-equity, risk, kelly or vol-target"),
            Option("qty", value: "Q", help: "fixed-qty: the quantity of every entry"),
            Option("notional", value: "AMOUNT", help: "fixed-notional: the money of every entry"),
            Option("pct", value: "PERCENT", default: "10", help: "pct-equity: percent of equity (or buying power) per entry"),
            Option("pct-of", value: "equity|buying-power", default: "equity", help: "pct-equity: what the percent is of"),
            Option("risk-pct", value: "PERCENT", default: "1", help: "risk: percent of equity lost if the stop is hit"),
            Option("stop-atr", value: "K", help: "a stop K × the signal's atr from the price, when the signal has no stop"),
            Option("stop-pct", value: "PERCENT", help: "a stop this percent from the price, when neither the signal nor --stop-atr gives one"),
            Option("target-atr", value: "K", help: "a take profit K × atr from the price, when the signal has no target"),
            Option("target-pct", value: "PERCENT", help: "a take profit this percent from the price, when the signal has no target"),
            Option("trailing-pct", value: "PERCENT", help: "a trailing stop this percent of the price behind the best price"),
            Option("time-exit", value: "SECONDS", help: "close the position this long after the signal"),
            Option("min-reward-risk", value: "X", help: "refuse entries whose take-profit distance is less than X × the stop distance"),
            Option("win-rate", value: "P", help: "kelly: fraction of trades that win (0 to 1)"),
            Option("payoff", value: "B", help: "kelly: average win divided by average loss"),
            Option("kelly-fraction", value: "F", default: "0.5", help: "kelly: fraction of the full Kelly stake"),
            Option("kelly-cap-pct", value: "PERCENT", default: "20", help: "kelly: at most this percent of equity"),
            Option("target-vol-pct", value: "PERCENT", help: "vol-target: one ATR move of the position is this percent of equity"),
            Option("confidence-scale-above", value: "C", help: "scale entries up for confidence above C"),
            Option("confidence-scale-max", value: "M", default: "1", help: "the factor at confidence 1 (linear from 1 at C)"),
            Option("max-position-pct", value: "PERCENT", help: "a position is at most this percent of equity"),
            Option("max-notional", value: "AMOUNT", help: "an entry is at most this much money"),
            Option("leverage", value: "L", default: "1", help: "margin accounts: positions up to L × equity (or the buying power reported)"),
            Option("account", value: "cash|margin", default: "cash", help: "a cash account never spends more than its cash and never shorts"),
            Option("fee-bps", value: "BPS", default: "0", help: "fees to keep in cash for, in basis points of the notional"),
            Option("equity", value: "AMOUNT", help: "equity and cash to assume until an account record arrives"),
            Option("limit-offset-bps", value: "BPS", help: "limit orders BPS basis points through the price instead of market orders"),
            Option("tif", value: "auto|day|gtc|ioc|fok", default: "auto", help: "time in force; auto is gtc for crypto, day for the rest"),
            Option("instruments", value: "FILE", help: "instrument records (NDJSON): lot, tick, minimum and maximum sizes"),
            Option("route", value: "U:SIDE=FUND@MIN,…", repeatable: true, help: "a signal on underlying U trades the first FUND whose MIN its confidence reaches (NDX:long=TQQQ@0.8,QQQ)"),
            Option("round", value: "VALUE", commandLineOnly: true, help: "precision calculator: print VALUE rounded and exit"),
            Option("step", value: "S", commandLineOnly: true, help: "--round: to a multiple of S (a tick or lot size)"),
            Option("places", value: "N", commandLineOnly: true, help: "--round: to N decimals (negative: tens, hundreds…)"),
            Option("digits", value: "N", commandLineOnly: true, help: "--round: to N significant digits"),
            Option("mode", value: "MODE", default: "round", commandLineOnly: true, help: "--round: truncate, round (half away from zero), up (ceiling) or down (floor)"),
            Option("pad", commandLineOnly: true, help: "--round: pad with zeros to the precision"),
            Option("print-config", commandLineOnly: true, help: "print the effective configuration as JSON and exit"),
        ],
        profiles: [
            "default": [:],
            "conservative": ["risk-pct": "0.5", "max-position-pct": "10", "min-reward-risk": "1.5", "stop-pct": "2"],
            "prop-firm": ["risk-pct": "0.25", "max-position-pct": "5", "min-reward-risk": "2", "stop-pct": "1"],
        ])

    let stage: Stage
    let output: OutputBuffer
    let sizer: OrderSizer
    let book: SizerBook
    let document = JSONDocument()

    init(_ arguments: ParsedArguments, stage: Stage) throws {
        self.stage = stage
        output = stage.output
        let settings = try SizerSettings(arguments)
        sizer = OrderSizer(settings: settings)
        book = SizerBook(startingEquity: settings.startingEquity)
        if let path = arguments.value("instruments") { try Instrument.load(from: path) { book.apply($0) } }
    }

    public static func run(_ arguments: ParsedArguments, stage: Stage) throws {
        if arguments.value("round") != nil {
            stage.output.append(text: try PrecisionCalculator(arguments).result + "\n")
            return
        }
        guard !stage.printedConfiguration(arguments) else { return }
        try stage.run(try Sizer(arguments, stage: stage), on: arguments.operands)
    }

    public func flush() throws { try output.flush() }

    public func process(_ line: InputLine, file: String?) throws {
        guard try stage.parse(line, into: document, file: file) else { return }
        do {
            switch RecordType(of: document) {
            case .signal?: return size()
            case .account?: book.apply(try Account(document: document))
            case .fill?: book.apply(try Fill(document: document))
            case .instrument?: book.apply(try Instrument(document: document))
            case .bar?:
                let bar = try Bar(document: document)
                book.observe(price: bar.close, of: bar.symbol)
            case .tick?:
                let tick = try Tick(document: document)
                book.observe(price: tick.price, of: tick.symbol)
            default: break
            }
        } catch {
            return try stage.reportBadLine(line.bytes, line: line.number, file: file, reason: "\(error)")
        }
        stage.passRaw(document)
    }

    func size() {
        let signal: Signal
        let members = Signal.Members(document)
        do throws(RecordError) {
            signal = try Signal(RecordFields(document, type: "signal"), at: members)
        } catch {
            return stage.writeReject(Refusal("invalid_signal", reason: error.description), of: document, at: nil)
        }
        size(signal, symbol: SymbolKey(signal.symbol), at: members)
    }

    func size(_ signal: borrowing Signal, symbol: SymbolKey, at members: Signal.Members) {
        do throws(Refusal) {
            let instrument = book.instruments[symbol]
            if instrument == nil, let family = InstrumentFamily(underlying: signal.symbol, among: book.instruments.entries.map(\.value)) {
                let orders = try sizer.orders(for: signal, on: family, book: book)
                // One order keeps the plain id; the closes of several funds are told apart by fund.
                for var order in orders { write(&order, for: signal, at: members, idSuffix: orders.count > 1 ? "-" + order.symbol : "") }
            } else {
                var order = SizedOrder(symbol: signal.symbol)
                try sizer.size(&order, for: signal, instrument: instrument, held: book.positions[symbol] ?? .zero, book: book)
                write(&order, for: signal, at: members)
            }
        } catch {
            stage.writeReject(error, of: document, at: signal.ts)
        }
        if let price = signal.price { book.observe(price: price, of: symbol) }
    }

    /// `{"type":"order","id":"o-<signal id>","signal_id":…,"ts":…,"symbol":…,"side":…,"qty":…,…}`,
    /// written through one reservation of room for all of it: an order is written for nearly
    /// every signal, and a capacity check and a call per member were a third of writing it.
    /// The id, time, symbol and strategy are copied as they stand in the line. The order is
    /// `inout` only so that it is read where it was sized: passed by value, its 500 bytes were
    /// copied for the closures that write it.
    @inline(__always)
    func write(_ order: inout SizedOrder, for signal: Signal, at members: Signal.Members, idSuffix: String = "") {
        let idText = document.text(members.id), idValue = document.rawValue(members.id)
        let tsValue: UnsafeBufferPointer<UInt8>? = document[members.ts].kind == .string && Timestamp.hasCanonicalShape(document.text(members.ts))
            ? document.rawValue(members.ts) : nil
        let symbolValue: UnsafeBufferPointer<UInt8>? = order.underlying == nil ? document.rawValue(members.symbol) : nil
        let strategyValue: UnsafeBufferPointer<UInt8>? = members.strategy != 0 ? document.rawValue(members.strategy) : nil
        var suffix = idSuffix, symbol = order.symbol, underlying = order.underlying ?? "", route = order.route ?? "", timeInForce = order.timeInForce
        let strings = ByteCursor.jsonStringLimit(suffix.utf8.count) &+ ByteCursor.jsonStringLimit(underlying.utf8.count)
            &+ ByteCursor.jsonStringLimit(route.utf8.count) &+ (symbolValue == nil ? ByteCursor.jsonStringLimit(symbol.utf8.count) : 0)
        order.sizing.withBytes { sizing in
            // 512 for the keys, the words and two times.
            let maximum = 512 &+ idText.count &+ idValue.count &+ (tsValue?.count ?? 0) &+ (symbolValue?.count ?? 0) &+ (strategyValue?.count ?? 0)
                &+ timeInForce.utf8.count &+ 10 &* ByteCursor.decimalLimit &+ strings
                &+ (order.sizing.needsEscaping ? ByteCursor.jsonStringLimit(sizing.count) : sizing.count &+ 2)
            output.appendInPlace(maximum: maximum) { start in
                var cursor = ByteCursor(start)
                cursor.put("{\"type\":\"order\",\"id\":\"o-")
                cursor.put(idText)
                if !suffix.isEmpty { suffix.withUTF8 { cursor.putJSONStringContent($0) } }
                cursor.put("\",\"signal_id\":")
                cursor.put(idValue)
                cursor.put(",\"ts\":")
                if let tsValue {
                    cursor.put(tsValue)
                } else {
                    cursor.putQuoted { output.dates.write(signal.ts, into: $0) }
                }
                cursor.put(",\"symbol\":")
                if let symbolValue { cursor.put(symbolValue) } else { symbol.withUTF8 { cursor.putJSONString($0) } }
                cursor.put(",\"side\":\"")
                cursor.put(order.side.jsonText)
                cursor.put("\",\"qty\":")
                cursor.put(decimal: order.qty)
                cursor.put(",\"kind\":\"")
                cursor.put(order.kind.jsonText)
                cursor.put("\",\"intent\":\"")
                cursor.put(order.intent.jsonText)
                cursor.put(UInt8(ascii: "\""))
                cursor.put(",\"ref_price\":", order.refPrice)
                cursor.put(",\"limit_price\":", order.limitPrice)
                cursor.put(",\"time_in_force\":")
                timeInForce.withUTF8 { cursor.putQuoted($0) }
                cursor.put(",\"stop_loss\":", order.stopLoss)
                cursor.put(",\"take_profit\":", order.takeProfit)
                cursor.put(",\"trailing\":", order.trailing)
                if let ts = order.timeExit {
                    cursor.put(",\"time_exit\":")
                    cursor.putQuoted { output.dates.write(ts, into: $0) }
                }
                cursor.put(",\"leverage\":", order.leverage)
                if let strategyValue {
                    cursor.put(",\"strategy\":")
                    cursor.put(strategyValue)
                }
                cursor.put(",\"confidence\":", signal.confidence)
                cursor.put(",\"dust\":", order.dust)
                cursor.put(",\"sizing\":")
                cursor.putJSONString(sizing, escaping: order.sizing.needsEscaping)
                if order.underlying != nil {
                    cursor.put(",\"underlying\":")
                    underlying.withUTF8 { cursor.putJSONString($0) }
                }
                if order.route != nil {
                    cursor.put(",\"route\":")
                    route.withUTF8 { cursor.putJSONString($0) }
                }
                cursor.put("}\n")
                return start.distance(to: cursor.position)
            }
        }
    }
}
