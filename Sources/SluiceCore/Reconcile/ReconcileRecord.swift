/// What `reconcile` decodes before it decides: the orders it checks and the fills that move its
/// book, nearly all of its input.
public enum ReconcileRecord: Sendable {
    case order(Order)
    case fill(Fill)

    /// Initializes `record` with the order or fill of a flat line (`FlatFields`) when it is valid
    /// and its numbers fit the book; false for any other line, which the stage then parses and
    /// reports itself. Built in place: an order is about 250 bytes.
    static func decode(flat line: UnsafeBufferPointer<UInt8>, caches: JSONDocument, into record: UnsafeMutablePointer<ReconcileRecord>) -> Bool {
        // The byte after `{"type":"` tells which of the two a flat line can be. A `try?` would
        // wrap the record in an Optional, one more copy of it.
        let typeInitial = 9
        guard line.count > typeInitial else { return false }
        do {
            switch line[typeInitial] {
            case UInt8(ascii: "o"):
                guard let fields = FlatFields(line, type: "order", index: Order.Members.index, caches: caches) else { return false }
                let order = try Order(reading: fields)
                try order.checkFitsBook()
                record.initialize(to: .order(order))
            case UInt8(ascii: "f"):
                guard let fields = FlatFields(line, type: "fill", index: Fill.Members.index, caches: caches) else { return false }
                let fill = try Fill(reading: fields)
                try fill.checkFitsBook()
                record.initialize(to: .fill(fill))
            default:
                return false
            }
        } catch {
            return false
        }
        return true
    }
}
