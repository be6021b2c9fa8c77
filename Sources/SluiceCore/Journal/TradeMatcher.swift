/// Turns fills into round trips, per symbol, first in first out. It keeps only the open lots of
/// each symbol, so memory follows the positions held, not the number of trades.
public struct TradeMatcher: Sendable {
    struct OpenTrade: Sendable {
        var isLong: Bool
        var openedAt: Timestamp
        var strategy: String?
        var lots = LotQueue()
        var held = Decimal.zero
        var maxQty = Decimal.zero
        var gross = Decimal.zero
        var fees = Decimal.zero
        /// The symbol's last fill price: every fill on a symbol with a trade open belongs to it.
        var lastPrice = Decimal.zero
    }

    var open = SymbolTable<OpenTrade>()
    /// Milliseconds with at least one position open, and the span of the fills.
    var exposed: Int64 = 0
    var exposedSince: Timestamp?
    var firstFill, lastFill: Timestamp?

    public init() {}

    /// Applies a fill of an order of `strategy`; returns the trade it closed, if any.
    public mutating func apply(_ fill: Fill, strategy: String? = nil) -> RoundTrip? {
        let wasExposed = !open.isEmpty
        let trip = match(fill, strategy: strategy)
        if firstFill == nil { firstFill = fill.ts }
        lastFill = max(lastFill ?? fill.ts, fill.ts)
        if !wasExposed && !open.isEmpty { exposedSince = fill.ts }
        if wasExposed && open.isEmpty, let since = exposedSince { exposed += fill.ts.milliseconds - since.milliseconds }
        return trip
    }

    /// The share of the time from the first fill to the last with a position open; nil before
    /// two fills at different times.
    public var exposure: Decimal? {
        guard let first = firstFill, let last = lastFill, last > first else { return nil }
        var total = exposed
        if !open.isEmpty, let since = exposedSince { total += last.milliseconds - since.milliseconds }
        return try? Decimal(Int(total)).divided(by: Decimal(Int(last.milliseconds - first.milliseconds)), scale: 6).normalized
    }

    /// One lookup of the symbol's trade, changed in place (a second only to drop a closed one).
    private mutating func match(_ fill: Fill, strategy: String?) -> RoundTrip? {
        let (closed, stillOpen) = open.update(fill.symbol, startingFrom: OpenTrade(isLong: fill.side == .buy, openedAt: fill.ts, strategy: strategy)) {
            TradeMatcher.match(fill, strategy: strategy, into: &$0)
        }
        if !stillOpen { open[fill.symbol] = nil }
        return closed
    }

    /// Applies a fill to its symbol's trade: the round trip it closed, if any, and whether a
    /// position is left open (what remains of the trade, or a new one the other way).
    private static func match(_ fill: Fill, strategy: String?, into trade: inout OpenTrade) -> (RoundTrip?, Bool) {
        let buying = fill.side == .buy
        trade.lastPrice = fill.price
        var qty = fill.qty
        if trade.held.isZero || trade.isLong == buying {
            add(&trade, qty: qty, price: fill.price, fee: fill.fee)
            return (nil, true)
        }
        // Reduces the position: match the oldest lots.
        let closing = min(qty, trade.held)
        // The fee shared by quantity: fee × closing ÷ qty, divided last so that it stays exact when it can.
        let closingFee = closing == qty ? fill.fee : ((try? fill.fee.bookProduct(closing).divided(by: qty, scale: Decimal.bookScale)) ?? fill.fee).normalized
        var left = closing
        while left.signum > 0 {
            let matched = min(left, trade.lots.first.qty)
            let perUnit = trade.isLong ? fill.price - trade.lots.first.price : trade.lots.first.price - fill.price
            trade.gross += matched.bookProduct(perUnit)
            trade.lots.first.qty -= matched
            if trade.lots.first.qty.isZero { trade.lots.removeFirst() }
            left -= matched
        }
        trade.held -= closing
        trade.fees += closingFee
        qty -= closing
        guard trade.held.isZero else { return (nil, true) }
        let closed = RoundTrip(symbol: fill.symbol, isLong: trade.isLong, openedAt: trade.openedAt, closedAt: fill.ts, maxQty: trade.maxQty,
                               gross: trade.gross, fees: trade.fees, exitReason: fill.reason?.rawValue ?? "exit", strategy: trade.strategy)
        guard qty.signum > 0 else { return (closed, false) }
        trade = OpenTrade(isLong: buying, openedAt: fill.ts, strategy: strategy, lastPrice: fill.price)
        add(&trade, qty: qty, price: fill.price, fee: fill.fee - closingFee)
        return (closed, true)
    }

    private static func add(_ trade: inout OpenTrade, qty: Decimal, price: Decimal, fee: Decimal) {
        trade.lots.append(LotQueue.Lot(qty: qty, price: price))
        trade.held += qty
        trade.maxQty = max(trade.maxQty, trade.held)
        trade.fees += fee
    }

    /// The trades still open: symbol, signed quantity held, and their P&L at the last price
    /// seen (`prices`, else the last fill's), fees paid so far taken off.
    public func openTrades(at prices: [String: Decimal]) -> [(symbol: String, qty: Decimal, unrealized: Decimal)] {
        open.names.sorted().map { symbol in
            let trade = open[symbol]!
            let price = prices[symbol] ?? trade.lastPrice
            var pnl = trade.gross - trade.fees
            for lot in trade.lots.all { pnl += lot.qty.bookProduct(trade.isLong ? price - lot.price : lot.price - price) }
            return (symbol, trade.isLong ? trade.held : -trade.held, pnl)
        }
    }
}
