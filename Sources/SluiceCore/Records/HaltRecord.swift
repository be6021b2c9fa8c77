/// A `halt` or `resume` record: a change of trading state, for one symbol or all.
public struct HaltRecord: Sendable {
    public enum Mode: String, Sendable, CaseIterable { case reducing, halted }

    public var isResume: Bool
    public var ts: Timestamp
    public var reason: String
    /// A symbol, or nil for all.
    public var scope: String?
    public var mode: Mode?

    public init(document: JSONDocument) throws(RecordError) {
        guard let type = RecordType(of: document), type == .halt || type == .resume else {
            throw RecordError("halt", field: "type", "expected \"halt\" or \"resume\"")
        }
        let f = RecordFields(document, type: type.rawValue)
        isResume = type == .resume
        ts = try f.timestamp("ts")
        reason = try f.string("reason")
        let scope = try f.optionalString("scope")
        self.scope = scope == "all" ? nil : scope
        mode = try f.optionalWord("mode", as: Mode.self)
    }
}
