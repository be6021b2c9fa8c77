import Glibc

/// Reads the lines of a stage's input on a second thread and scans their JSON there, a few
/// batches ahead of the stage: on a machine with two cores, reading and scanning (a third of a
/// stage's work) overlap the stage's own work instead of preceding it.
///
/// The stage still sees every line in order, with its number and file, and decides exactly as it
/// would reading the lines itself: the scan is a pure function of the line, and a line the scan
/// refuses is parsed again by the stage, which reports the error.
///
/// Batches go back and forth through two pipes used as counting semaphores (a byte per batch):
/// waiting on a pipe is a read the stage's SIGINT and SIGTERM interrupt, and when either side
/// goes away the other sees end of file or EPIPE and stops.
public final class ReadAheadReader {
    static let batchCount = 4

    /// Whether reading `paths` ahead pays: with more than one processor online, and when every
    /// input is a regular file (a replay or an audit of a recording, where the stage is alone
    /// with its input). A pipe is left to the stage's own thread: in a chain the other stages
    /// already keep the cores busy, and a live stream arrives a few records at a time, so a
    /// handover per read would cost more than the scan it moves.
    public static func suits(_ paths: [String]) -> Bool {
        guard sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 else { return false }
        return paths.allSatisfy { path in
            path == "-" ? FileDescriptor.standardInput.isRegularFile : FileDescriptor.isRegularFile(atPath: path)
        }
    }

    /// Called before waiting for the next batch, so the stage can flush its output first.
    public var willWait: (() throws -> Void)?
    /// Index in `paths` of the file the last line came from.
    public private(set) var pathIndex = 0

    private let batches: [ReadAheadBatch]
    /// A byte arrives for each batch filled.
    private let filled: FileDescriptor
    /// A byte goes back for each batch emptied.
    private let emptied: FileDescriptor
    private var current: ReadAheadBatch?
    private var cursor = 0
    private var taken = 0
    private var finished = false

    /// Starts reading `paths` in turn (`-` is standard input).
    public init(paths: [String]) throws {
        let filledPipe = try FileDescriptor.makePipe()
        let emptiedPipe = try FileDescriptor.makePipe()
        batches = (0..<ReadAheadReader.batchCount).map { _ in ReadAheadBatch() }
        filled = filledPipe.read
        emptied = emptiedPipe.write
        for _ in batches { try ReadAheadReader.post(emptied) }
        try ReadAheadThread(paths: paths, batches: batches, filled: filledPipe.write, emptied: emptiedPipe.read).start()
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
                    let (line, path) = batch.line(at: cursor)
                    pathIndex = path
                    cursor += 1
                    return line
                }
                let ending = batch.ending
                current = nil
                switch ending {
                case .more:
                    batch.reset()
                    try ReadAheadReader.post(emptied)
                case .endOfInput:
                    finished = true
                    return nil
                case .failed(let error):
                    finished = true
                    throw error
                }
            }
            if try !filled.waitReadable(timeoutMilliseconds: 0) { try willWait?() }
            guard try ReadAheadReader.take(filled) else {
                finished = true
                throw IOError.readFailed(path: "read-ahead thread", errno: EPIPE)
            }
            current = batches[taken % batches.count]
            taken += 1
            cursor = 0
        }
        return nil
    }

    /// Puts a token in a pipe; false when its reader has gone.
    @discardableResult
    static func post(_ pipe: FileDescriptor) throws(IOError) -> Bool {
        var token: UInt8 = 1
        do throws(IOError) {
            try withUnsafeBytes(of: &token) { (raw) throws(IOError) in try pipe.writeAll(raw) }
        } catch .brokenPipe {
            return false
        }
        return true
    }

    /// Takes a token from a pipe, waiting for one; false when its writer has gone.
    static func take(_ pipe: FileDescriptor) throws(IOError) -> Bool {
        var token: UInt8 = 0
        while true {
            let n = try withUnsafeMutableBytes(of: &token) { (raw) throws(IOError) in
                try pipe.read(into: raw.baseAddress!, count: 1, path: "read-ahead pipe")
            }
            if n == 1 { return true }
            if n == 0 { return false }
            _ = try pipe.waitReadable(timeoutMilliseconds: -1)
        }
    }
}
