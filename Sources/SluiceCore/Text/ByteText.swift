/// Text for people (a refusal's reason, how an order was sized) as UTF-8 bytes, built by string
/// interpolation. A noisy stream has one written for most of its records; building them as
/// Strings was most of `gate`'s time and a third of `sizer`'s.
public struct ByteText: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(text: String) { bytes = Array(text.utf8) }

    public init(stringLiteral value: String) { self.init(text: value) }

    public init(stringInterpolation: StringInterpolation) { bytes = stringInterpolation.bytes }

    public var description: String { String(decoding: bytes, as: UTF8.self) }

    public static func += (text: inout ByteText, more: ByteText) { text.bytes.append(contentsOf: more.bytes) }

    public static func + (text: ByteText, more: ByteText) -> ByteText {
        var joined = text
        joined += more
        return joined
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { bytes.append(contentsOf: literal.utf8) }

        public mutating func appendInterpolation(_ value: String) { bytes.append(contentsOf: value.utf8) }

        public mutating func appendInterpolation(_ value: ByteText) { bytes.append(contentsOf: value.bytes) }

        public mutating func appendInterpolation(_ value: Decimal) { value.appendText(to: &bytes) }

        public mutating func appendInterpolation(_ value: Int) {
            Decimal(value).appendText(to: &bytes)
        }

        public mutating func appendInterpolation(_ value: Timestamp) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
                let count = value.write(into: buffer.baseAddress!)
                bytes.append(contentsOf: buffer[..<count])
            }
        }

        /// Milliseconds as seconds (`42s`, `1.5s`).
        public mutating func appendInterpolation(seconds milliseconds: Int64) {
            Decimal(coefficient: Int128(milliseconds), scale: 3).appendText(to: &bytes)
            bytes.append(UInt8(ascii: "s"))
        }

        public mutating func appendInterpolation<Value: CustomStringConvertible>(_ value: Value) {
            bytes.append(contentsOf: value.description.utf8)
        }
    }
}
