extension Decimal {
    /// Decimals the book keeps: amounts are rounded to this many places after a product.
    public static let bookScale = 12

    /// At most 18 significant digits and `bookScale` decimals. The product of two such numbers
    /// fits in 38 digits, and so do sums of products rounded to `bookScale`: the book's
    /// arithmetic cannot overflow on numbers that pass this test, whatever the input.
    public var fitsBook: Bool {
        // Most numbers fit as they stand; only the others are stripped of trailing zeros first.
        if scale <= Decimal.bookScale && coefficient.magnitude < 1_000_000_000_000_000_000 { return true }
        let value = normalized
        return value.scale <= Decimal.bookScale && value.coefficient.magnitude < 1_000_000_000_000_000_000
    }

    /// The product rounded half away from zero to `bookScale` decimals; both factors must fit
    /// the book (or be derived from ones that do, like a price with its fees).
    public func bookProduct(_ other: Decimal) -> Decimal {
        let product = self * other
        return product.scale > Decimal.bookScale ? product.rounded(places: Decimal.bookScale, .halfAwayFromZero) : product
    }
}
