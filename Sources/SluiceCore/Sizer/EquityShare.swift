/// A percent of the equity (or of the buying power) as money, with the words that say so
/// ("risk 1% of equity 100000000 = 1000000 over a stop distance of "), kept for the last amount
/// it was worked out from. Every entry needs it and it changes only with an account record or a
/// fill: working it out for every signal cost about 510 instructions of the 7,650 `sizer`'s
/// thread spent on one, and making the words again about 550 of 6,350.
final class EquityShare {
    private var base: Decimal?
    private var money = Decimal.zero
    private var words = ByteText()

    /// `percent` % of `base`, truncated to `scale` decimals; `sizing` is set to `describe(money)`.
    /// The percent and the words must be the same on every call: a sizer's settings fix them.
    @inline(__always)
    func of(_ base: Decimal, percent: Decimal, scale: Int, sizing: inout ByteText, describe: (Decimal) -> ByteText) throws -> Decimal {
        if base != self.base {
            money = try base.multiplied(by: percent).dividedByPowerOfTen(2, scale: scale, rounding: .truncate)
            words = describe(money)
            self.base = base
        }
        sizing = words
        return money
    }
}
