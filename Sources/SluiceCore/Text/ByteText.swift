/// Text for people (a refusal's reason, how an order was sized) as UTF-8 bytes, built by string
/// interpolation. A noisy stream has one written for most of its records; building them as
/// Strings was most of `gate`'s time and a third of `sizer`'s.
public struct ByteText: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(text: String) { bytes = Array(text.utf8) }

    public init(stringLiteral value: String) { self.init(text: value) }

    public init(stringInterpolation: StringInterpolation) { bytes = stringInterpolation.finished() }

    public var description: String { String(decoding: bytes, as: UTF8.self) }

    public static func += (text: inout ByteText, more: ByteText) { text.bytes.append(contentsOf: more.bytes) }

    public static func + (text: ByteText, more: ByteText) -> ByteText {
        var joined = text
        joined += more
        return joined
    }

    /// Builds the text in a buffer of its own, inline, and makes the array once at the end:
    /// appending each piece to an array cost more than writing the text. A text that outgrows
    /// the buffer carries on in an array.
    public struct StringInterpolation: StringInterpolationProtocol {
        static let inlineCapacity = 240
        private var inline: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                             UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                             UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        private var count = 0
        private var spilled: [UInt8]?

        public init(literalCapacity: Int, interpolationCount: Int) {}

        /// Calls `write` with room for `maximum` bytes; it returns how many it wrote.
        @inline(__always)
        private mutating func append(maximum: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
            if spilled == nil && count + maximum <= StringInterpolation.inlineCapacity {
                let start = count
                count += withUnsafeMutableBytes(of: &inline) { write($0.baseAddress!.assumingMemoryBound(to: UInt8.self) + start) }
                return
            }
            if spilled == nil { spilled = withUnsafeBytes(of: &inline) { Array($0.prefix(count)) } }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximum) { buffer in
                let written = write(buffer.baseAddress!)
                spilled!.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<written]))
            }
        }

        @inline(__always)
        private mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
            guard let base = source.baseAddress else { return }
            append(maximum: source.count) { target in
                target.update(from: base, count: source.count)
                return source.count
            }
        }

        private mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { append($0) }
        }

        func finished() -> [UInt8] {
            if let spilled { return spilled }
            var inline = inline
            return withUnsafeBytes(of: &inline) { Array($0.prefix(count)) }
        }

        public mutating func appendLiteral(_ literal: String) { append(literal) }

        public mutating func appendInterpolation(_ value: String) { append(value) }

        public mutating func appendInterpolation(_ value: ByteText) { value.bytes.withUnsafeBufferPointer { append($0) } }

        public mutating func appendInterpolation(_ value: Decimal) {
            let magnitude = value.coefficient.magnitude
            guard magnitude <= UInt128(UInt64.max) else { return append(value.description) }
            append(maximum: 41) { Decimal.writeShortText(UInt64(truncatingIfNeeded: magnitude), scale: value.scale, negative: value.coefficient < 0, into: $0) }
        }

        public mutating func appendInterpolation(_ value: Int) { appendInterpolation(Decimal(value)) }

        public mutating func appendInterpolation(_ value: Timestamp) {
            append(maximum: 24) { value.write(into: $0) }
        }

        /// Milliseconds as seconds (`42s`, `1.5s`).
        public mutating func appendInterpolation(seconds milliseconds: Int64) {
            appendInterpolation(Decimal(coefficient: Int128(milliseconds), scale: 3))
            append("s")
        }

        public mutating func appendInterpolation<Value: CustomStringConvertible>(_ value: Value) {
            append(value.description)
        }
    }
}
