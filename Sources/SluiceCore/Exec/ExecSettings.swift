/// Everything `exec` and its paper venue are configured with, read once from the effective options.
public struct ExecSettings: Sendable {
    /// Fractions of one (basis points / 10,000).
    public var slippage = Decimal.zero
    public var fee = Decimal.zero
    public var minimumFee = Decimal.zero
    /// Most of a bar's volume one order may take; nil: fill whole.
    public var maxFillFractionOfVolume: Decimal?
    public var startingCash = Decimal(100_000)
    public var allowShort = false
    public var snapshotEvery: Int64 = 60_000
    public var maxAttempts = 5
    public var backoffBase: Int64 = 200
    public var backoffMax: Int64 = 10_000
    /// How long an answer may take before the attempt counts as timed out.
    public var timeout: Int64 = 2_000
    public var seed: UInt64 = 1
    public var faults = FaultPlan()
    public var reattachDebounce: Int64 = 30_000
    /// Move the stop to the entry price once the price has gone this many times the initial risk
    /// in the position's favour; nil: never.
    public var breakEvenAtRisk: Decimal?
    public var session = MarketSession()

    public init() {}

    public init(_ arguments: ParsedArguments) throws(CommandLineError) {
        if let value = try arguments.basisPoints("slippage-bps") { slippage = value }
        if let value = try arguments.basisPoints("fee-bps") { fee = value }
        if let value = try arguments.bookAmount("min-fee") { minimumFee = value }
        if let value = try arguments.decimal("max-fill-fraction-of-volume", minimum: .zero) {
            guard value.signum > 0 && value <= .one else { throw .usage("--max-fill-fraction-of-volume: expected a fraction above 0 and at most 1, got '\(value)'") }
            maxFillFractionOfVolume = value
        }
        if let value = try arguments.bookAmount("equity") { startingCash = value }
        allowShort = arguments.flag("allow-short")
        if let value = try arguments.milliseconds("snapshot-every") {
            guard value > 0 else { throw .usage("--snapshot-every: must be above 0") }
            snapshotEvery = value
        }
        if let value = try arguments.integer("max-attempts", in: 1...100) { maxAttempts = value }
        if let value = try arguments.milliseconds("backoff") { backoffBase = max(value, 1) }
        if let value = try arguments.milliseconds("backoff-max") { backoffMax = max(value, backoffBase) }
        if let value = try arguments.milliseconds("timeout") { timeout = max(value, 1) }
        if let text = arguments.value("seed") {
            guard let value = UInt64(text) else { throw .usage("--seed: expected a whole number of at least 0, got '\(text)'") }
            seed = value
        }
        if let spec = arguments.value("fault") { faults = try FaultPlan(parsing: spec) }
        if let value = try arguments.milliseconds("reattach-debounce") { reattachDebounce = value }
        if let value = try arguments.decimal("break-even-r", minimum: .zero) {
            guard value.signum > 0 else { throw .usage("--break-even-r: must be above 0, got '\(value)'") }
            breakEvenAtRisk = value
        }
        if let path = arguments.value("holidays") { session = try MarketSession(holidayFile: path) }
    }
}
