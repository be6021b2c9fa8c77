/// `--ledger FILE`: an append-only NDJSON file of the records that matter, each kept once. A
/// record's key is its `id`, or its whole text when it has none, so a restart, or a record that
/// comes round the feedback ring again, never counts twice. Appends are made durable in batches,
/// with every flush of the output and at the end.
public final class Ledger {
    private let log: AppendLog
    private var keys: Set<String> = []

    public init(path: String) throws {
        log = try AppendLog(path: path)
        try log.forEachRecord { keys.insert(Ledger.key(of: $0)) }
    }

    static func key(of document: JSONDocument) -> String {
        if let id = document.member("id"), let text = document.string(id) { return text }
        return String(decoding: document.text(0), as: UTF8.self)
    }

    /// Appends the record unless one with its key is already in the ledger; true if appended.
    @discardableResult
    public func record(_ document: JSONDocument) -> Bool {
        guard keys.insert(Ledger.key(of: document)).inserted else { return false }
        log.appendLater(document.text(0))
        return true
    }

    /// Writes what is buffered and makes it durable.
    public func synchronize() throws(IOError) { try log.synchronize() }
}
