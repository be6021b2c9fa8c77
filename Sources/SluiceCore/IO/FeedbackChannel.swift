import Glibc

/// The read end of the feedback FIFO. It is opened read-write so that it never reports end of
/// file while `exec` is between writes or not yet started, and non-blocking so that waiting is
/// done with explicit timeouts.
public final class FeedbackChannel {
    public let path: String
    public let descriptor: FileDescriptor
    private var buffer: [UInt8] = []
    private var start = 0
    private var lineNumber = 0
    private let chunk = UnsafeMutableRawPointer.allocate(byteCount: 65536, alignment: 1)

    public init(path: String) throws(IOError) {
        self.path = path
        descriptor = try FileDescriptor.open(path, flags: O_RDWR | O_NONBLOCK)
    }

    deinit {
        chunk.deallocate()
        try? descriptor.close()
    }

    /// Reads whatever has arrived, without blocking.
    public func drain() throws(IOError) {
        while true {
            let n = try descriptor.read(into: chunk, count: 65536, path: path)
            if n <= 0 { return }
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
