/// How a value that falls between two representable ones is rounded.
public enum RoundingMode: String, Sendable, CaseIterable {
    /// Toward zero: 1.29 → 1.2, −1.29 → −1.2.
    case truncate
    /// To the nearest; a tie goes away from zero: 1.25 → 1.3, −1.25 → −1.3.
    case halfAwayFromZero = "half-away-from-zero"
    /// Toward positive infinity (ceiling): 1.21 → 1.3, −1.29 → −1.2.
    case up
    /// Toward negative infinity (floor): 1.29 → 1.2, −1.21 → −1.3.
    case down
}
