/// A trade or quote: a last price, or a bid and an ask.
public struct Tick: Record, Sendable {
    public static let recordType = RecordType.tick
    public var ts: Timestamp
    public var symbol: String
    public var last: Decimal?
    public var bid: Decimal?
    public var ask: Decimal?

    public init(_ f: RecordFields) throws(RecordError) {
        ts = try f.timestamp("ts")
        symbol = try f.symbol("symbol")
        last = try f.optionalPositiveDecimal("last")
        bid = try f.optionalPositiveDecimal("bid")
        ask = try f.optionalPositiveDecimal("ask")
        if last == nil && (bid == nil || ask == nil) { throw RecordError("tick", "needs 'last' or both 'bid' and 'ask'") }
        if let bid, let ask, bid > ask { throw RecordError("tick", field: "bid", "bid \(bid) is above ask \(ask)") }
    }

    /// The price to value a position at: the last trade, else the mid quote.
    public var price: Decimal {
        if let last { return last }
        let (bid, ask) = (bid!, ask!)
        // Halving adds at most one decimal, so the mid is exact.
        return (try? (bid + ask).divided(by: Decimal(2), scale: max(bid.scale, ask.scale) + 1)) ?? bid
    }
}
