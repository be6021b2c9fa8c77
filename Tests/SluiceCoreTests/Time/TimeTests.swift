import Testing
@testable import SluiceCore

private func ts(_ text: String) throws -> Timestamp { try Timestamp(rfc3339: text) }

@Suite("Time: RFC 3339 and epoch milliseconds")
struct TimestampTests {
    @Test("accepted forms", arguments: [
        ("2024-03-01T14:30:00.250Z", 1_709_303_400_250 as Int64),
        ("2024-03-01T14:30:00Z", 1_709_303_400_000),
        ("2024-03-01t14:30:00.25z", 1_709_303_400_250),
        ("2024-03-01 14:30:00.2509Z", 1_709_303_400_250),
        ("2024-03-01T15:30:00.250+01:00", 1_709_303_400_250),
        ("2024-03-01T09:00:00-05:30", 1_709_303_400_000),
        ("1970-01-01T00:00:00.000Z", 0),
        ("1969-12-31T23:59:59.999Z", -1),
    ])
    func accepted(_ text: String, _ milliseconds: Int64) throws {
        #expect(try ts(text).milliseconds == milliseconds)
    }

    @Test("refused forms", arguments: [
        "2024-03-01", "2024-03-01T14:30Z", "2024-03-01T14:30:00", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z", "2024-03-01T24:00:00Z", "2024-03-01T14:60:00Z", "2024-03-01T14:30:60Z",
        "2024-03-01T14:30:00.Z", "2024-03-01T14:30:00+0100", "2024-03-01T14:30:00Zx", "24-03-01T14:30:00Z", "",
    ])
    func refused(_ text: String) {
        #expect(throws: TimeError.self) { try ts(text) }
    }

    @Test func writesMillisecondsInUTC() {
        #expect(Timestamp(milliseconds: 1_709_303_400_250).description == "2024-03-01T14:30:00.250Z")
        #expect(Timestamp(milliseconds: 0).description == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(milliseconds: -1).description == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.latest.description == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp.earliest.description == "0001-01-01T00:00:00.000Z")
    }

    @Test func roundTripsOverFourCenturies() throws {
        var ms: Int64 = -11_644_473_600_000
        while ms < 4_102_444_800_000 {
            let text = Timestamp(milliseconds: ms).description
            #expect(try ts(text).milliseconds == ms)
            ms += 86_400_000 * 97 + 3_723_456
        }
    }

    @Test func canonicalShapeIsRecognised() {
        func canonical(_ s: String) -> Bool { var s = s; return s.withUTF8 { Timestamp.hasCanonicalShape($0) } }
        #expect(canonical("2024-03-01T14:30:00.250Z"))
        #expect(!canonical("2024-03-01T14:30:00Z"))
        #expect(!canonical("2024-03-01 14:30:00.250Z"))
        #expect(!canonical("2024-03-01T14:30:00.250z"))
    }

    @Test func canonicalShapeWithBadDigitsIsRefused() {
        #expect(throws: TimeError.self) { try Timestamp(rfc3339: "2024-0x-01T14:30:00.250Z") }
        #expect(throws: TimeError.self) { try Timestamp(rfc3339: "2024-02-30T14:30:00.250Z") }
        #expect(throws: TimeError.self) { try Timestamp(rfc3339: "2024-01-01T14:30:00.2 0Z") }
    }

    @Test func theCacheAgreesWithTheParser() throws {
        var cache = TimestampCache()
        let texts = ["2024-03-01T14:30:00.250Z", "2024-03-01T14:30:59.999Z", "2024-03-01T14:31:00.000Z", "2024-03-01T14:31:07.5Z",
                     "2024-03-01T14:31:07.005Z", "2024-02-29T23:59:59.999Z", "2024-03-01T14:31:60.000Z", "2024-03-01T14:31:0x.000Z",
                     "2024-03-01T15:31:07.005+01:00"]
        for text in texts {
            var text = text
            let expected = Result { () throws(TimeError) in try Timestamp(rfc3339: text) }
            let cached = text.withUTF8 { bytes in Result { () throws(TimeError) in try cache.timestamp(bytes) } }
            // Same instant for the same text, and refused exactly when the parser refuses.
            let cachedValue = try? cached.get(), expectedValue = try? expected.get()
            #expect(cachedValue == expectedValue, "\(text)")
        }
    }

    @Test func epochMillisecondsAreRangeChecked() throws {
        #expect(try Timestamp(epochMilliseconds: 1_700_000_000_000).description == "2023-11-14T22:13:20.000Z")
        #expect(throws: TimeError.self) { try Timestamp(epochMilliseconds: Int64.max) }
    }
}

@Suite("Time: calendar")
struct CalendarTests {
    @Test("leap years", arguments: [(2024, true), (2023, false), (1900, false), (2000, true), (2100, false), (1600, true)])
    func leapYears(_ year: Int, _ leap: Bool) {
        #expect(CivilDateTime.isLeapYear(year) == leap)
        #expect(CivilDateTime.daysInMonth(year, 2) == (leap ? 29 : 28))
    }

    @Test func leapDayIsValidOnlyInLeapYears() {
        #expect(throws: Never.self) { try CivilDateTime(year: 2024, month: 2, day: 29).validate() }
        #expect(throws: TimeError.self) { try CivilDateTime(year: 2023, month: 2, day: 29).validate() }
        #expect(throws: TimeError.self) { try CivilDateTime(year: 1900, month: 2, day: 29).validate() }
        #expect(throws: Never.self) { try CivilDateTime(year: 2000, month: 2, day: 29).validate() }
    }

    @Test func daysRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = CivilDateTime.civilFromDays(days)
            #expect(CivilDateTime.daysFromCivil(year: y, month: m, day: d) == days)
        }
        #expect(CivilDateTime.daysFromCivil(year: 2000, month: 3, day: 1) - CivilDateTime.daysFromCivil(year: 2000, month: 2, day: 28) == 2)
    }

    @Test func weekdays() {
        #expect(CivilDateTime.weekday(daysSinceEpoch: 0) == 4)
        #expect(CivilDateTime.weekday(daysSinceEpoch: CivilDateTime.daysFromCivil(year: 2024, month: 3, day: 10)) == 0)
        #expect(CivilDateTime.weekday(daysSinceEpoch: -1) == 3)
    }
}

@Suite("Time: zones and daylight saving")
struct TimeZoneTests {
    let newYork = TimeZoneRules.newYork

    func local(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int = 0) -> CivilDateTime {
        CivilDateTime(year: y, month: mo, day: d, hour: h, minute: mi)
    }

    @Test("US rules by era", arguments: [
        (2024, "2024-03-10T07:00:00.000Z", "2024-11-03T06:00:00.000Z"),
        (2007, "2007-03-11T07:00:00.000Z", "2007-11-04T06:00:00.000Z"),
        (2006, "2006-04-02T07:00:00.000Z", "2006-10-29T06:00:00.000Z"),
        (1999, "1999-04-04T07:00:00.000Z", "1999-10-31T06:00:00.000Z"),
        (1986, "1986-04-27T07:00:00.000Z", "1986-10-26T06:00:00.000Z"),
    ])
    func unitedStatesPeriods(_ year: Int, _ start: String, _ end: String) throws {
        let period = try #require(newYork.daylightPeriod(year: year))
        #expect(period.0.description == start)
        #expect(period.1.description == end)
    }

    @Test func offsetsAroundTheSpringChange() throws {
        #expect(newYork.offset(at: try Timestamp(rfc3339: "2024-03-10T06:59:59.999Z")) == -5 * 3600)
        #expect(newYork.offset(at: try Timestamp(rfc3339: "2024-03-10T07:00:00.000Z")) == -4 * 3600)
    }

    @Test func offsetsAroundTheAutumnChange() throws {
        #expect(newYork.offset(at: try Timestamp(rfc3339: "2024-11-03T05:59:59.999Z")) == -4 * 3600)
        #expect(newYork.offset(at: try Timestamp(rfc3339: "2024-11-03T06:00:00.000Z")) == -5 * 3600)
    }

    @Test func localTimesAcrossTheChanges() {
        #expect(newYork.instant(fromLocal: local(2024, 3, 8, 9, 30)).description == "2024-03-08T14:30:00.000Z")
        #expect(newYork.instant(fromLocal: local(2024, 3, 11, 9, 30)).description == "2024-03-11T13:30:00.000Z")
        // 02:30 does not exist on the spring day: read with the standard offset, after the gap.
        #expect(newYork.instant(fromLocal: local(2024, 3, 10, 2, 30)).description == "2024-03-10T07:30:00.000Z")
        // 01:30 happens twice in the autumn: the first (daylight) one is taken.
        #expect(newYork.instant(fromLocal: local(2024, 11, 3, 1, 30)).description == "2024-11-03T05:30:00.000Z")
        #expect(newYork.instant(fromLocal: local(2024, 11, 3, 2, 30)).description == "2024-11-03T07:30:00.000Z")
    }

    @Test func civilTimeInTheZone() throws {
        let summer = newYork.civil(at: try Timestamp(rfc3339: "2013-10-04T13:30:00Z"))
        #expect((summer.hour, summer.minute) == (9, 30))
        let winter = newYork.civil(at: try Timestamp(rfc3339: "2013-12-04T14:30:00Z"))
        #expect((winter.hour, winter.minute) == (9, 30))
    }

    @Test func europeanRules() throws {
        let london = try TimeZoneRules(named: "Europe/London")
        let period = try #require(london.daylightPeriod(year: 2024))
        #expect(period.0.description == "2024-03-31T01:00:00.000Z")
        #expect(period.1.description == "2024-10-27T01:00:00.000Z")
        let berlin = try TimeZoneRules(named: "Europe/Berlin")
        #expect(berlin.instant(fromLocal: local(2024, 7, 1, 9)).description == "2024-07-01T07:00:00.000Z")
    }

    @Test func namesAndOffsets() throws {
        #expect(try TimeZoneRules(named: "+05:30").standardOffset == 19_800)
        #expect(try TimeZoneRules(named: "-04:00").standardOffset == -14_400)
        #expect(try TimeZoneRules(named: "Asia/Tokyo").offset(at: Timestamp(milliseconds: 0)) == 32_400)
        #expect(throws: TimeError.self) { try TimeZoneRules(named: "Mars/Olympus") }
        #expect(throws: TimeError.self) { try TimeZoneRules(named: "+25:00") }
    }
}
