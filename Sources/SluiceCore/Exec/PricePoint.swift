/// A bar or a tick as the venue trades against it. A tick is a bar of one price; a quoted tick
/// buys at the ask and sells at the bid.
public struct PricePoint: Sendable {
    public var ts: Timestamp
    public var open, high, low, close: Decimal
    public var volume: Decimal?
    public var bid, ask: Decimal?

    public init(_ bar: Bar) {
        ts = bar.ts
        (open, high, low, close) = (bar.open, bar.high, bar.low, bar.close)
        volume = bar.volume
    }

    public init(_ tick: Tick) {
        ts = tick.ts
        let price = tick.price
        (open, high, low, close) = (price, max(price, tick.ask ?? price), min(price, tick.bid ?? price), price)
        (bid, ask) = (tick.bid, tick.ask)
    }

    /// Where a market order on `side` executes before slippage.
    func marketPrice(_ side: OrderSide) -> Decimal { (side == .buy ? ask : bid) ?? open }
}
