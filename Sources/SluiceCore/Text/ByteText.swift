/// Text for people (a refusal's reason, how an order was sized) as UTF-8 bytes, built by string
/// interpolation. A noisy stream has one written for most of its records; building them as
/// Strings was most of `gate`'s time and a third of `sizer`'s.
///
/// The bytes live inline, in the value itself, up to `inlineCapacity`: a reason is made, passed
/// up and written once, and allocating an array for each cost more than writing its text. A
/// longer text carries on in an array.
public struct ByteText: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    static let inlineCapacity = 112
    private var inline: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                         UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    /// 32 bits, so that the flag below fits beside it and a text stays 128 bytes.
    private var inlineCount: Int32 = 0
    private var spilled: [UInt8]?
    /// Whether the text holds a byte a JSON string must escape (a quote, a backslash, a control
    /// character), noted as each part is appended. A text without, as nearly every reason and
    /// sizing is, is written into JSON as it is. The text is valid UTF-8 whatever it holds: it
    /// is built from Strings and static text.
    public private(set) var needsEscaping = false

    public init() {}

    public init(text: String) {
        var text = text
        text.withUTF8 { appendChecked($0) }
    }

    public init(stringLiteral value: StaticString) {
        appendChecked(UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    public init(stringInterpolation: StringInterpolation) { self = stringInterpolation.text }

    /// Calls `body` with the text's bytes.
    @inline(__always)
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let spilled { return try spilled.withUnsafeBufferPointer(body) }
        var inline = inline
        let count = Int(inlineCount)
        return try withUnsafeBytes(of: &inline) { try body(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)) }
    }

    public var bytes: [UInt8] { withBytes { Array($0) } }

    public var description: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    public static func == (lhs: ByteText, rhs: ByteText) -> Bool {
        lhs.withBytes { left in rhs.withBytes { right in left.elementsEqual(right) } }
    }

    public static func += (text: inout ByteText, more: ByteText) {
        more.withBytes { text.append($0) }
        text.needsEscaping = text.needsEscaping || more.needsEscaping
    }

    /// Calls `write` with room for `maximum` bytes; it returns how many it wrote.
    @inline(__always)
    mutating func append(maximum: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        if spilled == nil && Int(inlineCount) &+ maximum <= ByteText.inlineCapacity {
            let start = Int(inlineCount)
            inlineCount &+= Int32(truncatingIfNeeded: withUnsafeMutableBytes(of: &inline) { write($0.baseAddress!.assumingMemoryBound(to: UInt8.self) + start) })
            return
        }
        if spilled == nil {
            let count = Int(inlineCount)
            spilled = withUnsafeBytes(of: &inline) { Array($0.prefix(count)) }
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximum) { buffer in
            let written = write(buffer.baseAddress!)
            spilled!.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<written]))
        }
    }

    @inline(__always)
    mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress else { return }
        append(maximum: source.count) { target in
            OutputBuffer.copy(base, to: target, count: source.count)
            return source.count
        }
    }

    /// Appends a decimal's shortest exact text: the words of a sizing end with one.
    public mutating func append(_ value: Decimal) {
        let magnitude = value.coefficient.magnitude
        guard magnitude <= UInt128(UInt64.max) else { return value.withText(minimumPlaces: 0) { append($0) } }
        append(maximum: 41) { Decimal.writeShortText(UInt64(truncatingIfNeeded: magnitude), scale: value.scale, negative: value.coefficient < 0, into: $0) }
    }

    /// Appends valid UTF-8, noting whether it has a byte to escape.
    @inline(__always)
    mutating func appendChecked(_ source: UnsafeBufferPointer<UInt8>) {
        if !needsEscaping { needsEscaping = ByteCursor.hasByteToEscape(source) }
        append(source)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var text = ByteText()

        public init(literalCapacity: Int, interpolationCount: Int) {}

        private mutating func append(_ string: String) {
            var string = string
            string.withUTF8 { text.appendChecked($0) }
        }

        /// The literal parts are static text: copied from where the compiler put them, with no
        /// String made for each.
        public mutating func appendLiteral(_ literal: StaticString) {
            text.appendChecked(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }

        public mutating func appendInterpolation(_ value: String) { append(value) }

        public mutating func appendInterpolation(_ value: StaticString) { appendLiteral(value) }

        public mutating func appendInterpolation(_ value: ByteText) { text += value }

        public mutating func appendInterpolation(_ value: Decimal) { text.append(value) }

        public mutating func appendInterpolation(_ value: Int) { appendInterpolation(Decimal(value)) }

        public mutating func appendInterpolation(_ value: Timestamp) {
            text.append(maximum: 24) { value.write(into: $0) }
        }

        /// Milliseconds as seconds (`42s`, `1.5s`).
        public mutating func appendInterpolation(seconds milliseconds: Int64) {
            appendInterpolation(Decimal(coefficient: Int128(milliseconds), scale: 3))
            appendLiteral("s")
        }

        public mutating func appendInterpolation<Value: CustomStringConvertible>(_ value: Value) {
            append(value.description)
        }
    }
}
