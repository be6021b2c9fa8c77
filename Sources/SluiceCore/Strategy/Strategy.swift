/// Turns bars into signals. A strategy sees each bar once it is complete and never looks ahead;
/// it keeps separate state for each symbol.
public protocol Strategy: AnyObject {
    /// The canonical spec, parameters included (`sma-cross:fast=10,slow=30`): the signal's `strategy`.
    var label: String { get }
    func observe(_ bar: Bar) -> SignalProposal?
}

/// What a strategy proposes after a bar; the caller writes it as a `signal` record.
public struct SignalProposal: Sendable, Equatable {
    public var side: SignalSide
    public var confidence: Decimal
    public var price: Decimal
    public var atr: Decimal

    /// Confidence from the strength of a setup: 0.5 at none, rising linearly to 1 at a strength
    /// of 1 (strengths are measured in ATRs or as fractions of a band), 4 decimals.
    public static func confidence(strength: Decimal) -> Decimal {
        let capped = min(max(strength, .zero), .one)
        return (Decimal(coefficient: 5, scale: 1) + Decimal(coefficient: 5, scale: 1) * capped).rounded(places: 4, .halfAwayFromZero)
    }
}

/// Scale of intermediate results of indicator arithmetic (averages, ratios).
let indicatorScale = 12

extension Decimal {
    func dividedForIndicator(by divisor: Decimal) -> Decimal {
        (try? divided(by: divisor, scale: indicatorScale, rounding: .halfAwayFromZero)) ?? .zero
    }
}
