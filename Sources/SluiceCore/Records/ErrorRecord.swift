/// A line a stage could not read, carried as text.
public struct ErrorRecord: Record, Sendable {
    public static let recordType = RecordType.error
    public var stage: String
    public var line: Int64
    public var reason: String
    public var raw: String

    public init(_ f: RecordFields) throws(RecordError) {
        stage = try f.string("stage")
        line = try f.integer("line")
        reason = try f.string("reason")
        let index = try f.required("raw")
        guard let text = f.document.string(index) else { throw RecordError("error", field: "raw", "expected a string") }
        raw = text
    }
}
