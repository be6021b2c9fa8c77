/// A percent of the equity (or of the buying power) as money, with the words that say so
/// ("risk 1% of equity 100000000 = 1000000"), kept for the last amount it was worked out from.
/// Every entry needs it and it changes only with an account record or a fill: working it out
/// for every signal cost about 510 instructions of the 7,650 `sizer`'s thread spent on one.
final class EquityShare {
    private var base: Decimal?
    private var money = Decimal.zero
    private var words = ByteText()

    /// `percent` % of `base`, truncated to `scale` decimals, and `describe(money)`. The percent
    /// and the words must be the same on every call: a sizer's settings fix them.
    @inline(__always)
    func of(_ base: Decimal, percent: Decimal, scale: Int, describe: (Decimal) -> ByteText) throws -> (money: Decimal, words: ByteText) {
        if base != self.base {
            money = try base.multiplied(by: percent).dividedByPowerOfTen(2, scale: scale, rounding: .truncate)
            words = describe(money)
            self.base = base
        }
        return (money, words)
    }
}
