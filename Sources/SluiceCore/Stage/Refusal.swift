/// Why a stage refused a record: a stable rule name and a reason that names the numbers.
public struct Refusal: Error, Sendable, Equatable {
    /// Static: rule names are ours (the man pages list them), and a noisy stream writes one for
    /// most of its records.
    public var rule: StaticString
    public var reason: ByteText

    public init(_ rule: StaticString, _ reason: ByteText) {
        self.rule = rule
        self.reason = reason
    }

    public init(_ rule: StaticString, reason: String) {
        self.init(rule, ByteText(text: reason))
    }

    /// The rule's name as a String (for summaries and state files).
    public var ruleName: String { rule.description }

    public static func == (lhs: Refusal, rhs: Refusal) -> Bool {
        lhs.ruleName == rhs.ruleName && lhs.reason == rhs.reason
    }
}
