/// An object key known at compile time, compared as bytes without building a String.
public struct JSONKey: ExpressibleByStringLiteral, Sendable {
    public let text: StaticString

    public init(stringLiteral value: StaticString) { text = value }

    @inline(__always)
    var pointer: UnsafePointer<UInt8> { text.utf8Start }
    @inline(__always)
    var count: Int { text.utf8CodeUnitCount }

    public var name: String { text.description }

    /// The key's length and first six bytes in one word, as the parser keeps it for each key it
    /// reads. Folded to a constant where the key is a literal.
    @inline(__always)
    var signature: UInt64 {
        let text = pointer
        var packed = UInt64(truncatingIfNeeded: count) << 48
        for k in 0..<min(count, 6) { packed |= UInt64(text[k]) << (k &* 8) }
        return packed
    }

    /// Whether `bytes` spell this key (unescaped).
    @inline(__always)
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == count else { return false }
        let text = pointer
        for k in 0..<count where bytes[k] != text[k] { return false }
        return true
    }
}
