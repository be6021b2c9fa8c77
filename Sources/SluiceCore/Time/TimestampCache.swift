/// Remembers the minute of the last canonical time parsed, so that the next time in the same
/// minute (most of a stream's) is read from its last five digits.
public struct TimestampCache {
    /// The first 16 bytes (`YYYY-MM-DDTHH:MM`) of the last canonical time, as two words.
    private var prefix: (UInt64, UInt64) = (0, 0)
    private var minuteStart: Int64 = 0

    public init() {}

    /// Parses an RFC 3339 time like `Timestamp(rfc3339:)`.
    public mutating func timestamp(_ text: UnsafeBufferPointer<UInt8>) throws(TimeError) -> Timestamp {
        guard Timestamp.hasCanonicalShape(text) else { return try Timestamp(rfc3339: text) }
        let raw = UnsafeRawPointer(text.baseAddress!)
        let words = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let digits = (text[17] &- 48, text[18] &- 48, text[20] &- 48, text[21] &- 48, text[22] &- 48)
        let second = Int64(digits.0) * 10 + Int64(digits.1)
        let millisecond = Int64(digits.2) * 100 + Int64(digits.3) * 10 + Int64(digits.4)
        let valid = digits.0 <= 5 && digits.1 <= 9 && digits.2 <= 9 && digits.3 <= 9 && digits.4 <= 9
        if valid && words == prefix {
            return Timestamp(milliseconds: minuteStart + second * 1000 + millisecond)
        }
        let parsed = try Timestamp(rfc3339: text)
        prefix = words
        minuteStart = parsed.milliseconds - second * 1000 - millisecond
        return parsed
    }
}
