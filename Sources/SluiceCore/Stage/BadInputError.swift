/// A malformed input line under `--strict` (exit 65).
public struct BadInputError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
