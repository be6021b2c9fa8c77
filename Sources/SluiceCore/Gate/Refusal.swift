/// Why `gate` refused a signal: a stable rule name and a reason that names the numbers.
public struct Refusal: Sendable, Equatable {
    public var rule: String
    public var reason: String

    public init(_ rule: String, _ reason: String) {
        self.rule = rule
        self.reason = reason
    }
}
