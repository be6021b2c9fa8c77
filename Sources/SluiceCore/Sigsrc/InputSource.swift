/// One input of `sigsrc`: a file (or standard input) of NDJSON records or CSV bars, read one
/// record ahead so that several inputs can be merged by event time.
public protocol InputSource: AnyObject {
    /// The file name as given, or nil for standard input (it names the file in messages).
    var file: String? { get }
    var reader: LineReader { get }
    /// Reads the next record, turning bad lines into `error` records on the way; false at end.
    func advance(_ stage: Stage) throws -> Bool
    /// The event time the current record is merged at: its `ts`, never earlier than the
    /// record before it in the same file (records without `ts` keep their place).
    var mergeTime: Timestamp { get }
    /// Writes the current record and returns the bar it holds, if any.
    func emitCurrent(_ emitter: inout RecordEmitter, to output: OutputBuffer) -> Bar?
}

/// Keeps one input's records in file order and reports those whose `ts` goes backwards.
struct OrderTracker {
    static let reportedIndividually = 5
    private(set) var latest = Timestamp.earliest
    private(set) var outOfOrder = 0

    mutating func place(_ ts: Timestamp?, line: Int, file: String?, stage: Stage) -> Timestamp {
        guard let ts else { return latest }
        if ts < latest {
            outOfOrder += 1
            if outOfOrder <= OrderTracker.reportedIndividually {
                stage.warn("\(file.map { "\($0): " } ?? "")line \(line): ts \(ts) is before \(latest), the ts of an earlier record; kept in file order")
            }
            return latest
        }
        latest = ts
        return ts
    }

    func summarize(file: String?, stage: Stage) {
        guard outOfOrder > OrderTracker.reportedIndividually else { return }
        stage.warn("\(file ?? "standard input"): \(outOfOrder) records out of time order in all; kept in file order")
    }
}
