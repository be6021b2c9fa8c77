/// `--ledger FILE`: an append-only NDJSON file of the records that matter, each kept once. A
/// record's key is its `id`, or its whole text when it has none, so a restart, or a record that
/// comes round the feedback ring again, never counts twice. Appends are made durable in batches,
/// with every flush of the output and at the end.
public final class Ledger {
    private let log: AppendLog
    private var keys = KeySet()
    private var scratch: [UInt8] = []

    public init(path: String) throws {
        log = try AppendLog(path: path)
        try log.forEachRecord { _ = insertKey(of: $0) }
    }

    /// Adds the record's key; false if it was there.
    private func insertKey(of document: JSONDocument) -> Bool {
        if let id = document.member("id"), document[id].kind == .string {
            document.decodeString(id, into: &scratch)
            return scratch.withUnsafeBufferPointer { keys.insert($0) }
        }
        return keys.insert(document.text(0))
    }

    /// Appends the record unless one with its key is already in the ledger; true if appended.
    @discardableResult
    public func record(_ document: JSONDocument) -> Bool {
        guard insertKey(of: document) else { return false }
        log.appendLater(document.text(0))
        return true
    }

    /// Writes what is buffered and makes it durable.
    public func synchronize() throws(IOError) { try log.synchronize() }
}
