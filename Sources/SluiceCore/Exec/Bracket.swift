/// The protective orders the venue keeps working for one filled entry: a stop (fixed, trailing,
/// or moved to break-even), a target and a time exit. One cancels the other.
public struct Bracket: Sendable {
    public var entryID: String
    public var signalID: String
    public var isLong: Bool
    /// What it protects: the entry's filled quantity, never more than the position.
    public var qty: Decimal
    public var entryPrice: Decimal
    public var stop: Decimal?
    public var target: Decimal?
    public var trailing: Decimal?
    public var timeExit: Timestamp?
    /// The best price since the entry, for the trailing stop.
    public var best: Decimal
    /// The stop distance at entry, for the move to break-even.
    public var initialRisk: Decimal?
    public var stopID: String
    public var targetID: String
    public var stopWorking = false
    public var targetWorking = false
    /// Why the stop is not working, when the venue never took it.
    public var stopProblem: String?
    /// Bars after this time manage it (the entry's own bar does not).
    public var since: Timestamp
    public var attaches = 1
    public var lastAttach: Timestamp?
    /// An emergency exit was sent: nothing more is re-attached.
    public var isAbandoned = false

    public var hasStop: Bool { stop != nil || trailing != nil }

    /// A stop or a target that should be working at the venue and is not (an abandoned bracket
    /// is past guarding).
    public var missesProtection: Bool {
        !isAbandoned && ((hasStop && !stopWorking) || (target != nil && !targetWorking))
    }

    /// The stop level in force and whether the trailing part sets it.
    @inline(__always)
    func stopLevel() -> (Decimal, isTrailing: Bool)? {
        let trail = trailing.map { isLong ? best - $0 : best + $0 }
        switch (stop, trail) {
        case let (fixed?, trail?):
            let trailWins = isLong ? trail > fixed : trail < fixed
            return trailWins ? (trail, true) : (fixed, false)
        case let (fixed?, nil): return (fixed, false)
        case let (nil, trail?): return (trail, true)
        case (nil, nil): return nil
        }
    }

    /// A stop the venue can hold: below the price for a long, above it for a short.
    func stopFault(at price: Decimal) -> String? {
        guard let (level, _) = stopLevel() else { return nil }
        if isLong && level >= price { return "stop \(level) is at or above the price \(price)" }
        if !isLong && level <= price { return "stop \(level) is at or below the price \(price)" }
        return nil
    }

    /// The fill this price gives, if any: the time exit at the first price at or after its
    /// time; a price that opens through the stop or the target fills there; else a stop the
    /// range touches, else a target it touches (both touched: the stop is assumed first).
    /// Inlined, with `stopLevel`: asked of every bracket on every price of its symbol.
    @inline(__always)
    func exit(at point: PricePoint, slipped: (Decimal, OrderSide) -> Decimal) -> (price: Decimal, reason: Fill.Reason, orderID: String)? {
        let side: OrderSide = isLong ? .sell : .buy
        if let timeExit, point.ts >= timeExit { return (slipped(point.marketPrice(side), side), .timeExit, entryID + "-time") }
        let stop = stopWorking ? stopLevel() : nil
        let target = targetWorking ? target : nil
        let opening = point.marketPrice(side)
        let stopReason: Fill.Reason = stop?.isTrailing == true ? .trailingStop : .stopLoss
        // "Through" means at or beyond, in the direction that hurts (stop) or pays (target).
        func beyondStop(_ price: Decimal, _ level: Decimal) -> Bool { isLong ? price <= level : price >= level }
        func beyondTarget(_ price: Decimal, _ level: Decimal) -> Bool { isLong ? price >= level : price <= level }
        if let (level, _) = stop, beyondStop(opening, level) { return (slipped(opening, side), stopReason, stopID) }
        if let level = target, beyondTarget(opening, level) { return (opening, .takeProfit, targetID) }
        if let (level, _) = stop, beyondStop(isLong ? point.low : point.high, level) { return (slipped(level, side), stopReason, stopID) }
        if let level = target, beyondTarget(isLong ? point.high : point.low, level) { return (level, .takeProfit, targetID) }
        return nil
    }

    /// After a price that filled nothing: the trailing stop follows the best price, and the stop
    /// moves to the entry price once the gain reaches `breakEvenAtRisk` times the initial risk;
    /// both count from the next price on.
    mutating func follow(_ point: PricePoint, breakEvenAtRisk: Decimal?) {
        if isLong { best = max(best, point.high) } else { best = min(best, point.low) }
        guard let r = breakEvenAtRisk, let risk = initialRisk, let fixed = stop else { return }
        let gain = isLong ? best - entryPrice : entryPrice - best
        if gain >= risk.bookProduct(r) { stop = isLong ? max(fixed, entryPrice) : min(fixed, entryPrice) }
    }
}
