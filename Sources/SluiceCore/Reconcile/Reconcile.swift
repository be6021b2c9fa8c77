/// `reconcile`: checks every order against the position book just before it reaches the broker,
/// so that nothing unheld is sold and no money is spent twice; keeps the book in agreement with
/// the broker's account snapshots, writing a `correction` for every difference. Fills, order
/// statuses, accounts, instruments, bars and ticks update the book and pass through untouched,
/// as does every other record.
public final class Reconcile: LineProcessor {
    public static let command = CommandDescription(
        name: "reconcile",
        abstract: "Check orders against the position book and keep the book in agreement with the broker.",
        synopsis: "reconcile [options] [FILE...]",
        options: [
            Option("on-conflict", value: "POLICY", default: "close-then-open", help: "an entry against a position held the other way: close-then-open, close-only or reject"),
            Option("max-entries", value: "N", default: "1", help: "entries in one direction on a symbol before duplicate_entry (more than 1 to pyramid)"),
            Option("resize", help: "cut an entry down to the cash available instead of refusing it"),
            Option("max-stale", value: "SECONDS", help: "stale_book: refuse entries when the last account snapshot is older than this (event time)"),
            Option("account", value: "cash|margin", default: "cash", help: "a cash account spends only its cash and never shorts; margin uses the buying power reported"),
            Option("fee-bps", value: "BPS", default: "0", help: "fees counted into the cost of an entry, in basis points of the notional"),
            Option("equity", value: "AMOUNT", help: "cash to assume until an account snapshot arrives"),
            Option("instruments", value: "FILE", help: "instrument records (NDJSON): which symbols can be shorted, lots for --resize"),
            Option("state", value: "DIR", help: "keep the book in DIR/reconcile.state, written atomically with each flush of the output; a restart resumes from it"),
            Option("print-config", commandLineOnly: true, help: "print the effective configuration as JSON and exit"),
        ],
        profiles: [
            "default": [:],
            "conservative": ["max-stale": "300", "on-conflict": "close-only", "fee-bps": "10"],
            "prop-firm": ["max-stale": "120", "on-conflict": "reject", "fee-bps": "10"],
        ])

    let stage: Stage
    let output: OutputBuffer
    let rules: ReconcileRules
    public let book: PositionBook
    let document = JSONDocument()
    /// Where a line read flat on this thread is decoded (`ReconcileRecord.decode(flat:…)`).
    let flatRecord = UnsafeMutablePointer<ReconcileRecord>.allocate(capacity: 1)
    let stateFile: StateFile?
    /// Input lines decided by earlier runs with the same state, and by this one.
    var linesDone = 0

    public init(_ arguments: ParsedArguments, stage: Stage) throws {
        self.stage = stage
        output = stage.output
        let settings = try ReconcileSettings(arguments)
        rules = ReconcileRules(settings: settings)
        book = PositionBook(startingCash: settings.startingCash)
        stateFile = try arguments.value("state").map { directory throws(CommandLineError) in try StateFile(directory: directory, stage: "reconcile") }
        if let path = arguments.value("instruments") { try Instrument.load(from: path) { book.apply($0) } }
        if let restored = try stateFile?.load({ try book.restore(from: $0) }) { linesDone = restored }
    }

    deinit { flatRecord.deallocate() }

    public static func run(_ arguments: ParsedArguments, stage: Stage) throws {
        guard !stage.printedConfiguration(arguments) else { return }
        try stage.run(try Reconcile(arguments, stage: stage), on: arguments.operands)
    }

    /// Writes the output, then the book as of the last line checked: a crash between the two
    /// makes a restart write that block again (same order ids, which `exec` never sends twice)
    /// rather than lose it.
    public func flush() throws {
        try output.flush()
        try stateFile?.save { book.write(to: $0, line: linesDone) }
    }

    public func process(_ line: InputLine, file: String?) throws {
        // Lines the read-ahead thread scanned are the ones that could not be read flat.
        if line.scannedNodes == nil && !line.isOverlong && ReconcileRecord.decode(flat: line.bytes, caches: document, into: flatRecord) {
            return try process(line, decoded: flatRecord, file: file)
        }
        defer { linesDone += 1 }
        guard try stage.parse(line, into: document, file: file) else { return }
        if let ts = document.times.eventTime(of: document) { book.observe(ts) }
        guard let type = RecordType(of: document) else { return stage.passRaw(document) }
        if type == .order { return try checkParsedOrder(line, file: file) }
        do {
            switch type {
            case .fill:
                let fill = try Fill(document: document)
                try fill.checkFitsBook()
                book.apply(fill)
            case .orderStatus: book.apply(try OrderStatus(document: document))
            case .account:
                guard Reconcile.isSuccessfulSnapshot(document) else { break }
                let account = try Account(document: document)
                try account.checkFitsBook()
                let corrections = book.apply(account)
                stage.passRaw(document)
                return corrections.forEach(write)
            case .instrument: book.apply(try Instrument(document: document), record: Array(document.text(0)))
            case .bar:
                let bar = try Bar(document: document)
                if bar.close.fitsBook { book.observe(price: bar.close, of: bar.symbol) }
            case .tick:
                let tick = try Tick(document: document)
                if tick.price.fitsBook { book.observe(price: tick.price, of: tick.symbol) }
            default: break
            }
        } catch {
            return try stage.reportBadLine(line.bytes, line: line.number, file: file, reason: "\(error)")
        }
        stage.passRaw(document)
    }

    /// An account record that says the broker could not be asked (`"ok": false` or an `error`
    /// member) is no evidence: it passes through and the book keeps what it had.
    static func isSuccessfulSnapshot(_ document: JSONDocument) -> Bool {
        if document.member("error") != nil { return false }
        if let ok = document.member("ok"), document.bool(ok) == false { return false }
        return true
    }

    /// Decodes and checks the order `document` holds; an invalid one is refused.
    func checkParsedOrder(_ line: InputLine, file: String?) throws {
        let order: Order
        do throws(RecordError) {
            order = try Order(document: document)
            try order.checkFitsBook()
        } catch {
            return stage.writeReject(Refusal("invalid_order", reason: error.description), of: document, at: book.now, parentKey: "order_id")
        }
        try check(order, line: line, parsed: true, file: file)
    }

    /// Decides `order` and writes what follows; its line is in `document` when `parsed`, and
    /// is parsed here only when a close or a cut copies members from it.
    func check(_ order: borrowing Order, line: InputLine, parsed: Bool, file: String?) throws {
        let (known, position) = book.numberedPosition(order.symbol)
        let decision = rules.decide(order, position: position, book: book, now: book.now ?? order.ts)
        if !parsed && (!decision.closes.isEmpty || decision.outcome.isCut) {
            guard try stage.parse(line, into: document, file: file) else { return }
        }
        for close in decision.closes {
            // The entry's own symbol keeps the short id; another fund of its family is named.
            let id = order.id + (close.symbol == order.symbol ? "-close" : "-close-" + close.symbol)
            writeClose(close, id: id, for: order)
            book.send(id: id, symbol: close.symbol, side: close.side, qty: close.qty, isOpen: false, unitCost: .zero)
        }
        let isOpen = order.intent == .open
        switch decision.outcome {
        case .pass:
            if parsed { stage.passRaw(document) } else { stage.passRaw(line.bytes) }
            book.send(id: order.id, symbolNumber: known ?? book.number(of: order.symbol), side: order.side, qty: order.qty, isOpen: isOpen, unitCost: decision.unitCost)
        case let .cut(qty, note):
            writeCut(order, qty: qty, note: note)
            book.send(id: order.id, symbolNumber: known ?? book.number(of: order.symbol), side: order.side, qty: qty, isOpen: isOpen, unitCost: decision.unitCost)
        case let .refused(refusal) where parsed:
            stage.writeReject(refusal, of: document, at: order.ts, parentKey: "order_id")
        case let .refused(refusal):
            // Read flat, the line is the whole object and its id has no escapes.
            var id = order.id
            id.withUTF8 { stage.writeReject(refusal, subject: line.bytes, idText: $0, at: order.ts, parentKey: "order_id") }
        }
    }

    /// The order with its quantity replaced; every field it does not own is kept as it was.
    func writeCut(_ order: Order, qty: Decimal, note: String) {
        var record = JSONObjectWriter(output)
        document.forEachMember { key, value in
            if document.stringEquals(key, "qty") {
                record.decimal("qty", qty)
            } else if !document.stringEquals(key, "qty_requested") && !document.stringEquals(key, "note") {
                record.member(from: document, key: key, value: value)
            }
        }
        record.decimal("qty_requested", order.qty)
        record.string("note", note)
        record.close()
        output.append(UInt8(ascii: "\n"))
    }

    /// `{"type":"order","id":"<id>-close[-<symbol>]",…,"intent":"close","origin":"reconcile","note":…}`:
    /// a market order that closes what the entry conflicts with or rotates out of, written
    /// before the entry.
    func writeClose(_ close: ReconcileDecision.Close, id: String, for order: Order) {
        var record = JSONObjectWriter(output)
        record.word("type", "order")
        record.string("id", id)
        record.raw("signal_id", document.rawValue(document.member("signal_id")!))
        record.timestamp("ts", order.ts)
        record.string("symbol", close.symbol)
        record.word("side", close.side)
        record.decimal("qty", close.qty)
        record.word("kind", "market")
        record.word("intent", "close")
        record.word("origin", "reconcile")
        if let price = close.symbol == order.symbol ? order.refPrice : book[close.symbol].lastPrice { record.decimal("ref_price", price) }
        for key: JSONKey in ["time_in_force", "strategy", "underlying"] {
            // A member's key node comes just before its value node.
            if let value = document.member(key), document[value].kind == .string { record.member(from: document, key: value - 1, value: value) }
        }
        record.string("note", close.note)
        record.close()
        output.append(UInt8(ascii: "\n"))
    }

    /// `{"type":"correction","id":"correction-<ms>-<symbol>","ts":…,"symbol":…,"local_qty":…,
    /// "broker_qty":…,"action":…,"reason":…}`
    func write(_ correction: Correction) {
        var record = JSONObjectWriter(output)
        record.word("type", "correction")
        record.string("id", "correction-\(correction.ts.milliseconds)-\(correction.symbol)")
        record.timestamp("ts", correction.ts)
        record.string("symbol", correction.symbol)
        record.decimal("local_qty", correction.localQty)
        record.decimal("broker_qty", correction.brokerQty)
        record.word("action", correction.action)
        record.string("reason", correction.reason)
        record.close()
        output.append(UInt8(ascii: "\n"))
    }
}
