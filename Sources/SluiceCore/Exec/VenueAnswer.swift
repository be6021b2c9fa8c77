/// What the venue said to a submission.
public enum VenueAnswer: Sendable, Equatable {
    case accepted(at: Timestamp)
    case rejected(VenueRejection)
}

/// A refusal with a venue-style code (`LOT_SIZE`, `MIN_NOTIONAL`, …) and whether sending the
/// same order again could succeed.
public struct VenueRejection: Error, Sendable, Equatable {
    public var code: String
    public var reason: String
    public var retryable: Bool

    public init(_ code: String, _ reason: String, retryable: Bool = false) {
        self.code = code
        self.reason = reason
        self.retryable = retryable
    }
}
