/// `sigsrc`: reads market data and records from files, merges them into one stream ordered by
/// event time, gives ids to records without one, runs built-in strategies over the bars, and
/// joins the feedback ring.
public final class Sigsrc {
    public static let command = CommandDescription(
        name: "sigsrc",
        abstract: "Turn NDJSON and CSV files of bars and signals into one time-ordered record stream.",
        synopsis: "sigsrc [options] [FILE...]",
        options: [
            Option("strategy", value: "SPEC", repeatable: true, help: "turn bars into signals: sma-cross:fast=10,slow=30, rsi:period=14,low=30,high=70, breakout:period=20"),
            Option("symbol", value: "SYMBOL", repeatable: true, help: "symbol of CSV files without a symbol column (once for all files, or once per file)"),
            Option("columns", value: "NAMES", help: "CSV columns in order, - to skip one: e.g. date,open,high,low,close,-,volume"),
            Option("tz", value: "ZONE", help: "zone of CSV times written without an offset, e.g. America/New_York (default: from the column name, else UTC)"),
            Option("interval", value: "LENGTH", help: "bar length when it cannot be inferred: seconds, or 30s, 5m, 1h, 1d"),
            Option("id-prefix", value: "TEXT", default: "s-", help: "prefix of the ids given to records that have none"),
            Option("speed", value: "N", help: "replay at N times event time (default: as fast as possible)"),
            Option("follow", help: "keep reading a growing file, like tail -f (one input only)"),
            Option("feedback", value: "FIFO", help: "merge the records exec writes to this FIFO into the stream"),
            Option("sync", help: "after each input record write a barrier and wait for exec's ack (needs --feedback)"),
            Option("ack-timeout", value: "SECONDS", default: "30", help: "with --sync, give up when an ack takes longer"),
            Option("linger", value: "SECONDS", default: "1", help: "with --feedback and no --sync, keep forwarding feedback this long after the input ends"),
            Option("quiet", help: "no progress line on a terminal"),
        ])

    let stage: Stage
    let output: OutputBuffer
    var emitter: RecordEmitter
    let strategies: [any Strategy]
    var feedback: FeedbackChannel?
    let document = JSONDocument()
    let synchronous: Bool
    let ackTimeoutMilliseconds: Int64
    /// How long the feedback FIFO may have no writer before exec is taken to have stopped.
    static let writerGraceMilliseconds: Int64 = 1000
    let lingerMilliseconds: Int64
    var barrierSeq: Int64 = 0
    var records = 0

    init(_ arguments: ParsedArguments, stage: Stage) throws {
        self.stage = stage
        output = stage.output
        emitter = RecordEmitter(idPrefix: arguments.value("id-prefix") ?? "s-")
        var built: [any Strategy] = []
        for text in arguments.allValues("strategy") { built.append(try StrategySpec(parsing: text).makeStrategy()) }
        strategies = built
        synchronous = arguments.flag("sync")
        if synchronous && arguments.value("feedback") == nil { throw CommandLineError.usage("--sync needs --feedback FIFO") }
        ackTimeoutMilliseconds = Int64(try arguments.integer("ack-timeout", in: 1...86_400)!) * 1000
        lingerMilliseconds = Int64(try arguments.integer("linger", in: 0...86_400)!) * 1000
    }

    public static func run(_ arguments: ParsedArguments, stage: Stage) throws {
        let sigsrc = try Sigsrc(arguments, stage: stage)
        if let path = arguments.value("feedback") { sigsrc.feedback = try FeedbackChannel(path: path, synchronous: sigsrc.synchronous) }
        var sources = try sigsrc.openSources(arguments)
        var pacer = try arguments.decimal("speed").map { speed throws(CommandLineError) -> Pacer in
            guard speed.signum > 0 else { throw .usage("--speed: must be above 0, got '\(speed)'") }
            return Pacer(speed: speed)
        }
        var progress: ProgressMeter?
        if !arguments.flag("quiet") && FileDescriptor.standardError.isTerminal,
           sources.allSatisfy({ $0.reader.descriptor.isRegularFile }) {
            progress = ProgressMeter(stage: stage, totalBytes: sources.reduce(0) { $0 + ($1.reader.descriptor.fileSize ?? 0) })
        }
        sources = try sources.filter { try $0.advance(stage) }
        while !sources.isEmpty {
            var pick = 0
            for k in 1..<sources.count where sources[k].mergeTime < sources[pick].mergeTime { pick = k }
            let source = sources[pick]
            try pacer?.wait(until: source.mergeTime) { try stage.output.flush() }
            try sigsrc.emit(source)
            // The clock is read every 4096 records, or every record when paced (records are slow then).
            if progress != nil && (sigsrc.records & 4095 == 0 || pacer != nil) {
                progress?.update(records: sigsrc.records, consumedBytes: sources.reduce(0) { $0 + $1.reader.consumedBytes })
            }
            if try !source.advance(stage) { sources.remove(at: pick) }
        }
        progress?.finish()
        if sigsrc.feedback != nil && !sigsrc.synchronous { try sigsrc.linger() }
    }

    /// Writes one input record, the signals it gives rise to, and in sync mode its barrier.
    func emit(_ source: any InputSource) throws {
        records += 1
        if let bar = source.emitCurrent(&emitter, to: output) {
            for strategy in strategies {
                if let proposal = strategy.observe(bar) { writeSignal(proposal, bar: bar, strategy: strategy.label) }
            }
        }
        if synchronous {
            barrierSeq += 1
            var barrier = JSONObjectWriter(output)
            barrier.word("type", "barrier")
            barrier.integer("seq", barrierSeq)
            barrier.close()
            output.append(UInt8(ascii: "\n"))
            try awaitAck(barrierSeq)
        } else if let feedback {
            try feedback.drain()
            try forwardFeedback()
        }
        try output.flushIfFull()
    }

    func writeSignal(_ proposal: SignalProposal, bar: Bar, strategy: String) {
        var signal = JSONObjectWriter(output)
        signal.word("type", "signal")
        signal.key("id")
        emitter.ids.appendNext(to: output)
        signal.timestamp("ts", bar.knownAt)
        signal.string("symbol", bar.symbol)
        signal.string("side", proposal.side.rawValue)
        signal.decimal("confidence", proposal.confidence)
        signal.decimal("price", proposal.price)
        signal.decimal("atr", proposal.atr)
        signal.string("strategy", strategy)
        signal.close()
        output.append(UInt8(ascii: "\n"))
    }

    /// Forwards every complete feedback line received; returns the highest ack seen.
    @discardableResult
    func forwardFeedback() throws -> Int64 {
        guard let feedback else { return 0 }
        var highestAck: Int64 = 0
        while let ack = try feedback.nextLine({ line in try forwardFeedbackLine(line, path: feedback.path) }) {
            highestAck = max(highestAck, ack)
        }
        return highestAck
    }

    /// Forwards one feedback record, or returns the seq of an ack (which is not forwarded).
    private func forwardFeedbackLine(_ line: InputLine, path: String) throws -> Int64 {
        let facts: RecordEmitter.Facts
        do {
            try document.parseObject(line.bytes)
            facts = try RecordEmitter.inspect(document)
            if facts.type == .ack { return try Ack(document: document).seq }
        } catch {
            try stage.reportBadLine(line.bytes, line: line.number, file: path, reason: "\(error)")
            return 0
        }
        emitter.emit(document, facts: facts, to: output)
        return 0
    }

    func awaitAck(_ seq: Int64) throws {
        let deadline = MonotonicClock.nowMilliseconds() + ackTimeoutMilliseconds
        var writerGoneSince: Int64?
        try output.flush()
        while true {
            if try forwardFeedback() >= seq { return }
            try output.flush()
            let now = MonotonicClock.nowMilliseconds()
            let remaining = deadline - now
            guard remaining > 0 else {
                throw SigsrcError.ackTimeout(seq: seq, seconds: ackTimeoutMilliseconds / 1000, fifo: feedback!.path)
            }
            guard feedback!.writerGone else {
                writerGoneSince = nil
                _ = try feedback!.wait(milliseconds: Int32(min(remaining, 1000)))
                continue
            }
            // No writer: exec stopped, unless it is between messages. A FIFO with no writer
            // polls readable at once, so the wait for it to come back is a sleep.
            if now - (writerGoneSince ?? now) >= Sigsrc.writerGraceMilliseconds {
                throw SigsrcError.feedbackClosed(seq: seq, fifo: feedback!.path)
            }
            writerGoneSince = writerGoneSince ?? now
            try MonotonicClock.sleep(milliseconds: 10)
            try feedback!.drain()
        }
    }

    /// In live mode, what an input's reader does while it waits: forward the feedback that came.
    func serveFeedback(_ feedback: FeedbackChannel) -> (descriptor: FileDescriptor, onReadable: () throws -> Void) {
        (feedback.descriptor, { [unowned self] in
            try feedback.drain()
            try self.forwardFeedback()
            try self.output.flush()
        })
    }

    /// After the input ends, live mode keeps forwarding feedback until it goes quiet.
    func linger() throws {
        try feedback!.drain()
        while true {
            try forwardFeedback()
            try output.flush()
            guard lingerMilliseconds > 0, try feedback!.wait(milliseconds: Int32(lingerMilliseconds)) else { return }
        }
    }
}

/// Failures of `sigsrc` that are neither bad input nor I/O.
public enum SigsrcError: Error, CustomStringConvertible {
    case ackTimeout(seq: Int64, seconds: Int64, fifo: String)
    case feedbackClosed(seq: Int64, fifo: String)

    public var description: String {
        switch self {
        case let .ackTimeout(seq, seconds, fifo):
            return "no ack for barrier \(seq) within \(seconds)s on \(fifo): is exec running with --feedback \(fifo)?"
        case let .feedbackClosed(seq, fifo):
            return "exec closed \(fifo) before the ack for barrier \(seq): a stage of the ring stopped"
        }
    }
}
