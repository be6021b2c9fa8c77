import Glibc

/// An append-only file of one JSON object a line, each made durable (fsync) before `append`
/// returns: what must survive a crash before the program acts on it.
public final class AppendLog {
    public let path: String
    private let descriptor: FileDescriptor
    private let pending: OutputBuffer

    public init(path: String) throws(IOError) {
        self.path = path
        descriptor = try FileDescriptor.open(path, flags: O_WRONLY | O_APPEND | O_CREAT)
        pending = OutputBuffer(destination: descriptor, capacity: 512)
    }

    deinit { try? descriptor.close() }

    /// Calls `body` with each complete line written before (a line cut short by a crash is
    /// skipped: it was never acknowledged).
    public static func forEachLine(of path: String, _ body: (JSONDocument) throws -> Void) throws {
        guard access(path, F_OK) == 0 else { return }
        var bytes = try FileDescriptor.readWholeFile(path, maximum: 1 << 30)
        let document = JSONDocument()
        try bytes.withUnsafeMutableBufferPointer { all in
            var start = 0
            for end in all.indices where all[end] == UInt8(ascii: "\n") {
                defer { start = end + 1 }
                guard (try? document.parseObject(UnsafeBufferPointer(rebasing: all[start..<end]))) != nil else { continue }
                try body(document)
            }
        }
    }

    /// Appends the object `write` builds, then fsyncs.
    public func append(_ write: (inout JSONObjectWriter) -> Void) throws(IOError) {
        var record = JSONObjectWriter(pending)
        write(&record)
        record.close()
        pending.append(UInt8(ascii: "\n"))
        try pending.flush()
        try descriptor.synchronize()
    }
}
