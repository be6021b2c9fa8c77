extension Reconcile {
    /// Decodes an order on the read-ahead thread, with the check that its numbers fit the book.
    public static func decode(_ document: JSONDocument, into record: UnsafeMutablePointer<Order>) -> Bool {
        guard RecordType(of: document) == .order else { return false }
        do throws(RecordError) {
            let order = try Order(document: document)
            try order.checkFitsBook()
            record.initialize(to: order)
            return true
        } catch {
            return false
        }
    }

    public func process(_ line: InputLine, decoded order: borrowing Order, file: String?) throws {
        defer { linesDone += 1 }
        guard try stage.parse(line, into: document, file: file) else { return }
        if let ts = document.times.eventTime(of: document) { book.observe(ts) }
        check(order)
    }
}
