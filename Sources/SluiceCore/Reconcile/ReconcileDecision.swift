/// What `reconcile` does with one order.
public struct ReconcileDecision: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The order goes on unchanged.
        case pass
        /// The order goes on with a smaller quantity; the note says why.
        case cut(to: Decimal, note: String)
        case refused(Refusal)
    }

    /// A closing order for the opposite position, sent before the entry.
    public struct Close: Sendable, Equatable {
        public var qty: Decimal
        public var note: String
    }

    public var closeFirst: Close?
    public var outcome: Outcome
    /// Cash to hold back per unit while the order is in flight.
    public var unitCost: Decimal

    public init(closeFirst: Close? = nil, _ outcome: Outcome, unitCost: Decimal = .zero) {
        self.closeFirst = closeFirst
        self.outcome = outcome
        self.unitCost = unitCost
    }
}
