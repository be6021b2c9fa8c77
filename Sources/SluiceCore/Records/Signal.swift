/// A trading signal from a strategy.
public struct Signal: Record, Sendable {
    public enum Regime: String, Sendable, CaseIterable { case trending, ranging, volatile }

    public static let recordType = RecordType.signal
    // No id: a signal's id is only ever copied from its line (as `signal_id`), so it is checked
    // there and never made into a String.
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
        try self.init(f, at: Members(f.document))
    }

    /// A signal whose members were found beforehand (by a stage that copies some of them).
    /// Inlined: built in place, not in a temporary copied out (a signal is some 300 bytes).
    @inline(__always)
    init(_ f: RecordFields, at: Members) throws(RecordError) {
        try f.requireNonEmptyString("id", at: at.id)
        ts = try f.timestamp("ts", at: at.ts)
        symbol = try f.symbol("symbol", at: at.symbol)
        side = try f.word("side", at: at.side, as: SignalSide.self, aliases: SignalSide.aliases)
        confidence = try f.unitInterval("confidence", at: at.confidence)
        price = try f.optionalPositiveDecimal("price", at: at.price)
        strategy = try f.optionalSymbol("strategy", at: at.strategy)
        regime = try f.optionalWord("regime", at: at.regime, as: Regime.self)
        spoof = try f.optionalUnitInterval("spoof", at: at.spoof)
        riskPenalty = try f.optionalUnitInterval("risk_penalty", at: at.riskPenalty)
        atr = try f.optionalPositiveDecimal("atr", at: at.atr)
        stop = try f.optionalPositiveDecimal("stop", at: at.stop)
        target = try f.optionalPositiveDecimal("target", at: at.target)
        expires = try f.optionalTimestamp("expires", at: at.expires)
        force = try f.optionalBool("force", at: at.force) ?? false
    }
}
