/// What the paper venue reports as prices move: executions, and changes of an order's state.
public enum VenueEvent: Sendable, Equatable {
    case fill(VenueFill)
    case status(VenueStatus)
}

public struct VenueFill: Sendable, Equatable {
    public var id: String
    public var orderID: String
    public var ts: Timestamp
    public var symbol: String
    public var venueSymbol: String
    public var side: OrderSide
    public var qty: Decimal
    public var price: Decimal
    public var fee: Decimal
    public var reason: Fill.Reason
    /// False when a `drop-fill-event` fault swallowed the report: the account changed anyway.
    public var isReported = true
}

public struct VenueStatus: Sendable, Equatable {
    public var orderID: String
    public var ts: Timestamp
    public var status: OrderStatus.Status
    public var reason: String?
    public var code: String?
    public var filledQty: Decimal?
}
