/// An order `sizer` decided on, with the numbers it will write.
public struct SizedOrder: Sendable, Equatable {
    public var symbol: String
    public var side: OrderSide
    public var qty: Decimal
    public var intent: Order.Intent
    public var kind = Order.Kind.market
    public var refPrice: Decimal?
    public var limitPrice: Decimal?
    public var timeInForce: String
    public var stopLoss: Decimal?
    public var takeProfit: Decimal?
    /// How far the stop trails the best price, in price units.
    public var trailing: Decimal?
    public var timeExit: Timestamp?
    public var leverage: Decimal?
    /// What was held but is below the lot, left behind by a closing order.
    public var dust: Decimal?
    /// How the quantity was reached, for the people who read the order.
    public var sizing: ByteText
    /// For a signal on a family's underlying: the underlying, and why this fund.
    public var underlying: String?
    public var route: String?

    /// An order for `symbol` with nothing decided yet, for `OrderSizer.size(_:for:instrument:held:book:)`
    /// to fill in.
    @inline(__always)
    init(symbol: String) {
        self.symbol = symbol
        side = .buy
        qty = .zero
        intent = .open
        timeInForce = ""
        sizing = ByteText()
    }
}
