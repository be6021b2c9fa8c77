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
        try self.init(f, at: Members(f.document))
    }

    /// A signal whose members were found beforehand (by a stage that copies some of them).
    init(_ f: RecordFields, at: Members) throws(RecordError) {
        id = try f.string("id", at: f.required("id", at: at.id))
        ts = try f.timestamp("ts", at: f.required("ts", at: at.ts))
        symbol = try f.string("symbol", at: f.required("symbol", at: at.symbol))
        side = try f.word("side", at: f.required("side", at: at.side), as: SignalSide.self, aliases: SignalSide.aliases)
        confidence = try f.unitInterval("confidence", at: f.required("confidence", at: at.confidence))
        price = at.price == 0 ? nil : try f.positiveDecimal("price", at: at.price)
        strategy = at.strategy == 0 ? nil : try f.string("strategy", at: at.strategy)
        regime = at.regime == 0 ? nil : try f.word("regime", at: at.regime, as: Regime.self)
        spoof = at.spoof == 0 ? nil : try f.unitInterval("spoof", at: at.spoof)
        riskPenalty = at.riskPenalty == 0 ? nil : try f.unitInterval("risk_penalty", at: at.riskPenalty)
        atr = at.atr == 0 ? nil : try f.positiveDecimal("atr", at: at.atr)
        stop = at.stop == 0 ? nil : try f.positiveDecimal("stop", at: at.stop)
        target = at.target == 0 ? nil : try f.positiveDecimal("target", at: at.target)
        expires = at.expires == 0 ? nil : try f.timestamp("expires", at: at.expires)
        force = at.force == 0 ? false : try f.bool("force", at: at.force)
    }
}
