/// `journal`: passes every record through unchanged, so that it can sit anywhere in a pipeline,
/// and keeps the ones that matter in a ledger.
public final class Journal: LineProcessor {
    public static let command = CommandDescription(
        name: "journal",
        abstract: "Pass every record through, and keep fills, orders, statuses, refusals, corrections and accounts in a ledger.",
        synopsis: "journal [options] [FILE...]",
        options: [
            Option("ledger", value: "FILE", help: "append the records that matter to FILE (NDJSON), each id once, fsync'd in batches"),
        ])

    /// What the ledger keeps. Signals reach a journal only when it sits before `sizer`; kept,
    /// they count in the report's funnel as passed by the gate.
    static let ledgerTypes: Set<RecordType> = [.signal, .fill, .order, .orderStatus, .reject, .correction, .account]

    let stage: Stage
    let output: OutputBuffer
    public let ledger: Ledger?
    let document = JSONDocument()

    public init(_ arguments: ParsedArguments, stage: Stage) throws {
        self.stage = stage
        output = stage.output
        ledger = try arguments.value("ledger").map { try Ledger(path: $0) }
    }

    public static func run(_ arguments: ParsedArguments, stage: Stage) throws {
        try stage.run(try Journal(arguments, stage: stage), on: arguments.operands)
    }

    /// The ledger first: what went downstream is in it.
    public func flush() throws {
        try ledger?.synchronize()
        try output.flush()
    }

    public func process(_ line: InputLine, file: String?) throws {
        guard try stage.parse(line, into: document, file: file) else { return }
        stage.passRaw(document)
        if let ledger, let type = RecordType(of: document), Journal.ledgerTypes.contains(type) { ledger.record(document) }
    }
}
