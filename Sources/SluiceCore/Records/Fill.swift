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
        let at = Members(f.document)
        id = try f.string("id", at: at.id)
        orderID = try f.string("order_id", at: at.orderID)
        ts = try f.timestamp("ts", at: at.ts)
        symbol = try f.symbol("symbol", at: at.symbol)
        side = try f.word("side", at: at.side, as: OrderSide.self)
        qty = try f.positiveDecimal("qty", at: at.qty)
        price = try f.positiveDecimal("price", at: at.price)
        fee = try f.nonNegativeDecimal("fee", at: at.fee)
        reason = try f.optionalWord("reason", at: at.reason, as: Reason.self)
    }
}
