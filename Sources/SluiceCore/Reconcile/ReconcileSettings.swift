/// Everything `reconcile` is configured with, read once from the effective options.
public struct ReconcileSettings: Sendable {
    public var onConflict = ConflictPolicy.closeThenOpen
    /// Entries allowed in one direction on a symbol before `duplicate_entry` (1: no pyramiding).
    public var maxEntries = 1
    /// Cut entries down to the cash available instead of refusing them.
    public var resize = false
    /// Milliseconds of event time an account snapshot stays good for entries; nil: no limit.
    public var maxStale: Int64?
    public var marginAccount = false
    /// 1 + fee-bps / 10,000: what a unit of notional costs with its fees.
    public var feeFactor = Decimal.one
    public var startingCash: Decimal?

    public init() {}

    public init(_ arguments: ParsedArguments) throws(CommandLineError) {
        guard let policy = ConflictPolicy(rawValue: arguments.value("on-conflict") ?? "") else {
            throw .usage("--on-conflict: expected close-then-open, close-only or reject, got '\(arguments.value("on-conflict") ?? "")'")
        }
        onConflict = policy
        if let value = try arguments.integer("max-entries", in: 1...1000) { maxEntries = value }
        resize = arguments.flag("resize")
        maxStale = try arguments.milliseconds("max-stale")
        switch arguments.value("account") {
        case "cash": marginAccount = false
        case "margin": marginAccount = true
        default: throw .usage("--account: expected cash or margin, got '\(arguments.value("account") ?? "")'")
        }
        if let fraction = try arguments.basisPoints("fee-bps") { feeFactor = (Decimal.one + fraction).normalized }
        startingCash = try arguments.bookAmount("equity")
    }
}
