extension ByteCursor {
    /// The most `put(decimal:)` writes: 39 digits, a sign, and "0." with the zeros of the
    /// largest scale before them.
    static let decimalLimit = 48

    /// A decimal's shortest exact text: in 64-bit arithmetic for the coefficients nearly every
    /// price, quantity and amount has.
    @inline(__always)
    mutating func put(decimal: Decimal) {
        let magnitude = decimal.coefficient.magnitude
        if magnitude <= UInt128(UInt64.max) {
            put { Decimal.writeShortText(UInt64(truncatingIfNeeded: magnitude), scale: decimal.scale, negative: decimal.coefficient < 0, into: $0) }
        } else {
            decimal.withText(minimumPlaces: 0) { put($0) }
        }
    }
}

extension ByteCursor {
    /// `key` then the decimal, when there is one: an optional member of a record.
    @inline(__always)
    mutating func put(_ key: StaticString, _ value: Decimal?) {
        guard let value else { return }
        put(key)
        put(decimal: value)
    }
}
