/// A refusal: which stage, which rule, why, and the refused record whole.
public struct Reject: Record, Sendable {
    public static let recordType = RecordType.reject
    /// Absent when the refused record had no valid time of its own and none was seen before it.
    public var ts: Timestamp?
    public var stage: String
    public var rule: String
    public var reason: String
    /// Index of the `subject` object in the document.
    public var subject: Int

    public init(_ f: RecordFields) throws(RecordError) {
        ts = try f.optionalTimestamp("ts")
        stage = try f.string("stage")
        rule = try f.string("rule")
        reason = try f.string("reason")
        subject = try f.required("subject")
        guard f.document[subject].kind == .object else { throw RecordError("reject", field: "subject", "expected the refused record as an object") }
    }
}
