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

    /// Counts an order passed downstream as on its way.
    mutating func send(_ side: OrderSide, qty: Decimal, isOpen: Bool) {
        if isOpen {
            // An entry against the position held starts the count for the new direction.
            if isIdle || self.qty.signum == (side == .buy ? -1 : 1) { entries = 0 }
            entries += 1
            if side == .buy { pendingOpenBuys += 1 } else { pendingOpenSells += 1 }
        }
        if side == .buy { pendingBuy += qty } else { pendingSell += qty }
    }

    /// `qty` of an order on its way is done (filled, or no longer coming); `finished` when the
    /// whole order is.
    mutating func release(_ side: OrderSide, qty: Decimal, isOpen: Bool, finished: Bool) {
        if side == .buy { pendingBuy -= qty } else { pendingSell -= qty }
        if finished && isOpen {
            if side == .buy { pendingOpenBuys -= 1 } else { pendingOpenSells -= 1 }
        }
        if isIdle { entries = 0 }
    }

    /// A fill moves the quantity; the average price follows adds, stays on reductions, and
    /// starts at the fill's price when the position opens or turns around.
    mutating func apply(_ fill: Fill) {
        let signed = fill.side == .buy ? fill.qty : -fill.qty
        averagePrice = BookPosition.averagePrice(of: qty, at: averagePrice, after: signed, at: fill.price)
        qty += signed
        lastPrice = fill.price
        if isIdle { entries = 0 }
    }

    /// The average price of `held` (signed) bought at `average` once `signed` more trade at
    /// `price`: it follows adds, stays on reductions, starts at `price` when the position opens
    /// or turns around, and is zero when the position is flat.
    public static func averagePrice(of held: Decimal, at average: Decimal, after signed: Decimal, at price: Decimal) -> Decimal {
        let after = held + signed
        if after.isZero { return .zero }
        if held.isZero || after.signum == -held.signum { return price }
        guard held.signum == signed.signum else { return average }
        let cost = held.magnitude.bookProduct(average) + signed.magnitude.bookProduct(price)
        return (try? cost.divided(by: after.magnitude, scale: Decimal.bookScale))?.normalized ?? price
    }
}
