import Glibc

/// One physical line of input. `bytes` points into the reader's buffer and is valid only until
/// the next call to `next()`.
public struct InputLine {
    public var bytes: UnsafeBufferPointer<UInt8>
    /// 1-based line number in its file, blank lines counted.
    public var number: Int
    /// The line was longer than the reader's limit; `bytes` holds only its beginning.
    public var isOverlong: Bool
    /// The JSON nodes of the line, when a read-ahead thread has already scanned it as an object
    /// (`ReadAheadReader`); nil when the line is still to be parsed.
    public var scannedNodes: UnsafeBufferPointer<JSONNode>?

    public init(bytes: UnsafeBufferPointer<UInt8>, number: Int, isOverlong: Bool,
                scannedNodes: UnsafeBufferPointer<JSONNode>? = nil) {
        self.bytes = bytes
        self.number = number
        self.isOverlong = isOverlong
        self.scannedNodes = scannedNodes
    }
}

/// Reads newline-delimited lines from a file descriptor in large blocks, with no system call and
/// no allocation per line. Accepts CRLF, skips blank lines, and cuts lines longer than
/// `maximumLineLength` (their start is kept for the error report, the rest is discarded).
public final class LineReader {
    public static let defaultMaximumLineLength = 16 * 1024 * 1024
    public static let chunkSize = 256 * 1024
    /// How much of an overlong line is kept to report it.
    public static let overlongPrefixLength = 4096

    public let path: String
    public let descriptor: FileDescriptor
    public let maximumLineLength: Int
    /// Called before every read that may block, so the caller can flush its output first.
    public var willRead: (() throws -> Void)?
    /// At end of file, wait for the file to grow instead of stopping (like `tail -f`).
    public var follow = false
    /// Another descriptor to serve while waiting for input: when it is readable, `onReadable`
    /// runs (live feedback keeps flowing while the input is quiet).
    public var companion: (descriptor: FileDescriptor, onReadable: () throws -> Void)?
    /// Set once end of file has been reached (and `follow` is off).
    public private(set) var isAtEnd = false

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var scanned = 0
    private var lineNumber = 0
    private var bytesRead = 0
    private var skippingOverlong = false
    private var overlongPrefix: [UInt8] = []

    public init(descriptor: FileDescriptor, path: String, maximumLineLength: Int = LineReader.defaultMaximumLineLength) {
        self.descriptor = descriptor
        self.path = path
        self.maximumLineLength = maximumLineLength
        capacity = LineReader.chunkSize
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Bytes consumed from the file so far (for progress reports).
    public var consumedBytes: Int { bytesRead - (end - start) }

    /// The next non-blank line, or nil at end of input.
    public func next() throws -> InputLine? {
        while true {
            if let newline = findNewline() {
                let lineStart = start
                start = newline + 1
                scanned = start
                lineNumber += 1
                if skippingOverlong {
                    skippingOverlong = false
                    return overlongLine()
                }
                var lineEnd = newline
                if lineEnd > lineStart && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                if lineEnd - lineStart > maximumLineLength {
                    overlongPrefix = Array(UnsafeBufferPointer(start: buffer + lineStart, count: min(LineReader.overlongPrefixLength, maximumLineLength)))
                    return overlongLine()
                }
                if isBlank(lineStart, lineEnd) { continue }
                return InputLine(bytes: UnsafeBufferPointer(start: buffer + lineStart, count: lineEnd - lineStart),
                                 number: lineNumber, isOverlong: false)
            }
            if end - start > maximumLineLength && !skippingOverlong {
                skippingOverlong = true
                overlongPrefix = Array(UnsafeBufferPointer(start: buffer + start, count: min(LineReader.overlongPrefixLength, maximumLineLength)))
                start = end
                scanned = end
            } else if skippingOverlong {
                start = end
                scanned = end
            }
            if try !fill() {
                guard start < end || skippingOverlong else { return nil }
                lineNumber += 1
                if skippingOverlong {
                    skippingOverlong = false
                    return overlongLine()
                }
                let lineStart = start
                var lineEnd = end
                start = end
                scanned = end
                if buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                if isBlank(lineStart, lineEnd) { return nil }
                return InputLine(bytes: UnsafeBufferPointer(start: buffer + lineStart, count: lineEnd - lineStart),
                                 number: lineNumber, isOverlong: false)
            }
        }
    }

    private func overlongLine() -> InputLine {
        // The prefix is copied into the (now empty) front of the buffer so the line stays valid.
        compact()
        let n = overlongPrefix.count
        if end + n > capacity { growBuffer(end + n) }
        (buffer + end).update(from: overlongPrefix, count: n)
        let line = InputLine(bytes: UnsafeBufferPointer(start: buffer + end, count: n), number: lineNumber, isOverlong: true)
        overlongPrefix = []
        return line
    }

    @inline(__always)
    private func findNewline() -> Int? {
        guard scanned < end else { return nil }
        guard let hit = memchr(buffer + scanned, 0x0A, end - scanned) else {
            scanned = end
            return nil
        }
        return buffer.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    @inline(__always)
    private func isBlank(_ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            let b = buffer[i]
            if b != 0x20 && b != 0x09 && b != 0x0D { return false }
            i += 1
        }
        return true
    }

    private func compact() {
        guard start > 0 else { return }
        let pending = end - start
        if pending > 0 { buffer.update(from: buffer + start, count: pending) }
        scanned -= start
        end = pending
        start = 0
    }

    private func growBuffer(_ needed: Int) {
        buffer = buffer.regrown(keeping: end, capacity: &capacity, toHold: needed)
    }

    /// Blocks until the input is readable, serving the companion whenever it is.
    private func waitServing(_ companion: (descriptor: FileDescriptor, onReadable: () throws -> Void)) throws {
        while true {
            let (input, other) = try descriptor.waitReadable(or: companion.descriptor, timeoutMilliseconds: -1)
            if other { try companion.onReadable() }
            if input { return }
        }
    }

    /// Reads more bytes; false at end of input.
    private func fill() throws -> Bool {
        if isAtEnd { return false }
        compact()
        // Only a line longer than the buffer makes it grow; the line cap bounds that.
        if capacity - end < LineReader.chunkSize / 2 { growBuffer(capacity * 2) }
        while true {
            try willRead?()
            if let companion { try waitServing(companion) }
            let n = try descriptor.read(into: buffer + end, count: capacity - end, path: path)
            if n > 0 {
                end += n
                bytesRead += n
                return true
            }
            if n < 0 {
                _ = try descriptor.waitReadable(timeoutMilliseconds: -1)
                continue
            }
            if follow {
                try TerminationSignals.check()
                if let companion {
                    if try companion.descriptor.waitReadable(timeoutMilliseconds: 200) { try companion.onReadable() }
                } else {
                    usleep(200_000)
                }
                continue
            }
            isAtEnd = true
            return false
        }
    }
}
