/// A trading signal from a strategy.
public struct Signal: Record, Sendable {
    public enum Regime: String, Sendable, CaseIterable { case trending, ranging, volatile }

    public static let recordType = RecordType.signal
    public var id: String
    public var ts: Timestamp
    public var symbol: String
    public var side: SignalSide
    public var confidence: Decimal
    public var price: Decimal?
    public var strategy: String?
    public var regime: Regime?
    public var spoof: Decimal?
    public var riskPenalty: Decimal?
    public var atr: Decimal?
    public var stop: Decimal?
    public var target: Decimal?
    public var expires: Timestamp?
    /// An exit that must not be held back by a minimum holding time.
    public var force: Bool

    public init(_ f: RecordFields) throws(RecordError) {
        id = try f.string("id")
        ts = try f.timestamp("ts")
        symbol = try f.string("symbol")
        side = try f.word("side", as: SignalSide.self, aliases: SignalSide.aliases)
        confidence = try f.unitInterval("confidence")
        price = try f.optionalPositiveDecimal("price")
        strategy = try f.optionalString("strategy")
        regime = try f.optionalWord("regime", as: Regime.self)
        spoof = try f.optionalUnitInterval("spoof")
        riskPenalty = try f.optionalUnitInterval("risk_penalty")
        atr = try f.optionalPositiveDecimal("atr")
        stop = try f.optionalPositiveDecimal("stop")
        target = try f.optionalPositiveDecimal("target")
        expires = try f.optionalTimestamp("expires")
        force = try f.bool("force") ?? false
    }
}
