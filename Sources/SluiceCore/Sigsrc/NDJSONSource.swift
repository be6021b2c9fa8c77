/// An input of NDJSON records. Each line is parsed (to validate it and find `type`, `ts` and
/// `id`) but written back raw unless `ts` or `id` needs fixing.
public final class NDJSONSource: InputSource {
    public let file: String?
    public let reader: LineReader
    /// Parse bars fully, for strategies.
    let wantsBars: Bool
    let document = JSONDocument()
    private var pendingFirstLine: InputLine?
    private var facts: RecordEmitter.Facts?
    private var bar: Bar?
    private var order = OrderTracker()
    public private(set) var mergeTime = Timestamp.earliest

    init(file: String?, reader: LineReader, firstLine: InputLine?, wantsBars: Bool) {
        self.file = file
        self.reader = reader
        self.wantsBars = wantsBars
        pendingFirstLine = firstLine
    }

    public func advance(_ stage: Stage) throws -> Bool {
        while true {
            let line: InputLine
            if let first = pendingFirstLine {
                line = first
                pendingFirstLine = nil
            } else if let next = try reader.next() {
                line = next
            } else {
                order.summarize(file: file, stage: stage)
                return false
            }
            if let reason = read(line) {
                try stage.reportBadLine(line.bytes, line: line.number, file: file, reason: reason, truncated: line.isOverlong)
                continue
            }
            mergeTime = order.place(facts?.ts, line: line.number, file: file, stage: stage)
            return true
        }
    }

    /// Parses a line; returns why it is bad, or nil.
    private func read(_ line: InputLine) -> String? {
        if line.isOverlong { return "line longer than \(reader.maximumLineLength) bytes" }
        if wantsBars { bar = nil }
        do {
            try document.parseObject(line.bytes)
            let found = try RecordEmitter.inspect(document)
            facts = found
            if wantsBars && found.type == .bar { bar = try Bar(document: document) }
            return nil
        } catch {
            return "\(error)"
        }
    }

    public func emitCurrent(_ emitter: inout RecordEmitter, to output: OutputBuffer) -> Bar? {
        emitter.emit(document, facts: facts!, to: output)
        return bar
    }
}
