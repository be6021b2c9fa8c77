/// Why a stage refused a record: a stable rule name and a reason that names the numbers.
public struct Refusal: Error, Sendable, Equatable {
    public var rule: String
    public var reason: ByteText

    public init(_ rule: String, _ reason: ByteText) {
        self.rule = rule
        self.reason = reason
    }

    public init(_ rule: String, reason: String) {
        self.init(rule, ByteText(text: reason))
    }
}
