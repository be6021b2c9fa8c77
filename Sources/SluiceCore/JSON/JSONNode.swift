/// One value of a parsed document, stored flat: a container's children follow it, and `next`
/// is the index just past its subtree, so a lookup can skip a whole value in one step.
public struct JSONNode: Sendable {
    public enum Kind: UInt8, Sendable {
        case object, array, string, number, bool, null
    }

    public var kind: Kind
    /// For strings: whether the text holds escapes that must be decoded.
    public var hasEscapes: Bool
    /// Byte offsets of the value in the line; a string's range excludes its quotes.
    public var start: Int32
    public var end: Int32
    /// Index of the node after this value's subtree.
    public var next: Int32
    /// Members of an object or elements of an array.
    public var count: Int32
}
