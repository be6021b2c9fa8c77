/// The civil-time rules of the zones markets run in, built in so that results never depend on the
/// machine's tz database. US zones follow the US daylight-saving rules in force in each year since
/// 1967 (2007 on: second Sunday of March to first Sunday of November, at 02:00 local); European
/// zones the EU rule (last Sunday of March to last Sunday of October, at 01:00 UTC).
public struct TimeZoneRules: Sendable, Equatable {
    public enum DaylightRule: Sendable, Equatable { case none, unitedStates, europeanUnion }

    public let name: String
    /// Standard-time offset from UTC, in seconds.
    public let standardOffset: Int
    public let daylight: DaylightRule

    public static let utc = TimeZoneRules(name: "UTC", standardOffset: 0, daylight: .none)
    public static let newYork = TimeZoneRules(name: "America/New_York", standardOffset: -5 * 3600, daylight: .unitedStates)

    private static let known: [String: (Int, DaylightRule)] = [
        "UTC": (0, .none), "Etc/UTC": (0, .none), "GMT": (0, .none), "Z": (0, .none),
        "America/New_York": (-5 * 3600, .unitedStates), "US/Eastern": (-5 * 3600, .unitedStates),
        "America/Chicago": (-6 * 3600, .unitedStates), "US/Central": (-6 * 3600, .unitedStates),
        "America/Denver": (-7 * 3600, .unitedStates), "America/Phoenix": (-7 * 3600, .none),
        "America/Los_Angeles": (-8 * 3600, .unitedStates), "US/Pacific": (-8 * 3600, .unitedStates),
        "Europe/London": (0, .europeanUnion), "Europe/Dublin": (0, .europeanUnion), "Europe/Lisbon": (0, .europeanUnion),
        "Europe/Berlin": (3600, .europeanUnion), "Europe/Paris": (3600, .europeanUnion),
        "Europe/Amsterdam": (3600, .europeanUnion), "Europe/Zurich": (3600, .europeanUnion),
        "Europe/Madrid": (3600, .europeanUnion), "Europe/Rome": (3600, .europeanUnion),
        "Europe/Stockholm": (3600, .europeanUnion), "Europe/Athens": (7200, .europeanUnion),
        "Asia/Tokyo": (9 * 3600, .none), "Asia/Hong_Kong": (8 * 3600, .none), "Asia/Shanghai": (8 * 3600, .none),
        "Asia/Singapore": (8 * 3600, .none), "Asia/Kolkata": (5 * 3600 + 1800, .none), "Asia/Dubai": (4 * 3600, .none),
    ]

    public static var knownNames: [String] { known.keys.sorted() }

    public init(name: String, standardOffset: Int, daylight: DaylightRule) {
        self.name = name
        self.standardOffset = standardOffset
        self.daylight = daylight
    }

    /// A zone by IANA name, or a fixed offset such as `+05:30` or `-04:00`.
    public init(named name: String) throws(TimeError) {
        if let (offset, rule) = TimeZoneRules.known[name] {
            self.init(name: name, standardOffset: offset, daylight: rule)
            return
        }
        let chars = Array(name.utf8)
        if chars.count == 6, chars[0] == UInt8(ascii: "+") || chars[0] == UInt8(ascii: "-"), chars[3] == UInt8(ascii: ":"),
           let h = Int(String(decoding: chars[1...2], as: UTF8.self)), let m = Int(String(decoding: chars[4...5], as: UTF8.self)),
           h <= 23, m <= 59 {
            self.init(name: name, standardOffset: (h * 3600 + m * 60) * (chars[0] == UInt8(ascii: "-") ? -1 : 1), daylight: .none)
            return
        }
        throw TimeError("unknown time zone \"\(name)\" (known: \(TimeZoneRules.knownNames.joined(separator: ", ")), or an offset like -05:00)")
    }

    /// Offset from UTC in seconds in force at `instant`.
    public func offset(at instant: Timestamp) -> Int {
        guard let (start, end) = daylightPeriod(containing: instant) else { return standardOffset }
        return instant >= start && instant < end ? standardOffset + 3600 : standardOffset
    }

    /// The daylight-saving period, as UTC instants, of the year that `instant` falls in.
    func daylightPeriod(containing instant: Timestamp) -> (Timestamp, Timestamp)? {
        let year = CivilDateTime(millisecondsIfUTC: instant.milliseconds + Int64(standardOffset) * 1000).year
        return daylightPeriod(year: year)
    }

    public func daylightPeriod(year: Int) -> (Timestamp, Timestamp)? {
        switch daylight {
        case .none:
            return nil
        case .unitedStates:
            guard year >= 1967 else { return nil }
            let (startDay, endDay): (Int, Int)
            if year >= 2007 {
                startDay = TimeZoneRules.nthSunday(2, year: year, month: 3)
                endDay = TimeZoneRules.nthSunday(1, year: year, month: 11)
            } else if year >= 1987 {
                startDay = TimeZoneRules.nthSunday(1, year: year, month: 4)
                endDay = TimeZoneRules.lastSunday(year: year, month: 10)
            } else {
                startDay = TimeZoneRules.lastSunday(year: year, month: 4)
                endDay = TimeZoneRules.lastSunday(year: year, month: 10)
            }
            // 02:00 local standard time; 02:00 local daylight time.
            let start = Int64(startDay) * 86_400_000 + 7_200_000 - Int64(standardOffset) * 1000
            let end = Int64(endDay) * 86_400_000 + 7_200_000 - Int64(standardOffset + 3600) * 1000
            return (Timestamp(milliseconds: start), Timestamp(milliseconds: end))
        case .europeanUnion:
            guard year >= 1981 else { return nil }
            let start = Int64(TimeZoneRules.lastSunday(year: year, month: 3)) * 86_400_000 + 3_600_000
            let end = Int64(TimeZoneRules.lastSunday(year: year, month: 10)) * 86_400_000 + 3_600_000
            return (Timestamp(milliseconds: start), Timestamp(milliseconds: end))
        }
    }

    /// The instant a wall-clock time names in this zone. A time skipped by the spring change
    /// (02:30 on that day in New York) is read with the standard offset, landing after the gap;
    /// a time that occurs twice in the autumn is taken at its first occurrence (daylight time).
    public func instant(fromLocal civil: CivilDateTime) -> Timestamp {
        let local = civil.millisecondsIfUTC
        let asStandard = Timestamp(milliseconds: local - Int64(standardOffset) * 1000)
        guard daylight != .none else { return asStandard }
        let asDaylight = Timestamp(milliseconds: local - Int64(standardOffset + 3600) * 1000)
        if offset(at: asDaylight) == standardOffset + 3600 { return asDaylight }
        return asStandard
    }

    /// Local wall-clock time at `instant`.
    public func civil(at instant: Timestamp) -> CivilDateTime {
        CivilDateTime(millisecondsIfUTC: instant.milliseconds + Int64(offset(at: instant)) * 1000)
    }

    /// Days since the epoch of the n-th Sunday of a month.
    static func nthSunday(_ n: Int, year: Int, month: Int) -> Int {
        let first = CivilDateTime.daysFromCivil(year: year, month: month, day: 1)
        let weekday = CivilDateTime.weekday(daysSinceEpoch: first)
        return first + (7 - weekday) % 7 + 7 * (n - 1)
    }

    static func lastSunday(year: Int, month: Int) -> Int {
        let last = CivilDateTime.daysFromCivil(year: year, month: month, day: CivilDateTime.daysInMonth(year, month))
        return last - CivilDateTime.weekday(daysSinceEpoch: last)
    }
}
