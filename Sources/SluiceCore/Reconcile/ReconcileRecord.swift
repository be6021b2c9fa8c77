/// What `reconcile` decodes before it decides: the orders it checks and the fills that move its
/// book, nearly all of its input.
public enum ReconcileRecord: Sendable {
    case order(Order)
    case fill(Fill)

    /// Initializes `record` with the order or fill of a flat line (`FlatFields`) when it is valid
    /// and its numbers fit the book; false for any other line, which the stage then parses and
    /// reports itself. Built in place: an order is about 400 bytes.
    static func decode(flat line: UnsafeBufferPointer<UInt8>, caches: JSONDocument, into record: UnsafeMutablePointer<ReconcileRecord>) -> Bool {
        if let fields = FlatFields(line, type: "order", index: Order.Members.index, caches: caches) {
            guard let order = try? Order(reading: fields), (try? order.checkFitsBook()) != nil else { return false }
            record.initialize(to: .order(order))
            return true
        }
        if let fields = FlatFields(line, type: "fill", index: Fill.Members.index, caches: caches) {
            guard let fill = try? Fill(reading: fields), (try? fill.checkFitsBook()) != nil else { return false }
            record.initialize(to: .fill(fill))
            return true
        }
        return false
    }
}
