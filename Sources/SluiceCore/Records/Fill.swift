/// An execution reported by the broker.
public struct Fill: Record, Sendable {
    public enum Reason: String, Sendable, CaseIterable {
        case entry, exit
        case stopLoss = "stop_loss"
        case takeProfit = "take_profit"
        case trailingStop = "trailing_stop"
        case timeExit = "time_exit"
        case liquidation
    }

    public static let recordType = RecordType.fill
    public var id: String
    public var orderID: String
    public var ts: Timestamp
    public var symbol: String
    public var side: OrderSide
    public var qty: Decimal
    public var price: Decimal
    public var fee: Decimal
    public var reason: Reason?

    public init(_ f: RecordFields) throws(RecordError) {
        id = try f.string("id")
        orderID = try f.string("order_id")
        ts = try f.timestamp("ts")
        symbol = try f.string("symbol")
        side = try f.word("side", as: OrderSide.self)
        qty = try f.positiveDecimal("qty")
        price = try f.positiveDecimal("price")
        fee = try f.nonNegativeDecimal("fee")
        reason = try f.optionalWord("reason", as: Reason.self)
    }
}
