/// Written by `sigsrc --sync` after each input record; passed on by every stage in order.
public struct Barrier: Record, Sendable {
    public static let recordType = RecordType.barrier
    public var seq: Int64

    public init(_ f: RecordFields) throws(RecordError) {
        seq = try f.integer("seq")
    }

    public init(seq: Int64) { self.seq = seq }
}
