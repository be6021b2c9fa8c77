extension Instrument {
    /// The smallest quantity step: `lot_size` when given, else a hundred-millionth for crypto and
    /// fractional instruments, else one whole unit.
    public var lotStep: Decimal {
        if let lotSize { return lotSize }
        if fractional == true || assetClass == .crypto { return Decimal(coefficient: 1, scale: 8) }
        return .one
    }

    /// A quantity rounded down to the lot: rounding must never add risk.
    public func roundedQuantity(_ qty: Decimal) -> Decimal {
        ((try? qty.rounded(step: lotStep, .truncate)) ?? .zero).normalized
    }

    /// A price on the tick grid, rounded in `mode`; unchanged when the venue names no tick.
    public func roundedPrice(_ price: Decimal, _ mode: RoundingMode) -> Decimal {
        guard let tickSize else { return price }
        return ((try? price.rounded(step: tickSize, mode)) ?? price).normalized
    }

    /// `day` for instruments that trade in sessions, `gtc` for crypto.
    public var defaultTimeInForce: String { assetClass == .crypto ? "gtc" : "day" }
}
