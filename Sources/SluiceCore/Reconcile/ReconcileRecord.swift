/// What `reconcile` decodes before it decides: the orders it checks and the fills that move its
/// book, nearly all of its input.
public enum ReconcileRecord: Sendable {
    case order(Order)
    case fill(Fill)

    /// The record of a flat line (`FlatFields`) when it is a valid order or fill whose numbers
    /// fit the book; nil for any other line, which the stage then parses and reports itself.
    static func flat(_ line: UnsafeBufferPointer<UInt8>, caches: JSONDocument) -> ReconcileRecord? {
        if let order = Order(flat: line, caches: caches) {
            return (try? order.checkFitsBook()) == nil ? nil : .order(order)
        }
        if let fill = Fill(flat: line, caches: caches) {
            return (try? fill.checkFitsBook()) == nil ? nil : .fill(fill)
        }
        return nil
    }
}
