/// An exact decimal number: `coefficient × 10^−scale`, with up to 38 significant digits and 38
/// decimals. Prices, quantities and money are never held in binary floating point.
public struct Decimal: Sendable {
    public static let maximumScale = 38

    // The coefficient is kept as two words and the scale as a byte, so that a decimal takes 24
    // bytes rather than 32 (an Int128 is aligned to 16), and an optional one 24 rather than 48:
    // records and book entries are mostly decimals, and are copied whole.
    private let low: UInt64
    private let high: Int64
    private let storedScale: UInt8

    @inline(__always)
    public var coefficient: Int128 { Int128(high) &<< 64 | Int128(low) }

    /// Digits after the decimal point (0...38).
    @inline(__always)
    public var scale: Int { Int(storedScale) }

    @inline(__always)
    public init(coefficient: Int128, scale: Int) {
        precondition(scale >= 0 && scale <= Decimal.maximumScale, "decimal scale out of range")
        low = UInt64(truncatingIfNeeded: coefficient)
        high = Int64(truncatingIfNeeded: coefficient &>> 64)
        storedScale = UInt8(truncatingIfNeeded: scale)
    }

    public init(_ value: Int) {
        self.init(coefficient: Int128(value), scale: 0)
    }

    public static let zero = Decimal(0)
    public static let one = Decimal(1)

    public var isZero: Bool { coefficient == 0 }
    public var isNegative: Bool { coefficient < 0 }
    public var signum: Int { coefficient == 0 ? 0 : (coefficient < 0 ? -1 : 1) }
    public var magnitude: Decimal { Decimal(coefficient: coefficient < 0 ? -coefficient : coefficient, scale: scale) }

    /// The same value with no trailing zeros after the point.
    public var normalized: Decimal {
        if scale == 0 { return self }
        // Coefficients of 64 bits (nearly all) divide in 64 bits.
        if coefficient.magnitude <= UInt128(UInt64.max) {
            var m = UInt64(truncatingIfNeeded: coefficient.magnitude)
            var s = scale
            while s > 0 && m % 10 == 0 {
                m /= 10
                s -= 1
            }
            let magnitude = Int128(m)
            return Decimal(coefficient: coefficient < 0 ? -magnitude : magnitude, scale: s)
        }
        var c = coefficient
        var s = scale
        while s > 0 && c % 10 == 0 {
            c /= 10
            s -= 1
        }
        return Decimal(coefficient: c, scale: s)
    }

    /// 10^n as an Int128, for n in 0...38.
    static func powerOfTen(_ n: Int) -> Int128 {
        precondition(n >= 0 && n <= 38)
        return powersOfTen[n]
    }

    /// Written out, so that the table is static data rather than built on first use behind a
    /// lazy-initialization check on every access.
    private static let powersOfTen: [Int128] = [
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
        100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000,
        100000000000000000, 1000000000000000000, 10000000000000000000, 100000000000000000000,
        1000000000000000000000, 10000000000000000000000, 100000000000000000000000, 1000000000000000000000000,
        10000000000000000000000000, 100000000000000000000000000, 1000000000000000000000000000,
        10000000000000000000000000000, 100000000000000000000000000000, 1000000000000000000000000000000,
        10000000000000000000000000000000, 100000000000000000000000000000000, 1000000000000000000000000000000000,
        10000000000000000000000000000000000, 100000000000000000000000000000000000, 1000000000000000000000000000000000000,
        10000000000000000000000000000000000000, 100000000000000000000000000000000000000
    ]

    /// The coefficient brought to a larger scale, or nil when it would overflow.
    func coefficient(atScale target: Int) -> Int128? {
        if target == scale { return coefficient }
        // A 64-bit coefficient times 10^18 at most cannot leave 128 bits.
        let shift = target - scale
        if shift <= 18, let small = Int64(exactly: coefficient) {
            return Int128(small) &* Int128(Int64(truncatingIfNeeded: Decimal.powerOfTen(shift)))
        }
        let (result, overflow) = coefficient.multipliedReportingOverflow(by: Decimal.powerOfTen(target - scale))
        return overflow ? nil : result
    }

    /// Number of decimal digits in the coefficient (1 for zero).
    var digitCount: Int {
        var m = coefficient.magnitude
        var n = 1
        while m >= 10 {
            m /= 10
            n += 1
        }
        return n
    }
}
