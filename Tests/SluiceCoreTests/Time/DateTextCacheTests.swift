import Testing
@testable import SluiceCore

@Suite("Time: the date text an output buffer keeps")
struct DateTextCacheTests {
    /// What the cache writes for each time in turn, against `Timestamp.write` on its own.
    private func written(_ times: [Int64]) -> [(String, String)] {
        var cache = DateTextCache()
        return times.map { ms in
            var cached = [UInt8](repeating: 0, count: 24)
            let count = cached.withUnsafeMutableBufferPointer { cache.write(Timestamp(milliseconds: ms), into: $0.baseAddress!) }
            #expect(count == 24)
            return (String(decoding: cached, as: UTF8.self), Timestamp(milliseconds: ms).description)
        }
    }

    @Test func sameDayLaterAndEarlierTimes() {
        let day: Int64 = 1_709_251_200_000
        for (cached, plain) in written([day + 1, day + 86_399_999, day, day + 45_296_789, day + 3_600_000]) {
            #expect(cached == plain)
        }
    }

    @Test func acrossMidnightBothWaysAndBeforeTheEpoch() {
        let midnight: Int64 = 1_709_337_600_000
        let times: [Int64] = [midnight - 1, midnight, midnight - 1, -1, 0, -86_400_000, -86_400_001, -1]
        let pairs = written(times)
        for (cached, plain) in pairs { #expect(cached == plain) }
        #expect(pairs[0].0 == "2024-03-01T23:59:59.999Z")
        #expect(pairs[1].0 == "2024-03-02T00:00:00.000Z")
        #expect(pairs[6].0 == "1969-12-30T23:59:59.999Z")
    }

    @Test func timesOutsideTheWrittenYearsStayAtTheBound() {
        let late = Timestamp.latest.milliseconds
        for (cached, plain) in written([late, late + 1, late + 86_400_000 + 5, late - 1]) { #expect(cached == plain) }
    }

    @Test func aBufferWritesTheCachedTextQuoted() {
        let output = OutputBuffer(destination: .standardOutput)
        output.append(timestamp: Timestamp(milliseconds: 1_709_303_400_250))
        output.append(timestamp: Timestamp(milliseconds: 1_709_303_401_007))
        output.append(bareTimestamp: Timestamp(milliseconds: 1_709_251_199_999))
        #expect(output.contents == "\"2024-03-01T14:30:00.250Z\"\"2024-03-01T14:30:01.007Z\"2024-02-29T23:59:59.999Z")
        output.truncate(to: 0)
    }
}
