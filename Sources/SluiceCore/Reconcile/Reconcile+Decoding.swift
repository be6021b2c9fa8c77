extension Reconcile {
    /// Decodes an order or a fill on the read-ahead thread, with the check that its numbers fit
    /// the book.
    public static func decode(_ document: JSONDocument, into record: UnsafeMutablePointer<ReconcileRecord>) -> Bool {
        switch RecordType(of: document) {
        case .order?:
            guard let order = try? Order(document: document), (try? order.checkFitsBook()) != nil else { return false }
            record.initialize(to: .order(order))
        case .fill?:
            guard let fill = try? Fill(document: document), (try? fill.checkFitsBook()) != nil else { return false }
            record.initialize(to: .fill(fill))
        default:
            return false
        }
        return true
    }

    public static var flatDecoder: ReadAhead.FlatDecode<ReconcileRecord>? { ReconcileRecord.decode(flat:caches:into:) }

    public func process(_ line: InputLine, decoded: UnsafeMutablePointer<ReconcileRecord>, file: String?) throws {
        defer { linesDone += 1 }
        // A line decoded flat was never scanned, and is parsed only if an order has to be
        // written from its members. The record's time is the line's event time, read already.
        let parsed = line.scannedNodes != nil
        // Moved out and taken apart at once: an order is about 250 bytes, and each copy is a
        // call to memcpy.
        switch decoded.move() {
        case .order(let order):
            if parsed { guard try stage.parse(line, into: document, file: file) else { return } }
            book.observe(order.ts)
            try check(order, line: line, parsed: parsed, file: file)
        case .fill(let fill):
            if parsed { guard try stage.parse(line, into: document, file: file) else { return } }
            book.observe(fill.ts)
            book.apply(fill)
            if parsed { stage.passRaw(document) } else { stage.passRaw(line.bytes) }
        }
    }
}
