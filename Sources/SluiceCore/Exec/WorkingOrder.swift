/// An order the paper venue has accepted and not yet finished.
struct WorkingOrder: Sendable {
    var id: String
    var signalID: String
    var side: OrderSide
    var remaining: Decimal
    var filled = Decimal.zero
    var limitPrice: Decimal?
    var acceptedAt: Timestamp
    /// A `day` order's end; nil for `gtc`.
    var expiresAt: Timestamp?
    var fills = 0
    var isEntry: Bool
    var protection: Protection?
    /// Cash held back per unit while a buy works.
    var unitReserve = Decimal.zero

    /// The stop loss, take profit, trailing distance and time exit an entry brings with it.
    struct Protection: Sendable {
        var stop: Decimal?
        var target: Decimal?
        var trailing: Decimal?
        var timeExit: Timestamp?
    }
}
