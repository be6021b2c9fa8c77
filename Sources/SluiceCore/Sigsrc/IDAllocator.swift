/// Gives ids to records that arrive without one: the prefix and a counter, so the same input
/// always gets the same ids.
public struct IDAllocator {
    public let prefix: String
    /// The prefix as it stands inside a JSON string (escaped once, here).
    private let escapedPrefix: [UInt8]
    public private(set) var issued: Int64 = 0

    public init(prefix: String) {
        self.prefix = prefix
        let scratch = OutputBuffer(destination: .standardOutput, capacity: prefix.utf8.count * 6 + 2)
        scratch.appendJSONString(prefix)
        escapedPrefix = Array(scratch.takeBytes().dropFirst().dropLast())
    }

    /// Appends the next id, as a JSON string, to `output`.
    public mutating func appendNext(to output: OutputBuffer) {
        issued += 1
        output.append(UInt8(ascii: "\""))
        output.append(escapedPrefix)
        output.append(integer: issued)
        output.append(UInt8(ascii: "\""))
    }
}
