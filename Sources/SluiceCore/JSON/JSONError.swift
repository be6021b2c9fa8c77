/// A document that is not valid JSON, or not a JSON object where a record is expected.
public struct JSONError: Error, CustomStringConvertible, Equatable {
    public var message: String
    /// 0-based offset of the offending byte in the line.
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// Offsets are shown 1-based, like columns in a compiler message.
    public var description: String { "\(message) at byte \(offset + 1)" }
}
