/// One trade: a position on one symbol from flat back to flat (a fill that turns it around
/// ends one trade and starts the next). Its gross P&L matches the closing quantities against
/// the opening ones first in, first out; its fees are every fee paid in it.
public struct RoundTrip: Sendable, Equatable {
    public var symbol: String
    public var isLong: Bool
    public var openedAt: Timestamp
    public var closedAt: Timestamp
    /// The largest quantity held.
    public var maxQty: Decimal
    public var gross: Decimal
    public var fees: Decimal
    /// The `reason` of the fill that closed it (`exit`, `stop_loss`, …), or `exit`.
    public var exitReason: String
    /// The `strategy` of the order whose fill opened it, when the ledger says.
    public var strategy: String? = nil

    public var net: Decimal { gross - fees }
}
