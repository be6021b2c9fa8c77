/// The date part (`YYYY-MM-DD`) of the last timestamp written, kept by an output buffer: the
/// records of a stream fall on few days, and the calendar arithmetic was most of writing a time.
struct DateTextCache {
    private var day = Int64.min
    private var head: UInt64 = 0
    private var tail: UInt16 = 0

    private static let millisecondsPerDay: Int64 = 86_400_000

    /// Writes `timestamp` as `Timestamp.write` does, with the same 24 bytes, and returns 24.
    @inline(__always)
    mutating func write(_ timestamp: Timestamp, into p: UnsafeMutablePointer<UInt8>) -> Int {
        let ms = timestamp.milliseconds
        var day = ms / DateTextCache.millisecondsPerDay
        var ofDay = ms &- day &* DateTextCache.millisecondsPerDay
        if ofDay < 0 {
            day &-= 1
            ofDay &+= DateTextCache.millisecondsPerDay
        }
        let raw = UnsafeMutableRawPointer(p)
        guard day == self.day else {
            timestamp.write(into: p)
            self.day = day
            head = raw.loadUnaligned(as: UInt64.self)
            tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
            return 24
        }
        raw.storeBytes(of: head, as: UInt64.self)
        raw.storeBytes(of: tail, toByteOffset: 8, as: UInt16.self)
        let time = Int(truncatingIfNeeded: ofDay)
        let pairs = Decimal.digitPairs.utf8Start
        @inline(__always) func pair(_ value: Int, _ at: Int) {
            p[at] = pairs[value &* 2]
            p[at &+ 1] = pairs[value &* 2 &+ 1]
        }
        let seconds = time / 1000, millisecond = time % 1000
        p[10] = UInt8(ascii: "T")
        pair(seconds / 3600, 11); p[13] = UInt8(ascii: ":")
        pair(seconds / 60 % 60, 14); p[16] = UInt8(ascii: ":")
        pair(seconds % 60, 17); p[19] = UInt8(ascii: ".")
        p[20] = UInt8(truncatingIfNeeded: millisecond / 100) &+ UInt8(ascii: "0")
        pair(millisecond % 100, 21); p[23] = UInt8(ascii: "Z")
        return 24
    }
}
