extension Reconcile {
    /// Decodes an order on the read-ahead thread, with the check that its numbers fit the book.
    public static func decode(_ document: JSONDocument, into record: UnsafeMutablePointer<Order>) -> Bool {
        Order.decode(document, into: record) { order throws(RecordError) in try order.checkFitsBook() }
    }

    public func process(_ line: InputLine, decoded: UnsafeMutablePointer<Order>, file: String?) throws {
        let order = decoded.move()
        defer { linesDone += 1 }
        guard try stage.parse(line, into: document, file: file) else { return }
        // The order's time is the line's event time, read already.
        book.observe(order.ts)
        check(order)
    }
}
