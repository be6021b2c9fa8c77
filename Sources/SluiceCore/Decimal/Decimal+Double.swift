extension Decimal {
    /// The nearest binary floating-point value, for statistics and drawing; never for money.
    public var approximation: Double {
        var divisor = 1.0
        for _ in 0..<scale { divisor *= 10 }
        return Double(coefficient) / divisor
    }
}
