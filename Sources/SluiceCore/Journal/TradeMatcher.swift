/// Turns fills into round trips, per symbol, first in first out. It keeps only the open lots of
/// each symbol, so memory follows the positions held, not the number of trades.
public struct TradeMatcher: Sendable {
    struct Lot: Sendable {
        var qty: Decimal
        var price: Decimal
    }

    struct OpenTrade: Sendable {
        var isLong: Bool
        var openedAt: Timestamp
        var strategy: String?
        var lots: [Lot] = []
        var held = Decimal.zero
        var maxQty = Decimal.zero
        var gross = Decimal.zero
        var fees = Decimal.zero
    }

    var open: [String: OpenTrade] = [:]
    public private(set) var lastPrices: [String: Decimal] = [:]
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

    private mutating func match(_ fill: Fill, strategy: String?) -> RoundTrip? {
        lastPrices[fill.symbol] = fill.price
        let buying = fill.side == .buy
        // Taken out of the table while it changes, so that its lots are not copied on write.
        var trade = open.removeValue(forKey: fill.symbol) ?? OpenTrade(isLong: buying, openedAt: fill.ts, strategy: strategy)
        var qty = fill.qty
        var closed: RoundTrip?
        if trade.held.isZero || trade.isLong == buying {
            add(&trade, qty: qty, price: fill.price, fee: fill.fee)
            open[fill.symbol] = trade
            return nil
        }
        // Reduces the position: match the oldest lots.
        let closing = min(qty, trade.held)
        // The fee shared by quantity: fee × closing ÷ qty, divided last so that it stays exact when it can.
        let closingFee = closing == qty ? fill.fee : ((try? fill.fee.bookProduct(closing).divided(by: qty, scale: Decimal.bookScale)) ?? fill.fee).normalized
        var left = closing
        while left.signum > 0 {
            let matched = min(left, trade.lots[0].qty)
            let perUnit = trade.isLong ? fill.price - trade.lots[0].price : trade.lots[0].price - fill.price
            trade.gross += matched.bookProduct(perUnit)
            trade.lots[0].qty -= matched
            if trade.lots[0].qty.isZero { trade.lots.removeFirst() }
            left -= matched
        }
        trade.held -= closing
        trade.fees += closingFee
        qty -= closing
        if trade.held.isZero {
            closed = RoundTrip(symbol: fill.symbol, isLong: trade.isLong, openedAt: trade.openedAt, closedAt: fill.ts, maxQty: trade.maxQty,
                               gross: trade.gross, fees: trade.fees, exitReason: fill.reason?.rawValue ?? "exit", strategy: trade.strategy)
            if qty.signum > 0 {
                var turned = OpenTrade(isLong: buying, openedAt: fill.ts, strategy: strategy)
                add(&turned, qty: qty, price: fill.price, fee: fill.fee - closingFee)
                open[fill.symbol] = turned
            }
        } else {
            open[fill.symbol] = trade
        }
        return closed
    }

    private func add(_ trade: inout OpenTrade, qty: Decimal, price: Decimal, fee: Decimal) {
        trade.lots.append(Lot(qty: qty, price: price))
        trade.held += qty
        trade.maxQty = max(trade.maxQty, trade.held)
        trade.fees += fee
    }

    /// The trades still open: symbol, signed quantity held, and their P&L at the last price
    /// seen (`prices`, else the last fill's), fees paid so far taken off.
    public func openTrades(at prices: [String: Decimal]) -> [(symbol: String, qty: Decimal, unrealized: Decimal)] {
        open.keys.sorted().map { symbol in
            let trade = open[symbol]!
            let price = prices[symbol] ?? lastPrices[symbol]!
            var pnl = trade.gross - trade.fees
            for lot in trade.lots { pnl += lot.qty.bookProduct(trade.isLong ? price - lot.price : lot.price - price) }
            return (symbol, trade.isLong ? trade.held : -trade.held, pnl)
        }
    }
}
