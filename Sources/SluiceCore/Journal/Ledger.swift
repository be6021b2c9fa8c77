import Glibc

/// `--ledger FILE`: an append-only NDJSON file of the records that matter, each kept once. A
/// record's key is its `id`, or its whole text when it has none, so a restart, or a record that
/// comes round the feedback ring again, never counts twice. Appends are buffered and made
/// durable (fsync) in batches, with every flush of the output and at the end.
public final class Ledger {
    public let path: String
    private let descriptor: FileDescriptor
    private let pending: OutputBuffer
    private var keys: Set<String> = []

    public init(path: String) throws {
        self.path = path
        descriptor = try FileDescriptor.open(path, flags: O_RDWR | O_CREAT | O_APPEND)
        pending = OutputBuffer(destination: descriptor)
        try dropUnfinishedLine()
        let reader = LineReader(descriptor: try FileDescriptor.open(path), path: path)
        let document = JSONDocument()
        while let line = try reader.next() {
            guard !line.isOverlong, (try? document.parseObject(line.bytes)) != nil else { continue }
            keys.insert(Ledger.key(of: document))
        }
    }

    deinit { try? descriptor.close() }

    /// A crash can leave the last line cut short; it was never made durable, so it goes.
    private func dropUnfinishedLine() throws(IOError) {
        guard var end = descriptor.fileSize, end > 0 else { return }
        var byte: UInt8 = 0
        while end > 0 {
            guard pread(descriptor.rawValue, &byte, 1, off_t(end - 1)) == 1 else { throw .readFailed(path: path, errno: errno) }
            if byte == UInt8(ascii: "\n") { break }
            end -= 1
        }
        if end < descriptor.fileSize! && ftruncate(descriptor.rawValue, off_t(end)) != 0 { throw .writeFailed(errno: errno) }
    }

    static func key(of document: JSONDocument) -> String {
        if let id = document.member("id"), let text = document.string(id) { return text }
        return String(decoding: document.text(0), as: UTF8.self)
    }

    /// Appends the record unless one with its key is already in the ledger; true if appended.
    @discardableResult
    public func record(_ document: JSONDocument) -> Bool {
        guard keys.insert(Ledger.key(of: document)).inserted else { return false }
        pending.append(document.text(0))
        pending.append(UInt8(ascii: "\n"))
        return true
    }

    /// Writes what is buffered and makes it durable.
    public func synchronize() throws(IOError) {
        guard pending.count > 0 else { return }
        try pending.flush()
        try descriptor.synchronize()
    }
}
