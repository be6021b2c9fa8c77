/// The rules `gate` applies and their limits; a nil limit turns its rule off.
public struct GateLimits: Sendable {
    public var minConfidence: Decimal?
    public var minConfidenceByRegime: [Signal.Regime: Decimal] = [:]
    public var maxSpoof: Decimal?
    public var maxRiskPenalty: Decimal?
    /// A signal without a score that a rule needs passes instead of being refused.
    public var allowMissingScores = false
    /// Maximum signal age, in milliseconds of event time.
    public var maxAge: Int64?
    public var checkExpiry = true
    public var duplicateWindow: Int64?
    public var minInterval: Int64?
    public var cooldown: Int64?
    public var cooldownAll: Int64?
    public var flipCooldown: Int64?
    public var maxEntriesPerHour: Int?
    public var maxEntriesPerDay: Int?
    public var maxEntriesPerHourPerSymbol: Int?
    public var maxEntriesPerDayPerSymbol: Int?
    public var minRewardRisk: Decimal?
    /// Maximum stop distance, in percent of the price.
    public var maxStopPercent: Decimal?
    /// Loss since the start of the trading day, in percent of start-of-day equity.
    public var dailyLossPercent: Decimal?
    /// Equity below its peak, in percent of the peak.
    public var drawdownPercent: Decimal?
    /// After a losing exit on a symbol, no entry on it for this long (milliseconds).
    public var lossCooldown: Int64?
    /// This many losing exits in a row, within `lossStreakWindow`, pause entries for `lossStreakPause`.
    public var lossStreak: Int?
    public var lossStreakWindow: Int64 = 86_400_000
    public var lossStreakPause: Int64 = 3_600_000
    public var maxPositions: Int?
    public var maxPositionsPerGroup: Int?
    /// Per underlying: the sum over the funds held of |exposure| × quantity × price, as a
    /// multiple of equity, at which entries in the family stop.
    public var maxExposure: Decimal?
    /// Minimum time a position is held before an exit signal may close it (milliseconds).
    public var minHold: Int64?
    public var session = false
    /// The zone whose midnight starts a trading day.
    public var dayZone = TimeZoneRules.newYork

    public init() {}

    /// Reads the limits from the effective options.
    public init(_ arguments: ParsedArguments) throws(CommandLineError) {
        func fraction(_ name: String) throws(CommandLineError) -> Decimal? {
            guard let value = try arguments.decimal(name, minimum: .zero) else { return nil }
            guard value <= .one else { throw .usage("--\(name): must be from 0 to 1, got '\(value)'") }
            return value
        }
        func count(_ name: String) throws(CommandLineError) -> Int? { try arguments.integer(name, in: 0...1_000_000) }
        minConfidence = try fraction("min-confidence")
        for regime in [Signal.Regime.trending, .ranging, .volatile] {
            if let value = try fraction("min-confidence-\(regime.rawValue)") { minConfidenceByRegime[regime] = value }
        }
        maxSpoof = try fraction("max-spoof")
        maxRiskPenalty = try fraction("max-risk-penalty")
        allowMissingScores = arguments.flag("allow-missing-scores")
        maxAge = try arguments.milliseconds("max-age")
        checkExpiry = arguments.flag("expiry")
        duplicateWindow = try arguments.milliseconds("duplicate-window")
        minInterval = try arguments.milliseconds("min-interval")
        cooldown = try arguments.milliseconds("cooldown")
        cooldownAll = try arguments.milliseconds("cooldown-all")
        flipCooldown = try arguments.milliseconds("flip-cooldown")
        maxEntriesPerHour = try count("max-entries-hour")
        maxEntriesPerDay = try count("max-entries-day")
        maxEntriesPerHourPerSymbol = try count("max-entries-hour-symbol")
        maxEntriesPerDayPerSymbol = try count("max-entries-day-symbol")
        minRewardRisk = try arguments.decimal("min-reward-risk", minimum: .zero)
        maxStopPercent = try arguments.decimal("max-stop-pct", minimum: .zero)
        dailyLossPercent = try arguments.decimal("max-daily-loss-pct", minimum: .zero)
        drawdownPercent = try arguments.decimal("max-drawdown-pct", minimum: .zero)
        lossCooldown = try arguments.milliseconds("loss-cooldown")
        lossStreak = try count("loss-streak")
        if let window = try arguments.milliseconds("loss-streak-window") { lossStreakWindow = window }
        if let pause = try arguments.milliseconds("loss-streak-pause") { lossStreakPause = pause }
        maxPositions = try count("max-positions")
        maxPositionsPerGroup = try count("max-positions-group")
        if let value = try arguments.decimal("max-exposure", minimum: .zero) {
            guard value.signum > 0 else { throw .usage("--max-exposure: must be above 0, got '\(value)'") }
            maxExposure = value
        }
        minHold = try arguments.milliseconds("min-hold")
        session = arguments.flag("session")
        if let zone = arguments.value("day-zone") {
            do throws(TimeError) { dayZone = try TimeZoneRules(named: zone) } catch { throw .usage("--day-zone: \(error.message)") }
        }
    }

    /// Whether a rule needs `account` records to decide.
    public var needsAccount: Bool { dailyLossPercent != nil || drawdownPercent != nil }
}
