/// The funnel from signal to fill: how many signals each stage let through, and which rule
/// stopped the others. Every signal leaves one trace that tells how far it got — a `reject` of the
/// stage that stopped it, a `signal` record (passed by the gate, not yet sized) or an `order` —
/// and an order's statuses and fills tell the rest. Each record counts once (the ledger keeps an
/// id once); memory follows the orders working, not the signals seen. Defined in journal(1).
public struct SignalFunnel: Sendable, Equatable {
    public enum Step: Int, CaseIterable, Sendable {
        case seen, passedGate, sized, passedReconcile, accepted, filled

        public var label: String {
            switch self {
            case .seen: "signals seen"
            case .passedGate: "passed gate"
            case .sized: "sized into orders"
            case .passedReconcile: "passed reconcile"
            case .accepted: "accepted by venue"
            case .filled: "filled"
            }
        }

        public var key: StaticString {
            switch self {
            case .seen: "signals"
            case .passedGate: "passed_gate"
            case .sized: "sized"
            case .passedReconcile: "passed_reconcile"
            case .accepted: "accepted"
            case .filled: "filled"
            }
        }
    }

    public struct StageRule: Hashable, Sendable, Comparable {
        /// The stage that refused (`gate`, `sizer`, `reconcile`, `exec`), or `venue` for an
        /// `order_status` of `rejected`.
        public var stage: String
        /// The stage's rule, or the venue's code.
        public var rule: String

        static let stageOrder = ["gate", "sizer", "reconcile", "exec", "venue"]

        public static func < (a: StageRule, b: StageRule) -> Bool {
            let i = stageOrder.firstIndex(of: a.stage) ?? stageOrder.count, j = stageOrder.firstIndex(of: b.stage) ?? stageOrder.count
            return (i, a.stage, a.rule) < (j, b.stage, b.rule)
        }
    }

    enum Progress: Sendable, Equatable { case sent, accepted, filled }

    /// Refusals counted by the stage and rule that made them.
    public private(set) var refusals: [StageRule: Int] = [:]
    /// Signal records: the gate passed them and no sizer has seen them yet.
    public private(set) var signalsPassed = 0
    /// Orders made from signals that reached the journal (reconcile passed them, exec sent them).
    public private(set) var ordersSent = 0
    /// Of those, orders whose quantity reconcile cut (they carry `qty_requested`).
    public private(set) var ordersCut = 0
    public private(set) var accepted = 0
    public private(set) var filled = 0
    /// Orders accepted that ended with no fill, by status (`canceled`, `expired`).
    public private(set) var endedUnfilled: [String: Int] = [:]
    /// Orders a stage made itself, by `origin` (a conflict's close, an emergency exit).
    public private(set) var madeByStages: [String: Int] = [:]
    var working: [String: Progress] = [:]

    public init() {}

    public mutating func addSignal() { signalsPassed += 1 }

    public mutating func addRefusal(stage: String, rule: String) { refusals[StageRule(stage: stage, rule: rule), default: 0] += 1 }

    /// An order made from a signal (`origin` absent) or by a stage.
    public mutating func addOrder(id: String, origin: String?, isCut: Bool) {
        if let origin { return madeByStages[origin, default: 0] += 1 }
        ordersSent += 1
        if isCut { ordersCut += 1 }
        working[id] = .sent
    }

    /// An order made from a signal was accepted: by its status, or by a fill when the venue
    /// skipped the status.
    mutating func markAccepted(_ id: String) {
        guard working[id] == .sent else { return }
        accepted += 1
        working[id] = .accepted
    }

    /// A fill accepts its order if no status did, and fills it: one lookup, changed in place.
    public mutating func addFill(orderID: String) {
        guard let index = working.index(forKey: orderID) else { return }
        switch working.values[index] {
        case .sent:
            accepted += 1
            filled += 1
            working.values[index] = .filled
        case .accepted:
            filled += 1
            working.values[index] = .filled
        default: break
        }
    }

    public mutating func addStatus(_ status: OrderStatus) {
        guard let progress = working[status.orderID] else { return }
        switch status.status {
        case .accepted: markAccepted(status.orderID)
        case .partiallyFilled, .filled: addFill(orderID: status.orderID)
        case .rejected: addRefusal(stage: "venue", rule: status.venueCode ?? "rejected")
        case .canceled, .expired: if progress != .filled { endedUnfilled[status.status.rawValue, default: 0] += 1 }
        }
        if status.status.isFinal { working[status.orderID] = nil }
    }

    public func refused(by stage: String) -> Int { refusals.reduce(0) { $0 + ($1.key.stage == stage ? $1.value : 0) } }

    /// How many signals reached each step; a signal stopped at a stage counts at every step before it.
    public func count(_ step: Step) -> Int {
        switch step {
        case .filled: filled
        case .accepted: accepted
        case .passedReconcile: ordersSent + refused(by: "exec")
        case .sized: count(.passedReconcile) + refused(by: "reconcile")
        case .passedGate: count(.sized) + refused(by: "sizer") + signalsPassed
        case .seen: count(.passedGate) + refused(by: "gate")
        }
    }

    /// The step's count over the one before it (over signals seen for the first); nil when that is zero.
    public func rate(_ step: Step) -> Decimal? {
        let before = count(Step(rawValue: max(step.rawValue - 1, 0))!)
        guard before > 0 else { return nil }
        return try? Decimal(count(step)).divided(by: Decimal(before), scale: 6).normalized
    }

    /// Filled over signals seen.
    public var overallRate: Decimal? {
        let seen = count(.seen)
        guard seen > 0 else { return nil }
        return try? Decimal(filled).divided(by: Decimal(seen), scale: 6).normalized
    }
}
