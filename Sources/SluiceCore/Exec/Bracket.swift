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

    /// The stop level in force and whether the trailing part sets it.
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
}
