extension Decimal {
    /// Rounded to `places` decimals (negative: to tens, hundreds…). Never adds digits.
    public func rounded(places: Int, _ mode: RoundingMode) -> Decimal {
        if places >= scale { return self }
        let drop = scale - places
        guard drop <= 38 else { return Decimal(coefficient: 0, scale: max(places, 0)) }
        let quotient = Decimal.roundedQuotient(coefficient, Decimal.powerOfTen(drop), mode)
        if places >= 0 { return Decimal(coefficient: quotient, scale: places) }
        return Decimal(coefficient: quotient * Decimal.powerOfTen(-places), scale: 0)
    }

    /// Rounded to `digits` significant digits: 0.0012345 → 0.00123, 12345 → 12300 (3 digits).
    public func rounded(significantDigits digits: Int, _ mode: RoundingMode) -> Decimal {
        precondition(digits > 0, "significant digits must be positive")
        if isZero { return self }
        let places = digits - digitCount + scale
        return rounded(places: places, mode)
    }

    /// Rounded to a whole multiple of `step` (a tick size or lot size).
    public func rounded(step: Decimal, _ mode: RoundingMode) throws(DecimalError) -> Decimal {
        guard step.signum > 0 else { throw .invalidStep(step.description) }
        // A step of one unit in some decimal place (1, 0.01, 0.00000001: most ticks and lots)
        // is a rounding to places, with no division by the step; the result keeps the step's scale.
        if step.coefficient == 1, let coefficient = rounded(places: step.scale, mode).coefficient(atScale: step.scale) {
            return Decimal(coefficient: coefficient, scale: step.scale)
        }
        let steps = try divided(by: step, scale: 0, rounding: mode)
        return steps * step
    }

    /// The number of decimals a step has: a tick of 0.01 allows 2, a lot of 1 allows 0.
    public var decimalPlaces: Int { normalized.scale }
}
