/// One value of a parsed document, stored flat: a container's children follow it, and `next`
/// is the index just past its subtree, so a lookup can skip a whole value in one step.
public struct JSONNode: Sendable {
    public enum Kind: UInt8, Sendable {
        case object, array, string, number, bool, null
    }

    public var kind: Kind
    /// For strings: whether the text holds escapes that must be decoded.
    public var hasEscapes: Bool
    /// For numbers: the digits after the point of the coefficient in `payload`, or
    /// `noShortValue` when the number has an exponent or more than eighteen digits.
    var shortScale: UInt8
    /// Byte offsets of the value in the line; a string's range excludes its quotes.
    public var start: Int32
    public var end: Int32
    /// Index of the node after this value's subtree.
    public var next: Int32
    /// Containers: their member or element count. Numbers: the value as a coefficient of
    /// `shortScale` decimals, read while scanning, so that a record's numbers are not parsed twice.
    /// Object keys: their signature (`JSONKey.signature`), so that keys are told apart by one
    /// comparison.
    var payload: Int64

    static let noShortValue: UInt8 = .max

    init(kind: Kind, hasEscapes: Bool = false, start: Int32, end: Int32, next: Int32,
         shortScale: UInt8 = JSONNode.noShortValue, payload: Int64 = 0) {
        self.kind = kind
        self.hasEscapes = hasEscapes
        self.shortScale = shortScale
        self.start = start
        self.end = end
        self.next = next
        self.payload = payload
    }

    /// Members of an object or elements of an array.
    public var count: Int32 { Int32(truncatingIfNeeded: payload) }
}
