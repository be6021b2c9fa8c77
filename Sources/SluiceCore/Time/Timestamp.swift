/// An instant, in milliseconds since 1970-01-01T00:00:00Z: the stream's event time.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public func adding(milliseconds delta: Int64) -> Timestamp { Timestamp(milliseconds: milliseconds + delta) }

    /// Latest instant we write (9999-12-31T23:59:59.999Z) and earliest (0001-01-01T00:00:00Z).
    public static let latest = Timestamp(milliseconds: 253_402_300_799_999)
    public static let earliest = Timestamp(milliseconds: -62_135_596_800_000)

    public var description: String {
        var bytes = [UInt8](repeating: 0, count: 24)
        bytes.withUnsafeMutableBufferPointer { _ = write(into: $0.baseAddress!) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `YYYY-MM-DDTHH:MM:SS.mmmZ` (24 bytes) and returns 24.
    @discardableResult
    public func write(into p: UnsafeMutablePointer<UInt8>) -> Int {
        let c = CivilDateTime(millisecondsIfUTC: milliseconds)
        func put(_ value: Int, _ width: Int, _ at: Int) {
            var v = value
            for k in stride(from: width - 1, through: 0, by: -1) {
                p[at + k] = UInt8(v % 10) + UInt8(ascii: "0")
                v /= 10
            }
        }
        put(c.year, 4, 0); p[4] = UInt8(ascii: "-")
        put(c.month, 2, 5); p[7] = UInt8(ascii: "-")
        put(c.day, 2, 8); p[10] = UInt8(ascii: "T")
        put(c.hour, 2, 11); p[13] = UInt8(ascii: ":")
        put(c.minute, 2, 14); p[16] = UInt8(ascii: ":")
        put(c.second, 2, 17); p[19] = UInt8(ascii: ".")
        put(c.millisecond, 3, 20); p[23] = UInt8(ascii: "Z")
        return 24
    }
}
