/// A number that cannot be held exactly.
public enum DecimalError: Error, CustomStringConvertible, Equatable {
    case notANumber(String)
    case outOfRange(String)
    case divisionByZero
    case invalidStep(String)

    public var description: String {
        switch self {
        case let .notANumber(text): return "not a number: \"\(text)\""
        case let .outOfRange(text): return "number out of range (at most 38 significant digits and 38 decimals): \(text)"
        case .divisionByZero: return "division by zero"
        case let .invalidStep(text): return "rounding step must be positive, got \(text)"
        }
    }
}
