import Glibc

/// `gate`: passes the signals every configured rule allows, and writes a `reject` for the
/// others. Every other record passes through untouched; accounts, fills, instruments and
/// halt/resume records also update its state.
public final class Gate: LineProcessor {
    public static let command = CommandDescription(
        name: "gate",
        abstract: "Pass the signals every safety rule allows; refuse the others with a reason.",
        synopsis: "gate [options] [FILE...]",
        options: [
            Option("min-confidence", value: "X", help: "confidence rule: refuse entries below X (0 to 1)"),
            Option("min-confidence-trending", value: "X", help: "minimum confidence for signals with regime trending"),
            Option("min-confidence-ranging", value: "X", help: "minimum confidence for signals with regime ranging"),
            Option("min-confidence-volatile", value: "X", help: "minimum confidence for signals with regime volatile"),
            Option("max-spoof", value: "X", help: "spoof rule: refuse entries with a spoof score above X"),
            Option("max-risk-penalty", value: "X", help: "risk_penalty rule: refuse entries with a risk penalty above X"),
            Option("allow-missing-scores", help: "let signals without a spoof or risk_penalty score pass those rules"),
            Option("max-age", value: "SECONDS", help: "stale rule: refuse entries older than this against now"),
            Option("expiry", help: "expired rule: refuse entries past their expires time"),
            Option("duplicate-window", value: "SECONDS", help: "duplicate rule: refuse an entry repeating the symbol and side of one passed this recently"),
            Option("min-interval", value: "SECONDS", help: "min_interval rule: minimum time between entries in the same direction on a symbol"),
            Option("cooldown", value: "SECONDS", help: "cooldown rule: minimum time between any two entries on a symbol"),
            Option("cooldown-all", value: "SECONDS", help: "cooldown rule: minimum time between any two entries on any symbols"),
            Option("flip-cooldown", value: "SECONDS", help: "flip_cooldown rule: minimum time before an entry opposite to the last one"),
            Option("max-entries-hour", value: "N", help: "rate rule: entries in any rolling hour, all symbols"),
            Option("max-entries-day", value: "N", help: "rate rule: entries in any rolling day, all symbols"),
            Option("max-entries-hour-symbol", value: "N", help: "rate rule: entries in any rolling hour, per symbol"),
            Option("max-entries-day-symbol", value: "N", help: "rate rule: entries in any rolling day, per symbol"),
            Option("min-reward-risk", value: "X", help: "reward_risk rule: minimum reward-to-risk when a signal has stop and target"),
            Option("max-stop-pct", value: "PERCENT", help: "max_stop rule: maximum stop distance, percent of the price"),
            Option("max-daily-loss-pct", value: "PERCENT", help: "daily_loss rule: loss since the day's start beyond this percent of start-of-day equity allows only exits until the next day"),
            Option("max-drawdown-pct", value: "PERCENT", help: "drawdown rule: equity this far below its peak halts entries until a resume record"),
            Option("loss-cooldown", value: "SECONDS", help: "loss_cooldown rule: no entry on a symbol this long after a losing exit on it"),
            Option("loss-streak", value: "N", help: "loss_streak rule: N losing exits in a row pause entries"),
            Option("loss-streak-window", value: "SECONDS", default: "86400", help: "the losses of a streak all fall within this window"),
            Option("loss-streak-pause", value: "SECONDS", default: "3600", help: "how long a loss streak pauses entries"),
            Option("max-positions", value: "N", help: "max_positions rule: open positions at most, all symbols"),
            Option("max-positions-group", value: "N", help: "max_positions rule: open positions at most per correlation group"),
            Option("max-exposure", value: "X", help: "max_exposure rule: no entry in a fund family once the sum of |exposure| × notional held is X × equity"),
            Option("min-hold", value: "SECONDS", help: "min_hold rule: an exit before the position is this old is refused unless force is true"),
            Option("equity", value: "AMOUNT", help: "equity to assume until an account record arrives (for audits of recorded signals)"),
            Option("day-zone", value: "ZONE", default: "America/New_York", help: "zone whose midnight starts a trading day"),
            Option("session", help: "session rule: equities and ETFs only in regular US hours; needs instruments"),
            Option("instruments", value: "FILE", help: "instrument records (NDJSON) for the session, max_positions and max_exposure rules"),
            Option("holidays", value: "FILE", help: "market holidays, one YYYY-MM-DD a line"),
            Option("clock", value: "replay|wall", default: "replay", help: "now is the latest event time seen, or the wall clock"),
            Option("state", value: "DIR", help: "keep the gate's state in DIR/gate.state, written atomically with each flush of the output; a restart resumes from it"),
            Option("summary", help: "write the audit summary to standard error at the end"),
            Option("summary-file", value: "FILE", help: "write the audit summary as JSON to FILE at the end"),
            Option("print-config", commandLineOnly: true, help: "print the effective configuration as JSON and exit"),
        ],
        profiles: [
            "default": ["expiry": "true", "max-age": "300", "duplicate-window": "10"],
            "conservative": ["expiry": "true", "cooldown": "300", "duplicate-window": "60", "max-spoof": "0.5",
                             "max-risk-penalty": "0.8", "min-confidence": "0.70", "min-confidence-trending": "0.65",
                             "min-confidence-ranging": "0.70", "max-entries-hour": "4", "max-entries-day": "20",
                             "max-daily-loss-pct": "5", "max-age": "5", "min-reward-risk": "1.5", "loss-streak": "3"],
            "prop-firm": ["expiry": "true", "max-age": "60", "duplicate-window": "10", "max-drawdown-pct": "2",
                          "max-daily-loss-pct": "4.5", "min-confidence": "0.82", "max-stop-pct": "1.5", "max-positions": "3"],
        ])

    let stage: Stage
    let output: OutputBuffer
    let state: GateState
    /// Kept only when a summary was asked for: counting costs a table lookup per signal.
    var summary: GateSummary?
    let wallClock: Bool
    let document = JSONDocument()
    /// `DIR/gate.state` with --state.
    let stateFile: StateFile?
    /// Input lines decided by earlier runs with the same state, and by this one.
    var linesDone = 0

    init(_ arguments: ParsedArguments, stage: Stage) throws {
        self.stage = stage
        output = stage.output
        stateFile = try arguments.value("state").map { directory throws(CommandLineError) in try StateFile(directory: directory, stage: "gate") }
        var session = MarketSession()
        if let path = arguments.value("holidays") { session = try MarketSession(holidayFile: path) }
        state = GateState(limits: try GateLimits(arguments), session: session)
        switch arguments.value("clock") {
        case "wall": wallClock = true
        case "replay": wallClock = false
        default: throw CommandLineError.usage("--clock: expected replay or wall, got '\(arguments.value("clock") ?? "")'")
        }
        if let path = arguments.value("instruments") { try Instrument.load(from: path) { state.apply($0) } }
        if let equity = try arguments.decimal("equity", minimum: .zero) { state.assume(equity: equity) }
        if let restored = try stateFile?.load({ try state.restore(from: $0) }) { linesDone = restored }
        if arguments.flag("summary") || arguments.value("summary-file") != nil { summary = GateSummary() }
    }

    /// Writes the output, then the state as of the last line decided: a crash between the two
    /// makes a restart write that block again (its records keep their ids, so downstream counts
    /// them once) rather than lose it.
    public func flush() throws {
        try output.flush()
        try stateFile?.save { state.write(to: $0, line: linesDone) }
    }

    public static func run(_ arguments: ParsedArguments, stage: Stage) throws {
        guard !stage.printedConfiguration(arguments) else { return }
        let gate = try Gate(arguments, stage: stage)
        try stage.run(gate, on: arguments.operands)
        guard let summary = gate.summary else { return }
        if arguments.flag("summary") { try stage.diagnostics.writeAll("gate: summary\n" + summary.text) }
        if let path = arguments.value("summary-file") { try Gate.write(summary, to: path) }
    }

    /// A signal, decoded on the read-ahead thread when there is one: reading it is a third of
    /// what the gate does with a signal.
    public static func decode(_ document: JSONDocument, into record: UnsafeMutablePointer<Signal>) -> Bool {
        Signal.decode(document, into: record)
    }

    public func process(_ line: InputLine, decoded: UnsafeMutablePointer<Signal>, file: String?) throws {
        let signal = decoded.move()
        defer { linesDone += 1 }
        guard try stage.parse(line, into: document, file: file) else { return }
        decide(signal)
    }

    public func process(_ line: InputLine, file: String?) throws {
        defer { linesDone += 1 }
        guard try stage.parse(line, into: document, file: file) else { return }
        guard let type = RecordType(of: document) else {
            observeTime()
            return stage.passRaw(document)
        }
        do {
            switch type {
            case .signal: return decide()
            case .account: state.apply(try Account(document: document))
            case .fill: state.apply(try Fill(document: document))
            case .instrument: state.apply(try Instrument(document: document))
            case .halt, .resume: state.apply(try HaltRecord(document: document))
            default: observeTime()
            }
        } catch {
            return try stage.reportBadLine(line.bytes, line: line.number, file: file, reason: "\(error)")
        }
        stage.passRaw(document)
    }

    /// Moves now forward to a record's `ts`, when it has a readable one.
    func observeTime() {
        if let ts = document.times.eventTime(of: document) { state.observe(ts) }
    }

    func decide() {
        let signal: Signal
        do throws(RecordError) {
            signal = try Signal(document: document)
        } catch {
            observeTime()
            let symbol = document.member("symbol").flatMap { document.string($0) }
            summary?.count(symbol: symbol, ts: state.now, refusedBy: "invalid_signal")
            return writeReject(Refusal("invalid_signal", reason: error.description))
        }
        decide(signal)
    }

    func decide(_ signal: borrowing Signal) {
        state.observe(signal.ts)
        let now = wallClock ? Timestamp.wallClockNow : state.now!
        if state.isExit(signal) {
            if let refusal = state.exitRefusal(of: signal, now: now) {
                summary?.count(symbol: signal.symbol, ts: signal.ts, refusedBy: refusal.ruleName)
                return writeReject(refusal)
            }
            summary?.count(symbol: signal.symbol, ts: signal.ts, refusedBy: nil)
            return stage.passRaw(document)
        }
        if let refusal = state.refusal(of: signal, now: now) {
            summary?.count(symbol: signal.symbol, ts: signal.ts, refusedBy: refusal.ruleName)
            return writeReject(refusal)
        }
        state.recordEntry(signal, at: now)
        summary?.count(symbol: signal.symbol, ts: signal.ts, refusedBy: nil)
        stage.passRaw(document)
    }

    func writeReject(_ refusal: Refusal) {
        stage.writeReject(refusal, of: document, at: state.now)
    }

    static func write(_ summary: GateSummary, to path: String) throws {
        let descriptor = try FileDescriptor.open(path, flags: O_WRONLY | O_CREAT | O_TRUNC)
        try descriptor.writeAll(summary.json)
        try descriptor.close()
    }
}
