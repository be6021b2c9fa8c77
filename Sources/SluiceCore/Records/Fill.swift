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

    public init(_ f: RecordFields) throws(RecordError) { try self.init(reading: f) }

    /// Every field read into a local first, then set at once: a throwing initializer that sets
    /// its fields one by one builds the fill in a temporary and copies it out, three Strings
    /// retained and released again.
    init<Fields: FieldReader>(reading f: Fields) throws(Fields.Failure) {
        let at = Members(f.members(Members.index))
        let id = try f.string("id", at: at.id)
        let orderID = try f.string("order_id", at: at.orderID)
        let ts = try f.timestamp("ts", at: at.ts)
        let symbol = try f.symbol("symbol", at: at.symbol)
        let side = try f.word("side", at: at.side, as: OrderSide.self, aliases: nil)
        let qty = try f.positiveDecimal("qty", at: at.qty)
        let price = try f.positiveDecimal("price", at: at.price)
        let fee = try f.nonNegativeDecimal("fee", at: at.fee)
        let reason = try f.optionalWord("reason", at: at.reason, as: Reason.self)
        self.init(id: id, orderID: orderID, ts: ts, symbol: symbol, side: side, qty: qty, price: price, fee: fee, reason: reason)
    }

    private init(id: String, orderID: String, ts: Timestamp, symbol: String, side: OrderSide, qty: Decimal, price: Decimal, fee: Decimal, reason: Reason?) {
        self.id = id
        self.orderID = orderID
        self.ts = ts
        self.symbol = symbol
        self.side = side
        self.qty = qty
        self.price = price
        self.fee = fee
        self.reason = reason
    }
}
