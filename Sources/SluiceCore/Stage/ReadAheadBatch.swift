/// A block of input lines read ahead: their bytes, the JSON nodes scanned for each, and how the
/// input goes on after them. It belongs to one thread at a time; `ReadAheadReader` hands it over.
final class ReadAheadBatch {
    struct Line {
        var byteStart: Int
        var byteCount: Int
        /// -1 when the line was not scanned: overlong, or not a JSON object (the stage parses it
        /// again and reports the error itself, as it does without read-ahead).
        var nodeStart: Int
        var nodeCount: Int
        var number: Int
        var isOverlong: Bool
        var pathIndex: Int
    }

    enum Ending {
        case more
        case endOfInput
        case failed(any Error)
    }

    /// A batch is handed over once it holds this many bytes (about 300 signals): large enough
    /// that the handover costs nothing per line, small enough that four batches stay in the
    /// cache and add about a megabyte to a stage.
    static let byteLimit = 64 * 1024
    static let initialByteCapacity = byteLimit + byteLimit / 4
    static let initialNodeCapacity = 8 * 1024

    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private(set) var byteCount = 0
    private var nodes: UnsafeMutablePointer<JSONNode>
    private var nodeCapacity: Int
    private var nodeCount = 0
    private(set) var lines: [Line] = []
    var ending = Ending.more

    init() {
        byteCapacity = ReadAheadBatch.initialByteCapacity
        bytes = .allocate(capacity: byteCapacity)
        nodeCapacity = ReadAheadBatch.initialNodeCapacity
        nodes = .allocate(capacity: nodeCapacity)
    }

    deinit {
        bytes.deallocate()
        nodes.deallocate()
    }

    /// Copies `line` in and scans it with `scanner`.
    func append(_ line: InputLine, pathIndex: Int, scanner: JSONDocument) {
        let count = line.bytes.count
        if byteCount + count > byteCapacity { bytes = bytes.regrown(keeping: byteCount, capacity: &byteCapacity, toHold: byteCount + count) }
        if let source = line.bytes.baseAddress { (bytes + byteCount).update(from: source, count: count) }
        var entry = Line(byteStart: byteCount, byteCount: count, nodeStart: -1, nodeCount: 0,
                         number: line.number, isOverlong: line.isOverlong, pathIndex: pathIndex)
        byteCount += count
        if !line.isOverlong, (try? scanner.parseObject(line.bytes)) != nil {
            let scanned = scanner.nodeCount
            if nodeCount + scanned > nodeCapacity { nodes = nodes.regrown(keeping: nodeCount, capacity: &nodeCapacity, toHold: nodeCount + scanned) }
            (nodes + nodeCount).update(from: scanner.nodes, count: scanned)
            entry.nodeStart = nodeCount
            entry.nodeCount = scanned
            nodeCount += scanned
        }
        lines.append(entry)
    }

    /// The line at `index`, pointing into this batch (valid until the batch is reset), and the
    /// index of the path it came from.
    @inline(__always)
    func line(at index: Int) -> (InputLine, pathIndex: Int) {
        let entry = lines[index]
        let line = InputLine(bytes: UnsafeBufferPointer(start: bytes + entry.byteStart, count: entry.byteCount),
                             number: entry.number, isOverlong: entry.isOverlong,
                             scannedNodes: entry.nodeStart < 0 ? nil : UnsafeBufferPointer(start: nodes + entry.nodeStart, count: entry.nodeCount))
        return (line, entry.pathIndex)
    }

    /// Empties the batch for reuse; storage a very long line made grow is given back.
    func reset() {
        byteCount = 0
        nodeCount = 0
        lines.removeAll(keepingCapacity: lines.count <= 65_536)
        ending = .more
        if byteCapacity > ReadAheadBatch.initialByteCapacity * 4 {
            bytes.deallocate()
            byteCapacity = ReadAheadBatch.initialByteCapacity
            bytes = .allocate(capacity: byteCapacity)
        }
        if nodeCapacity > ReadAheadBatch.initialNodeCapacity * 4 {
            nodes.deallocate()
            nodeCapacity = ReadAheadBatch.initialNodeCapacity
            nodes = .allocate(capacity: nodeCapacity)
        }
    }
}
