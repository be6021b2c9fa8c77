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

    public init(_ f: RecordFields) throws(RecordError) {
        ts = try f.timestamp("ts")
        symbol = try f.string("symbol")
        localQty = try f.decimal("local_qty")
        brokerQty = try f.decimal("broker_qty")
        action = try f.word("action", as: Action.self)
    }
}
