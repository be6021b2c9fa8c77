/// An order to send to the broker.
public struct Order: Record, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case market, limit }
    public enum Intent: String, Sendable, CaseIterable { case open, close, reduce }

    public static let recordType = RecordType.order
    public var id: String
    public var signalID: String
    public var ts: Timestamp
    public var symbol: String
    public var side: OrderSide
    public var qty: Decimal
    public var kind: Kind
    public var intent: Intent
    public var refPrice: Decimal?
    public var limitPrice: Decimal?
    public var stopLoss: Decimal?
    public var takeProfit: Decimal?
    public var trailing: Decimal?
    public var timeExit: Timestamp?
    public var leverage: Decimal?

    /// A market order with no bracket, as a stage that makes its own orders writes one.
    public init(id: String, signalID: String, ts: Timestamp, symbol: String, side: OrderSide, qty: Decimal, intent: Intent) {
        self.id = id
        self.signalID = signalID
        self.ts = ts
        self.symbol = symbol
        self.side = side
        self.qty = qty
        kind = .market
        self.intent = intent
    }

    public init(_ f: RecordFields) throws(RecordError) {
        let at = Members(f.document)
        id = try f.string("id", at: at.id)
        signalID = try f.string("signal_id", at: at.signalID)
        ts = try f.timestamp("ts", at: at.ts)
        symbol = try f.symbol("symbol", at: at.symbol)
        side = try f.word("side", at: at.side, as: OrderSide.self)
        qty = try f.positiveDecimal("qty", at: at.qty)
        kind = try f.word("kind", at: at.kind, as: Kind.self)
        intent = try f.word("intent", at: at.intent, as: Intent.self)
        refPrice = try f.optionalPositiveDecimal("ref_price", at: at.refPrice)
        limitPrice = try f.optionalPositiveDecimal("limit_price", at: at.limitPrice)
        stopLoss = try f.optionalPositiveDecimal("stop_loss", at: at.stopLoss)
        takeProfit = try f.optionalPositiveDecimal("take_profit", at: at.takeProfit)
        trailing = try f.optionalPositiveDecimal("trailing", at: at.trailing)
        timeExit = try f.optionalTimestamp("time_exit", at: at.timeExit)
        leverage = try f.optionalPositiveDecimal("leverage", at: at.leverage)
        if kind == .limit && limitPrice == nil { throw RecordError("order", field: "limit_price", "missing (required for a limit order)") }
    }
}
