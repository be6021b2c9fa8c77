/// What `reconcile` does with one order.
public struct ReconcileDecision: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The order goes on unchanged.
        case pass
        /// The order goes on with a smaller quantity; the note says why.
        case cut(to: Decimal, note: String)
        case refused(Refusal)

        public var isCut: Bool {
            if case .cut = self { return true }
            return false
        }
    }

    /// A closing market order sent before the entry: for a position held the other way on the
    /// entry's symbol, or for another fund of its family.
    public struct Close: Sendable, Equatable {
        public var symbol: String
        public var side: OrderSide
        public var qty: Decimal
        public var note: String
    }

    public var closes: [Close]
    public var outcome: Outcome
    /// Cash to hold back per unit while the order is in flight.
    public var unitCost: Decimal

    public init(closes: [Close] = [], _ outcome: Outcome, unitCost: Decimal = .zero) {
        self.closes = closes
        self.outcome = outcome
        self.unitCost = unitCost
    }
}
