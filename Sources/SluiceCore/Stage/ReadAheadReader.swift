import Glibc

/// Reads the lines of a stage's input on a second thread and scans their JSON there (and decodes
/// the stage's record, when it names one), a few batches ahead of the stage: on a machine with
/// two cores, reading and scanning (a third of a stage's work) overlap the stage's own work
/// instead of preceding it.
///
/// The stage still sees every line in order, with its number and file, and decides exactly as it
/// would reading the lines itself: the scan and the decoding are pure functions of the line, and
/// a line they refuse is read again by the stage, which reports the error.
///
/// Batches go back and forth through two pipes used as counting semaphores (a byte per batch):
/// waiting on a pipe is a read the stage's SIGINT and SIGTERM interrupt, and when either side
/// goes away the other sees end of file or EPIPE and stops.
public final class ReadAheadReader<Decoded> {
    /// Called before waiting for the next batch, so the stage can flush its output first.
    public var willWait: (() throws -> Void)?
    /// Index in `paths` of the file the last line came from.
    public private(set) var pathIndex = 0
    /// The record decoded from the last line, if any, for the caller to move out before the
    /// next call to `next`: the batch no longer destroys it.
    public private(set) var decoded: UnsafeMutablePointer<Decoded>?

    private let batches: [ReadAheadBatch<Decoded>]
    /// A byte arrives for each batch filled.
    private let filled: FileDescriptor
    /// A byte goes back for each batch emptied.
    private let emptied: FileDescriptor
    private var current: ReadAheadBatch<Decoded>?
    private var cursor = 0
    private var taken = 0
    private var finished = false

    /// Starts reading `paths` in turn (`-` is standard input), decoding each line that scans
    /// with `decode` (or, flat, with `decodeFlat` before any scan).
    public init(paths: [String], decode: @escaping (JSONDocument, UnsafeMutablePointer<Decoded>) -> Bool,
                decodeFlat: ReadAhead.FlatDecode<Decoded>? = nil) throws {
        let filledPipe = try FileDescriptor.makePipe()
        let emptiedPipe = try FileDescriptor.makePipe()
        batches = (0..<ReadAhead.batchCount).map { _ in ReadAheadBatch() }
        filled = filledPipe.read
        emptied = emptiedPipe.write
        for _ in batches { try ReadAhead.post(emptied) }
        try ReadAheadThread(paths: paths, batches: batches, decode: decode, decodeFlat: decodeFlat, filled: filledPipe.write, emptied: emptiedPipe.read).start()
    }

    deinit {
        // The thread, if still reading, sees EPIPE or end of file and stops.
        try? filled.close()
        try? emptied.close()
    }

    /// The next non-blank line, or nil at end of input. A failure to open or read a file is
    /// thrown after the lines before it, where reading it directly would have thrown it.
    public func next() throws -> InputLine? {
        while !finished {
            if let batch = current {
                if cursor < batch.lines.count {
                    let (line, path, record) = batch.line(at: cursor)
                    pathIndex = path
                    decoded = record
                    cursor += 1
                    return line
                }
                let ending = batch.ending
                current = nil
                switch ending {
                case .more:
                    batch.reset()
                    try ReadAhead.post(emptied)
                case .endOfInput:
                    finished = true
                    return nil
                case .failed(let error):
                    finished = true
                    throw error
                }
            }
            if try !filled.waitReadable(timeoutMilliseconds: 0) { try willWait?() }
            guard try ReadAhead.take(filled) else {
                finished = true
                throw IOError.readFailed(path: "read-ahead thread", errno: EPIPE)
            }
            current = batches[taken % batches.count]
            taken += 1
            cursor = 0
        }
        return nil
    }
}
