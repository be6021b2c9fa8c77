/// What the broker said about an order.
public struct OrderStatus: Record, Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case accepted, rejected, canceled, expired
        case partiallyFilled = "partially_filled"
        case filled

        /// The broker is done with the order: nothing more of it will fill.
        public var isFinal: Bool {
            switch self {
            case .accepted, .partiallyFilled: false
            case .filled, .canceled, .rejected, .expired: true
            }
        }
    }

    public static let recordType = RecordType.orderStatus
    public var orderID: String
    public var ts: Timestamp
    public var status: Status
    public var reason: String?
    public var venueCode: String?
    public var retryable: Bool?

    public init(_ f: RecordFields) throws(RecordError) {
        orderID = try f.string("order_id")
        ts = try f.timestamp("ts")
        status = try f.word("status", as: Status.self)
        reason = try f.optionalString("reason")
        venueCode = try f.optionalString("venue_code")
        retryable = try f.bool("retryable")
    }
}
