import Glibc

/// An append-only file of one JSON object a line. What must survive a crash before the program
/// acts on it is appended and made durable (fsync) at once; what may be batched is appended and
/// made durable with the next `synchronize()`. A crash can leave the last line cut short: it
/// was never acknowledged, and opening the log removes it, so the next line starts clean.
public final class AppendLog {
    public let path: String
    private let descriptor: FileDescriptor
    private let pending: OutputBuffer

    /// Opens the log, creating it when it does not exist.
    public init(path: String) throws(IOError) {
        self.path = path
        descriptor = try FileDescriptor.open(path, flags: O_RDWR | O_CREAT | O_APPEND)
        pending = OutputBuffer(destination: descriptor, capacity: 4096)
        try dropUnfinishedLine()
    }

    deinit { try? descriptor.close() }

    private func dropUnfinishedLine() throws(IOError) {
        guard let size = descriptor.fileSize, size > 0 else { return }
        var end = size
        var byte: UInt8 = 0
        while end > 0 {
            guard pread(descriptor.rawValue, &byte, 1, off_t(end - 1)) == 1 else { throw .readFailed(path: path, errno: errno) }
            if byte == UInt8(ascii: "\n") { break }
            end -= 1
        }
        if end < size && ftruncate(descriptor.rawValue, off_t(end)) != 0 { throw .writeFailed(errno: errno) }
    }

    /// Calls `body` with each record the log holds, read a line at a time; a line that is not a
    /// JSON object is skipped.
    public func forEachRecord(_ body: (JSONDocument) throws -> Void) throws {
        let reader = LineReader(descriptor: try FileDescriptor.open(path), path: path)
        let document = JSONDocument()
        while let line = try reader.next() {
            guard !line.isOverlong, (try? document.parseObject(line.bytes)) != nil else { continue }
            try body(document)
        }
    }

    /// Appends the object `write` builds and makes it durable before returning.
    public func append(_ write: (inout JSONObjectWriter) -> Void) throws(IOError) {
        var record = JSONObjectWriter(pending)
        write(&record)
        record.close()
        pending.append(UInt8(ascii: "\n"))
        try synchronize()
    }

    /// Appends `line` (without its newline); durable with the next `synchronize()`.
    public func appendLater(_ line: UnsafeBufferPointer<UInt8>) {
        pending.append(line)
        pending.append(UInt8(ascii: "\n"))
    }

    /// Writes what is buffered and makes it durable.
    public func synchronize() throws(IOError) {
        guard pending.count > 0 else { return }
        try pending.flush()
        try descriptor.synchronize()
    }
}
