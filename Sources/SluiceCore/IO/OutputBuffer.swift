import Glibc

/// One reusable output buffer per stream. Records are appended as bytes and written in large
/// blocks; `flush()` is called whenever the stage is about to wait for input, so a live stream
/// sees every record at once while a batch replay writes 64 KiB at a time.
public final class OutputBuffer {
    public static let blockSize = 64 * 1024

    public let destination: FileDescriptor
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    public private(set) var count = 0
    var dates = DateTextCache()

    public init(destination: FileDescriptor, capacity: Int = OutputBuffer.blockSize * 2) {
        self.destination = destination
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        storage = storage.regrown(keeping: count, capacity: &capacity, toHold: needed)
    }

    @inline(__always)
    public func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        OutputBuffer.copy(base, to: storage + count, count: bytes.count)
        count += bytes.count
    }

    /// Short runs (keys, symbols, words, the literal parts of a text) are copied inline, a word
    /// at a time, the last word overlapping the one before: a call to memcpy costs more than
    /// them. Nothing is read or written outside the two ranges, which must not overlap.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
        if count >= 8 {
            guard count <= 64 else { return destination.update(from: source, count: count) }
            var offset = 0
            while offset &+ 8 < count {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                offset &+= 8
            }
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self), toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self), toByteOffset: count &- 4, as: UInt32.self)
        } else {
            for k in 0..<count { destination[k] = source[k] }
        }
    }

    /// `,"name":` (the comma unless `first`): the start of a member, in one step.
    @inline(__always)
    public func appendKey(_ name: StaticString, first: Bool) {
        let length = name.utf8CodeUnitCount
        reserve(length &+ 4)
        var p = storage + count
        if !first {
            p[0] = UInt8(ascii: ",")
            p += 1
        }
        p[0] = UInt8(ascii: "\"")
        OutputBuffer.copy(name.utf8Start, to: p + 1, count: length)
        p[length &+ 1] = UInt8(ascii: "\"")
        p[length &+ 2] = UInt8(ascii: ":")
        count = storage.distance(to: p) &+ length &+ 3
    }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always)
    public func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"word"`: a short text of our own that needs no escaping.
    @inline(__always)
    public func append(word: String) {
        var word = word
        word.withUTF8 { bytes in
            reserve(bytes.count &+ 2)
            storage[count] = UInt8(ascii: "\"")
            if let base = bytes.baseAddress { OutputBuffer.copy(base, to: storage + (count &+ 1), count: bytes.count) }
            storage[count &+ 1 &+ bytes.count] = UInt8(ascii: "\"")
            count &+= bytes.count &+ 2
        }
    }

    public func append(text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends a signed decimal integer without going through String.
    public func append(integer value: Int64) {
        reserve(20)
        var magnitude = value.magnitude
        if value < 0 { storage[count] = UInt8(ascii: "-"); count += 1 }
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let written: Int = withUnsafeMutableBytes(of: &digits) { raw in
            let tmp = raw.bindMemory(to: UInt8.self)
            var n = 0
            repeat {
                tmp[n] = UInt8(truncatingIfNeeded: magnitude % 10) + UInt8(ascii: "0")
                magnitude /= 10
                n += 1
            } while magnitude > 0
            for i in 0..<n { storage[count + i] = tmp[n - 1 - i] }
            return n
        }
        count += written
    }

    /// Gives direct access to `maximum` bytes at the end; `body` returns how many it wrote.
    public func appendInPlace(maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        count += body(storage + count)
    }

    /// Appends what `source` holds after `mark` (a `count` taken earlier): one record written to
    /// two destinations.
    public func append(copyOf source: OutputBuffer, from mark: Int) {
        append(UnsafeBufferPointer(start: source.storage + mark, count: source.count - mark))
    }

    /// Removes the bytes after `mark` (a `count` taken earlier): used to undo a partial record.
    public func truncate(to mark: Int) { count = min(count, mark) }

    /// Writes the buffer out once it holds a block or more.
    @inline(__always)
    public func flushIfFull() throws(IOError) {
        if count >= OutputBuffer.blockSize { try flush() }
    }

    /// The bytes not yet written, as text (for building small strings with the JSON writer).
    public var contents: String {
        String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self)
    }

    /// Takes the bytes not yet written, leaving the buffer empty (for scratch buffers).
    public func takeBytes() -> [UInt8] {
        let bytes = Array(UnsafeBufferPointer(start: storage, count: count))
        count = 0
        return bytes
    }

    public func flush() throws(IOError) {
        guard count > 0 else { return }
        let pending = count
        count = 0
        try destination.writeAll(UnsafeRawBufferPointer(start: storage, count: pending))
    }
}
