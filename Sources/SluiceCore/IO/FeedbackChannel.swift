import Glibc

/// The read end of the feedback FIFO, non-blocking so that waiting is done with explicit
/// timeouts. Following live input, it is opened read-write, so that it never reports end of file
/// while `exec` is between writes or not yet started. In a synchronous replay it is opened
/// read-only, so that `exec` going away (it stopped, or was killed) shows as end of file, and
/// `sigsrc` stops at once instead of waiting out the ack timeout.
public final class FeedbackChannel {
    public let path: String
    public let descriptor: FileDescriptor
    private let readOnly: Bool
    /// A writer was there (data came, or a read found it open with nothing to say).
    private var writerSeen = false
    /// The last read found no writer, after one was there. A writer that opens the FIFO for each
    /// message leaves it so for a moment; `exec` holds it open until it ends.
    public private(set) var writerGone = false
    private var buffer: [UInt8] = []
    private var start = 0
    private var lineNumber = 0
    private let chunk = UnsafeMutableRawPointer.allocate(byteCount: 65536, alignment: 1)

    public init(path: String, synchronous: Bool) throws(IOError) {
        self.path = path
        readOnly = synchronous
        descriptor = try FileDescriptor.open(path, flags: (synchronous ? O_RDONLY : O_RDWR) | O_NONBLOCK)
    }

    deinit {
        chunk.deallocate()
        try? descriptor.close()
    }

    /// Reads whatever has arrived, without blocking.
    public func drain() throws(IOError) {
        while true {
            let n = try descriptor.read(into: chunk, count: 65536, path: path)
            // Read-only, end of file means no writer: not yet started, or gone.
            writerGone = n == 0 && readOnly && writerSeen
            if n < 0 { writerSeen = true }
            if n <= 0 { return }
            writerSeen = true
            if start > 0 && start == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            buffer += UnsafeRawBufferPointer(start: chunk, count: n)
        }
    }

    /// Waits up to `milliseconds` for more input; true if some arrived.
    public func wait(milliseconds: Int32) throws(IOError) -> Bool {
        guard try descriptor.waitReadable(timeoutMilliseconds: milliseconds) else { return false }
        try drain()
        return true
    }

    /// The next complete line received, passed to `body` (valid only during the call).
    public func nextLine<T>(_ body: (InputLine) throws -> T) rethrows -> T? {
        while start < buffer.count {
            guard let newline = buffer[start...].firstIndex(of: 0x0A) else { return nil }
            let lineStart = start
            start = newline + 1
            lineNumber += 1
            var end = newline
            if end > lineStart && buffer[end - 1] == 0x0D { end -= 1 }
            if buffer[lineStart..<end].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return try buffer.withUnsafeBufferPointer { all in
                try body(InputLine(bytes: UnsafeBufferPointer(rebasing: all[lineStart..<end]), number: lineNumber, isOverlong: false))
            }
        }
        if start == buffer.count && start > 0 {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        return nil
    }
}
