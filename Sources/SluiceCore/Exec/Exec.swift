import Glibc

/// `exec`: sends each order to the broker (the embedded paper venue) and reports what happened
/// as `order_status`, `fill` and `account` records, on standard output and, with `--feedback`,
/// to the FIFO that closes the ring. Every input record passes through first; a barrier is
/// answered with an `ack` on the FIFO once everything its input record caused is written there.
/// Fills, statuses and accounts coming back round the ring are passed on and never applied: the
/// venue's book is the only truth it keeps.
public final class Exec: LineProcessor {
    public static let command = CommandDescription(
        name: "exec",
        abstract: "Send orders to the paper venue once, and report order statuses, fills and account snapshots.",
        synopsis: "exec [options] [FILE...]",
        options: [
            Option("equity", value: "AMOUNT", default: "100000", help: "the paper account's starting cash"),
            Option("instruments", value: "FILE", help: "instrument records (NDJSON): the venue's symbols and rules"),
            Option("slippage-bps", value: "BPS", default: "0", help: "market and stop fills this many basis points worse than the price"),
            Option("fee-bps", value: "BPS", default: "0", help: "fee in basis points of each fill's notional"),
            Option("min-fee", value: "AMOUNT", default: "0", help: "the least fee charged on a fill"),
            Option("max-fill-fraction-of-volume", value: "F", help: "fill at most this fraction of a bar's volume; the rest works on later bars"),
            Option("allow-short", help: "sell short where the instrument says shortable"),
            Option("snapshot-every", value: "SECONDS", default: "60", help: "write an account snapshot at least this often (event time), and after every fill"),
            Option("break-even-r", value: "R", help: "move a stop to the entry price once the price has gone R times the initial risk in favour"),
            Option("holidays", value: "FILE", help: "dates (YYYY-MM-DD, one a line) the equity session is closed"),
            Option("max-attempts", value: "N", default: "5", help: "attempts to send one order before giving up on retryable errors"),
            Option("backoff", value: "SECONDS", default: "0.2", help: "wait before the first retry; doubled for each next one, with jitter"),
            Option("backoff-max", value: "SECONDS", default: "10", help: "the longest wait between two attempts"),
            Option("timeout", value: "SECONDS", default: "2", help: "how long an answer may take before the venue is asked about the order"),
            Option("seed", value: "N", default: "1", help: "seed for the retry jitter"),
            Option("reattach-debounce", value: "SECONDS", default: "30", help: "re-attach a missing protective order at most once per this many seconds"),
            Option("fault", value: "SPEC", help: "make the paper venue misbehave: timeout=P,reject=P,drop-fill-event=P,drop-bracket=P,seed=N"),
            Option("feedback", value: "FIFO", help: "also write statuses, fills and accounts to FIFO, and an ack for each barrier"),
            Option("feedback-wait", value: "SECONDS", default: "10", help: "with --feedback, how long to wait for a reader (sigsrc) to open FIFO"),
            Option("state", value: "DIR", help: "log every order (fsync) before sending it and keep the input line reached in DIR; a restart on the same input sends nothing twice"),
            Option("print-config", commandLineOnly: true, help: "print the effective configuration as JSON and exit"),
        ])

    let stage: Stage
    let output: OutputBuffer
    let settings: ExecSettings
    let retry: RetryPolicy
    public let venue: PaperVenue
    let document = JSONDocument()
    var events: [VenueEvent] = []
    let feedback: OutputBuffer?
    let stateFile: StateFile?
    let orderLog: AppendLog?
    /// Client order ids in the order log from runs before this one.
    var loggedIDs: Set<String> = []
    /// Client order ids this run has sent (or rebuilt by replaying input already answered).
    var sentIDs: Set<String> = []
    /// Input lines answered by an earlier run with the same state, and by this one.
    var linesDone = 0
    /// Lines an earlier run answered: read again to rebuild the venue, writing nothing.
    var replayLines = 0
    var isReplaying: Bool { linesDone < replayLines }
    var now: Timestamp?
    var lastSnapshot: Timestamp?
    var snapshotSeq: Int64 = 0
    /// Each market's position text as of its last fill (by market number; -1: none yet), and a buffer to make it in.
    var positionTexts: [(fillCount: Int, text: [UInt8])] = []
    let scratch = OutputBuffer(destination: .standardOutput, capacity: 256)

    public init(_ arguments: ParsedArguments, stage: Stage) throws {
        self.stage = stage
        output = stage.output
        settings = try ExecSettings(arguments)
        retry = RetryPolicy(maxAttempts: settings.maxAttempts, base: settings.backoffBase, maximum: settings.backoffMax, seed: settings.seed)
        let directory = arguments.value("state")
        stateFile = try directory.map { directory throws(CommandLineError) in try StateFile(directory: directory, stage: "exec") }
        do {
            venue = try PaperVenue(settings: settings, logPath: directory.map { $0 + "/paper-venue.log" })
            orderLog = try directory.map { directory throws(IOError) in try AppendLog(path: directory + "/exec.orders") }
            var logged: Set<String> = []
            try orderLog?.forEachRecord { document in
                if let id = document.member("id").flatMap({ document.string($0) }) { logged.insert(id) }
            }
            loggedIDs = logged
        } catch {
            throw CommandLineError.configuration("state \(directory ?? ""): \(error)")
        }
        let readerWait = Int64(try arguments.integer("feedback-wait", in: 1...86_400)!) * 1000
        feedback = try arguments.value("feedback").map { path throws(IOError) in
            OutputBuffer(destination: try FileDescriptor.openForWritingOnceRead(path, waitingAtMost: readerWait))
        }
        if let path = arguments.value("instruments") { try Instrument.load(from: path) { venue.list($0) } }
        if let restored = try stateFile?.load({ document throws(RecordError) -> Int in
            let reader = StateReader(document: document)
            guard try reader.integer("version", of: 0) == 1 else { throw RecordError("state", field: "version", "expected 1") }
            return Int(try reader.integer("line", of: 0))
        }) {
            replayLines = restored
        }
    }

    public static func run(_ arguments: ParsedArguments, stage: Stage) throws {
        guard !stage.printedConfiguration(arguments) else { return }
        try stage.run(try Exec(arguments, stage: stage), on: arguments.operands)
    }

    /// Feedback first (the ring must not wait on it), then the output, then the line reached: a
    /// crash between them makes a restart write that block again, with the same ids.
    public func flush() throws {
        guard !isReplaying else { return }
        try feedback?.flush()
        try output.flush()
        try stateFile?.save { state in
            var root = JSONObjectWriter(state)
            root.integer("version", 1)
            root.integer("line", Int64(linesDone))
            root.close()
            state.append(UInt8(ascii: "\n"))
        }
    }

    public func process(_ line: InputLine, file: String?) throws {
        let replaying = isReplaying
        venue.isReplaying = replaying
        let mark = output.count
        let feedbackMark = feedback?.count ?? 0
        try handle(line, file: file, replaying: replaying)
        linesDone += 1
        if replaying {
            output.truncate(to: mark)
            feedback?.truncate(to: feedbackMark)
        }
    }

    private func handle(_ line: InputLine, file: String?, replaying: Bool) throws {
        if replaying {
            // Already reported by the run that wrote the state.
            guard !line.isOverlong, (try? document.parseObject(line)) != nil else { return }
        } else {
            guard try stage.parse(line, into: document, file: file) else { return }
        }
        if let ts = document.times.eventTime(of: document), now.map({ ts > $0 }) ?? true { now = ts }
        guard let type = RecordType(of: document) else { return stage.passRaw(document) }
        do {
            switch type {
            case .order: return try send()
            case .bar:
                let bar = try Bar(document: document)
                stage.passRaw(document)
                return try trade(PricePoint(bar), symbol: bar.symbol)
            case .tick:
                let tick = try Tick(document: document)
                stage.passRaw(document)
                return try trade(PricePoint(tick), symbol: tick.symbol)
            case .instrument: venue.list(try Instrument(document: document))
            case .barrier:
                stage.passRaw(document)
                return try acknowledge(try Barrier(document: document).seq)
            default: break
            }
        } catch let error as RecordError {
            guard !replaying else { return }
            return try stage.reportBadLine(line.bytes, line: line.number, file: file, reason: error.description)
        }
        stage.passRaw(document)
        writeSnapshotIfDue()
    }

    /// `{"type":"ack","seq":…}` on the FIFO, after everything already written there.
    func acknowledge(_ seq: Int64) throws {
        guard let feedback else { return }
        var ack = JSONObjectWriter(feedback)
        ack.word("type", "ack")
        ack.integer("seq", seq)
        ack.close()
        feedback.append(UInt8(ascii: "\n"))
        if !isReplaying { try feedback.flush() }
    }

    func trade(_ point: PricePoint, symbol: String) throws {
        guard let index = venue.market(symbol: symbol) else { return writeSnapshotIfDue() }
        events.removeAll(keepingCapacity: true)
        venue.trade(point, in: index, events: &events)
        let filled = write(events)
        try guardProtection(in: index)
        writeSnapshotIfDue(force: filled)
    }

    /// Writes venue events; true if a fill was reported.
    func write(_ events: [VenueEvent]) -> Bool {
        var filled = false
        for event in events {
            switch event {
            case let .fill(fill) where fill.isReported:
                write(fill)
                filled = true
            case .fill: break
            case let .status(status): write(status)
            }
        }
        return filled
    }

    func writeSnapshotIfDue(force: Bool = false) {
        guard let now else { return }
        if force || lastSnapshot.map({ now.milliseconds - $0.milliseconds >= settings.snapshotEvery }) ?? true {
            lastSnapshot = now
            snapshotSeq += 1
            writeAccount(at: now)
        }
    }
}
