/// The open lots of one trade, oldest first. Nearly every trade opens with one fill, so the
/// first lot is kept inline and only later ones go to an array: a ledger of a million trades
/// no longer allocates (and frees) an array for each.
struct LotQueue: Sendable {
    struct Lot: Sendable {
        var qty: Decimal
        var price: Decimal
    }

    private var head: Lot?
    private var tail: [Lot] = []

    init() {}

    mutating func append(_ lot: Lot) {
        if head == nil { head = lot } else { tail.append(lot) }
    }

    /// The oldest lot; the queue must not be empty.
    var first: Lot {
        get { head! }
        set { head = newValue }
    }

    mutating func removeFirst() {
        head = tail.isEmpty ? nil : tail.removeFirst()
    }

    /// Every lot, oldest first.
    var all: [Lot] { (head.map { [$0] } ?? []) + tail }
}
