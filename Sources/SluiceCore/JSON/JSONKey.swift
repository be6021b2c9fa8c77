/// An object key known at compile time, compared as bytes without building a String.
public struct JSONKey: ExpressibleByStringLiteral, Sendable {
    public let text: StaticString

    public init(stringLiteral value: StaticString) { text = value }

    @inline(__always)
    var pointer: UnsafePointer<UInt8> { text.utf8Start }
    @inline(__always)
    var count: Int { text.utf8CodeUnitCount }

    public var name: String { text.description }
}
