extension Decimal: Equatable, Hashable, Comparable {
    // Operands at one scale (prices of one instrument, quantities on one lot) compare their
    // coefficients inline; the rest align first.
    @inline(__always)
    public static func == (lhs: Decimal, rhs: Decimal) -> Bool {
        lhs.scale == rhs.scale ? lhs.coefficient == rhs.coefficient : compare(lhs, rhs) == 0
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.coefficient)
        hasher.combine(n.scale)
    }

    @inline(__always)
    public static func < (lhs: Decimal, rhs: Decimal) -> Bool {
        lhs.scale == rhs.scale ? lhs.coefficient < rhs.coefficient : compare(lhs, rhs) < 0
    }

    @inline(__always)
    public static func > (lhs: Decimal, rhs: Decimal) -> Bool { rhs < lhs }

    @inline(__always)
    public static func <= (lhs: Decimal, rhs: Decimal) -> Bool { !(rhs < lhs) }

    @inline(__always)
    public static func >= (lhs: Decimal, rhs: Decimal) -> Bool { !(lhs < rhs) }

    static func compare(_ a: Decimal, _ b: Decimal) -> Int {
        if a.scale == b.scale { return a.coefficient == b.coefficient ? 0 : (a.coefficient < b.coefficient ? -1 : 1) }
        if a.signum != b.signum { return a.signum < b.signum ? -1 : 1 }
        let scale = max(a.scale, b.scale)
        if let x = a.coefficient(atScale: scale), let y = b.coefficient(atScale: scale) {
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        // Aligning overflowed: the integer parts differ enough to decide, else the fractions do.
        let ia = a.coefficient / Decimal.powerOfTen(a.scale), ib = b.coefficient / Decimal.powerOfTen(b.scale)
        if ia != ib { return ia < ib ? -1 : 1 }
        let fa = Decimal(coefficient: a.coefficient - ia * Decimal.powerOfTen(a.scale), scale: a.scale)
        let fb = Decimal(coefficient: b.coefficient - ib * Decimal.powerOfTen(b.scale), scale: b.scale)
        return compare(fa, fb)
    }

    /// Both operands at one scale; traps only beyond 38 significant digits, which no price,
    /// quantity or amount of money reaches.
    private static func aligned(_ a: Decimal, _ b: Decimal) -> (Int128, Int128, Int) {
        let scale = max(a.scale, b.scale)
        if let x = a.coefficient(atScale: scale), let y = b.coefficient(atScale: scale) { return (x, y, scale) }
        let na = a.normalized, nb = b.normalized
        let s = max(na.scale, nb.scale)
        guard let x = na.coefficient(atScale: s), let y = nb.coefficient(atScale: s) else {
            preconditionFailure("decimal overflow: \(a) and \(b)")
        }
        return (x, y, s)
    }

    // The operators are inlined for operands at one scale (amounts of one book, quantities of
    // one lot); the rest align in a call. The book does a dozen of these for each fill.
    @inline(__always)
    public static func + (lhs: Decimal, rhs: Decimal) -> Decimal {
        if lhs.scale == rhs.scale {
            let (sum, overflow) = lhs.coefficient.addingReportingOverflow(rhs.coefficient)
            if !overflow { return Decimal(coefficient: sum, scale: lhs.scale) }
        }
        return sumAligned(lhs, rhs)
    }

    private static func sumAligned(_ lhs: Decimal, _ rhs: Decimal) -> Decimal {
        let (x, y, scale) = aligned(lhs, rhs)
        let (sum, overflow) = x.addingReportingOverflow(y)
        precondition(!overflow, "decimal overflow: \(lhs) + \(rhs)")
        return Decimal(coefficient: sum, scale: scale)
    }

    @inline(__always)
    public static prefix func - (value: Decimal) -> Decimal {
        Decimal(coefficient: -value.coefficient, scale: value.scale)
    }

    @inline(__always)
    public static func - (lhs: Decimal, rhs: Decimal) -> Decimal {
        if lhs.scale == rhs.scale {
            let (difference, overflow) = lhs.coefficient.subtractingReportingOverflow(rhs.coefficient)
            if !overflow { return Decimal(coefficient: difference, scale: lhs.scale) }
        }
        return sumAligned(lhs, -rhs)
    }

    @inline(__always)
    public static func * (lhs: Decimal, rhs: Decimal) -> Decimal {
        if let product = lhs.smallProduct(rhs) { return product }
        do throws(DecimalError) {
            return try lhs.multiplied(by: rhs)
        } catch {
            preconditionFailure("decimal overflow: \(lhs) * \(rhs)")
        }
    }

    /// The product when both coefficients fit 64 bits (prices, quantities, amounts): it then
    /// fits 128 without a check, one multiplication instead of the overflow-checked kind.
    @inline(__always)
    private func smallProduct(_ other: Decimal) -> Decimal? {
        guard let x = Int64(exactly: coefficient), let y = Int64(exactly: other.coefficient), scale + other.scale <= Decimal.maximumScale else { return nil }
        return Decimal(coefficient: Int128(x) &* Int128(y), scale: scale + other.scale)
    }

    /// The exact product, or `outOfRange` when it needs more than 38 digits: for numbers that
    /// come from input, where a trap would lose the stream.
    public func multiplied(by other: Decimal) throws(DecimalError) -> Decimal {
        if let product = smallProduct(other) { return product }
        var a = self, b = other
        if a.scale + b.scale > Decimal.maximumScale {
            a = a.normalized
            b = b.normalized
        }
        var (product, overflow) = a.coefficient.multipliedReportingOverflow(by: b.coefficient)
        var scale = a.scale + b.scale
        if overflow {
            a = a.normalized
            b = b.normalized
            (product, overflow) = a.coefficient.multipliedReportingOverflow(by: b.coefficient)
            scale = a.scale + b.scale
        }
        guard !overflow && scale <= Decimal.maximumScale else { throw .outOfRange("\(self) × \(other)") }
        return Decimal(coefficient: product, scale: scale)
    }

    @inline(__always)
    public static func += (lhs: inout Decimal, rhs: Decimal) { lhs = lhs + rhs }
    @inline(__always)
    public static func -= (lhs: inout Decimal, rhs: Decimal) { lhs = lhs - rhs }

    /// `self / divisor` rounded to `scale` decimals.
    public func divided(by divisor: Decimal, scale: Int, rounding: RoundingMode = .halfAwayFromZero) throws(DecimalError) -> Decimal {
        guard !divisor.isZero else { throw .divisionByZero }
        guard scale >= 0 && scale <= Decimal.maximumScale else { throw .outOfRange("scale \(scale)") }
        // self / divisor = (c1 / c2) × 10^(s2 − s1); wanted as q × 10^−scale.
        let shift = scale + divisor.scale - self.scale
        var numerator = coefficient
        var denominator = divisor.coefficient
        if shift >= 0 {
            guard shift <= 38 else { throw .outOfRange("\(self) / \(divisor)") }
            let (n, overflow) = numerator.multipliedReportingOverflow(by: Decimal.powerOfTen(shift))
            guard !overflow else { throw .outOfRange("\(self) / \(divisor)") }
            numerator = n
        } else {
            guard -shift <= 38 else { return Decimal(coefficient: 0, scale: scale) }
            let (d, overflow) = denominator.multipliedReportingOverflow(by: Decimal.powerOfTen(-shift))
            guard !overflow else { return Decimal(coefficient: 0, scale: scale) }
            denominator = d
        }
        let quotient = Decimal.roundedQuotient(numerator, denominator, rounding)
        return Decimal(coefficient: quotient, scale: scale)
    }

    /// `self / 10^n` rounded to `scale` decimals: exact and without a division when the point
    /// only moves (percents and basis points of prices and money).
    public func dividedByPowerOfTen(_ n: Int, scale: Int, rounding: RoundingMode = .halfAwayFromZero) throws(DecimalError) -> Decimal {
        if n >= 0 && self.scale + n <= scale { return Decimal(coefficient: coefficient, scale: self.scale + n) }
        return try divided(by: Decimal(coefficient: Decimal.powerOfTen(n), scale: 0), scale: scale, rounding: rounding)
    }

    /// numerator / denominator as an integer, rounded by `mode`.
    /// A 128-bit division, done in 64 bits when both operands fit: a call to the 128-bit
    /// routine costs several times one division instruction.
    @inline(__always)
    static func quotientAndRemainder(_ numerator: Int128, _ denominator: Int128) -> (Int128, Int128) {
        if let n = Int64(exactly: numerator), let d = Int64(exactly: denominator), n != .min {
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            return (Int128(q), Int128(r))
        }
        return numerator.quotientAndRemainder(dividingBy: denominator)
    }

    static func roundedQuotient(_ numerator: Int128, _ denominator: Int128, _ mode: RoundingMode) -> Int128 {
        let (q, r) = quotientAndRemainder(numerator, denominator)
        guard r != 0 else { return q }
        let negative = (numerator < 0) != (denominator < 0)
        switch mode {
        case .truncate:
            return q
        case .halfAwayFromZero:
            let twice = r.magnitude.multipliedReportingOverflow(by: 2)
            let atLeastHalf = twice.overflow || twice.partialValue >= denominator.magnitude
            return atLeastHalf ? (negative ? q - 1 : q + 1) : q
        case .up:
            return negative ? q : q + 1
        case .down:
            return negative ? q - 1 : q
        }
    }
}
