/// One symbol in the position book: what is held, and what orders already sent will change.
public struct BookPosition: Sendable, Equatable {
    /// Signed: negative is short.
    public var qty = Decimal.zero
    public var averagePrice = Decimal.zero
    /// Quantities of the orders passed and not yet filled, canceled or rejected.
    public var pendingBuy = Decimal.zero
    public var pendingSell = Decimal.zero
    /// Opening orders among them, by side.
    public var pendingOpenBuys = 0
    public var pendingOpenSells = 0
    /// Entries passed since the symbol was last flat with nothing pending (for pyramiding).
    public var entries = 0
    public var lastPrice: Decimal?

    public init() {}

    /// What a sell may still close: the long held, less what is already being sold. Shares
    /// bought but not yet filled are not held.
    public var sellable: Decimal {
        let free = (qty.signum > 0 ? qty : .zero) - pendingSell
        return free.signum > 0 ? free : .zero
    }

    /// What a buy may still cover of a short.
    public var coverable: Decimal {
        let free = (qty.signum < 0 ? -qty : .zero) - pendingBuy
        return free.signum > 0 ? free : .zero
    }

    /// Nothing held and nothing on the way: the next entry starts a new position.
    var isIdle: Bool { qty.isZero && pendingOpenBuys == 0 && pendingOpenSells == 0 }
}
