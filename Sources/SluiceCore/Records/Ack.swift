/// `exec`'s answer to a barrier, written to the feedback FIFO once everything the barrier's
/// input record caused has been sent back.
public struct Ack: Record, Sendable {
    public static let recordType = RecordType.ack
    public var seq: Int64

    public init(_ f: RecordFields) throws(RecordError) {
        seq = try f.integer("seq")
    }

    public init(seq: Int64) { self.seq = seq }
}
