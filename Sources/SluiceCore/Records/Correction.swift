/// A change the book made to agree with the broker.
public struct Correction: Record, Sendable {
    public enum Action: String, Sendable, CaseIterable {
        case clearedPhantom = "cleared_phantom"
        case adoptedOrphan = "adopted_orphan"
        case resized
    }

    public static let recordType = RecordType.correction
    public var ts: Timestamp
    public var symbol: String
    public var localQty: Decimal
    public var brokerQty: Decimal
    public var action: Action

    /// What the difference was, in words, for the journal and the person reading it.
    public var reason: String {
        switch action {
        case .clearedPhantom: "the broker holds no \(symbol); the local book had \(localQty)"
        case .adoptedOrphan: "the broker holds \(brokerQty) \(symbol) the local book did not know of"
        case .resized: "the broker holds \(brokerQty) \(symbol); the local book had \(localQty)"
        }
    }

    public init(ts: Timestamp, symbol: String, localQty: Decimal, brokerQty: Decimal, action: Action) {
        self.ts = ts
        self.symbol = symbol
        self.localQty = localQty
        self.brokerQty = brokerQty
        self.action = action
    }

    public init(_ f: RecordFields) throws(RecordError) {
        ts = try f.timestamp("ts")
        symbol = try f.symbol("symbol")
        localQty = try f.decimal("local_qty")
        brokerQty = try f.decimal("broker_qty")
        action = try f.word("action", as: Action.self)
    }
}
