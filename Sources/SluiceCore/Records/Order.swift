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

    public init(_ f: RecordFields) throws(RecordError) { try self.init(reading: f) }

    /// Every field read into a local first, then set at once (see `Fill.init(reading:)`).
    init<Fields: FieldReader>(reading f: Fields) throws(Fields.Failure) {
        let at = Members(f.members(Members.index))
        let id = try f.string("id", at: at.id)
        let signalID = try f.string("signal_id", at: at.signalID)
        let ts = try f.timestamp("ts", at: at.ts)
        let symbol = try f.symbol("symbol", at: at.symbol)
        let side = try f.word("side", at: at.side, as: OrderSide.self, aliases: nil)
        let qty = try f.positiveDecimal("qty", at: at.qty)
        let kind = try f.word("kind", at: at.kind, as: Kind.self, aliases: nil)
        let intent = try f.word("intent", at: at.intent, as: Intent.self, aliases: nil)
        let refPrice = try f.optionalPositiveDecimal("ref_price", at: at.refPrice)
        let limitPrice = try f.optionalPositiveDecimal("limit_price", at: at.limitPrice)
        let stopLoss = try f.optionalPositiveDecimal("stop_loss", at: at.stopLoss)
        let takeProfit = try f.optionalPositiveDecimal("take_profit", at: at.takeProfit)
        let trailing = try f.optionalPositiveDecimal("trailing", at: at.trailing)
        let timeExit = try f.optionalTimestamp("time_exit", at: at.timeExit)
        let leverage = try f.optionalPositiveDecimal("leverage", at: at.leverage)
        if kind == .limit && limitPrice == nil { throw f.failure("limit_price", "missing (required for a limit order)") }
        self.init(id: id, signalID: signalID, ts: ts, symbol: symbol, side: side, qty: qty, intent: intent)
        self.kind = kind
        self.refPrice = refPrice
        self.limitPrice = limitPrice
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.trailing = trailing
        self.timeExit = timeExit
        self.leverage = leverage
    }
}
