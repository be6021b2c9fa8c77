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

    /// Writes `YYYY-MM-DDTHH:MM:SS.mmmZ` (24 bytes) and returns 24. Every record written carries
    /// one, so the fields go out two digits at a time from a table, not a division per digit.
    @discardableResult
    public func write(into p: UnsafeMutablePointer<UInt8>) -> Int {
        let c = CivilDateTime(millisecondsIfUTC: milliseconds)
        let pairs = Decimal.digitPairs.utf8Start
        @inline(__always) func pair(_ value: Int, _ at: Int) {
            p[at] = pairs[value &* 2]
            p[at &+ 1] = pairs[value &* 2 &+ 1]
        }
        // Parsed times lie in years 1 to 9999; one pushed past them by arithmetic is written
        // at the bound rather than read off the end of the table.
        let year = min(max(c.year, 0), 9999)
        pair(year / 100, 0); pair(year % 100, 2); p[4] = UInt8(ascii: "-")
        pair(c.month, 5); p[7] = UInt8(ascii: "-")
        pair(c.day, 8)
        Timestamp.writeTime(ofDay: ((c.hour * 60 + c.minute) * 60 + c.second) * 1000 + c.millisecond, into: p + 10)
        return 24
    }

    /// Writes `THH:MM:SS.mmmZ` (14 bytes) for a time `milliseconds` after midnight (0 up to a
    /// day): the part of `write` after the date.
    @inline(__always)
    static func writeTime(ofDay milliseconds: Int, into p: UnsafeMutablePointer<UInt8>) {
        let pairs = Decimal.digitPairs.utf8Start
        @inline(__always) func pair(_ value: Int, _ at: Int) {
            p[at] = pairs[value &* 2]
            p[at &+ 1] = pairs[value &* 2 &+ 1]
        }
        let seconds = milliseconds / 1000, millisecond = milliseconds % 1000
        p[0] = UInt8(ascii: "T")
        pair(seconds / 3600, 1); p[3] = UInt8(ascii: ":")
        pair(seconds / 60 % 60, 4); p[6] = UInt8(ascii: ":")
        pair(seconds % 60, 7); p[9] = UInt8(ascii: ".")
        p[10] = UInt8(truncatingIfNeeded: millisecond / 100) &+ UInt8(ascii: "0")
        pair(millisecond % 100, 11); p[13] = UInt8(ascii: "Z")
    }
}
