/// A block of input lines read ahead: their bytes, the JSON nodes scanned for each, the record
/// decoded from each, and how the input goes on after them. It belongs to one thread at a time;
/// `ReadAheadReader` hands it over.
final class ReadAheadBatch<Decoded> {
    struct Line {
        var byteStart: Int
        var byteCount: Int
        /// -1 when the line was not scanned: decoded flat, left to a stage that reads flat lines,
        /// overlong, or not a JSON object (the stage parses it again, and reports the error
        /// itself, as it does without read-ahead).
        var nodeStart: Int
        var nodeCount: Int
        var number: Int
        var isOverlong: Bool
        var pathIndex: Int
        /// -1 when `decode` made nothing of the line.
        var recordIndex: Int
    }

    enum Ending {
        case more
        case endOfInput
        case failed(any Error)
    }

    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private(set) var byteCount = 0
    private var nodes: UnsafeMutablePointer<JSONNode>
    private var nodeCapacity: Int
    private var nodeCount = 0
    private(set) var lines: [Line] = []
    /// What the stage's `decode` made of the lines: made in place, as a record can be a few
    /// hundred bytes, and moved out by the stage when `line(at:)` hands it over.
    private var records: UnsafeMutablePointer<Decoded>
    private var recordCapacity: Int
    private var recordCount = 0
    /// Records handed to the stage by `line(at:)`, in order, which it moves out: the batch
    /// destroys only those after them.
    private var recordsTaken = 0
    var ending = Ending.more

    init() {
        byteCapacity = ReadAhead.initialByteCapacity
        bytes = .allocate(capacity: byteCapacity)
        nodeCapacity = ReadAhead.initialNodeCapacity
        nodes = .allocate(capacity: nodeCapacity)
        recordCapacity = ReadAhead.initialRecordCapacity
        records = .allocate(capacity: recordCapacity)
    }

    deinit {
        (records + recordsTaken).deinitialize(count: recordCount - recordsTaken)
        bytes.deallocate()
        nodes.deallocate()
        records.deallocate()
    }

    /// Copies `line` in and decodes it flat with `decodeFlat`, if given; failing that, scans it
    /// with `scanner` (if `scans`) and decodes it with `decode`, if given.
    func append(_ line: InputLine, pathIndex: Int, scanner: JSONDocument, decode: ((JSONDocument, UnsafeMutablePointer<Decoded>) -> Bool)?,
                decodeFlat: ReadAhead.FlatDecode<Decoded>? = nil, scans: Bool = true) {
        let count = line.bytes.count
        if byteCount + count > byteCapacity { bytes = bytes.regrown(keeping: byteCount, capacity: &byteCapacity, toHold: byteCount + count) }
        if let source = line.bytes.baseAddress { (bytes + byteCount).update(from: source, count: count) }
        var entry = Line(byteStart: byteCount, byteCount: count, nodeStart: -1, nodeCount: 0,
                         number: line.number, isOverlong: line.isOverlong, pathIndex: pathIndex, recordIndex: -1)
        byteCount += count
        if recordCount == recordCapacity {
            records = records.regrown(keeping: recordCount, capacity: &recordCapacity, toHold: recordCount + 1)
        }
        // Called through `?`: binding a closure with `if let` retains and releases its context,
        // an atomic pair for each line.
        if !line.isOverlong, decodeFlat?(line.bytes, scanner, records + recordCount) == true {
            entry.recordIndex = recordCount
            recordCount += 1
        } else if scans && !line.isOverlong, (try? scanner.parseObject(line.bytes)) != nil {
            if decode?(scanner, records + recordCount) == true {
                entry.recordIndex = recordCount
                recordCount += 1
            }
            let scanned = scanner.nodeCount
            if nodeCount + scanned > nodeCapacity { nodes = nodes.regrown(keeping: nodeCount, capacity: &nodeCapacity, toHold: nodeCount + scanned) }
            (nodes + nodeCount).update(from: scanner.nodes, count: scanned)
            entry.nodeStart = nodeCount
            entry.nodeCount = scanned
            nodeCount += scanned
        }
        lines.append(entry)
    }

    /// The line at `index`, pointing into this batch (valid until the batch is reset), the
    /// index of the path it came from, and its decoded record, now the caller's to move out.
    @inline(__always)
    func line(at index: Int) -> (InputLine, pathIndex: Int, record: UnsafeMutablePointer<Decoded>?) {
        let entry = lines[index]
        if entry.recordIndex >= 0 { recordsTaken = entry.recordIndex + 1 }
        let line = InputLine(bytes: UnsafeBufferPointer(start: bytes + entry.byteStart, count: entry.byteCount),
                             number: entry.number, isOverlong: entry.isOverlong,
                             scannedNodes: entry.nodeStart < 0 ? nil : UnsafeBufferPointer(start: nodes + entry.nodeStart, count: entry.nodeCount))
        return (line, entry.pathIndex, entry.recordIndex < 0 ? nil : records + entry.recordIndex)
    }

    /// Empties the batch for reuse; storage a very long line made grow is given back.
    func reset() {
        byteCount = 0
        nodeCount = 0
        lines.removeAll(keepingCapacity: lines.count <= 65_536)
        (records + recordsTaken).deinitialize(count: recordCount - recordsTaken)
        recordCount = 0
        recordsTaken = 0
        ending = .more
        if byteCapacity > ReadAhead.initialByteCapacity * 4 {
            bytes.deallocate()
            byteCapacity = ReadAhead.initialByteCapacity
            bytes = .allocate(capacity: byteCapacity)
        }
        if nodeCapacity > ReadAhead.initialNodeCapacity * 4 {
            nodes.deallocate()
            nodeCapacity = ReadAhead.initialNodeCapacity
            nodes = .allocate(capacity: nodeCapacity)
        }
        if recordCapacity > ReadAhead.initialRecordCapacity * 4 {
            records.deallocate()
            recordCapacity = ReadAhead.initialRecordCapacity
            records = .allocate(capacity: recordCapacity)
        }
    }
}
