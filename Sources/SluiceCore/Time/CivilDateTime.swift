/// A calendar date and wall-clock time with no zone (proleptic Gregorian calendar).
public struct CivilDateTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour = 0
    public var minute = 0
    public var second = 0
    public var millisecond = 0

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Checks ranges; the message names the part that is wrong.
    public func validate() throws(TimeError) {
        guard (1...9999).contains(year) else { throw TimeError("year \(year) out of range") }
        guard (1...12).contains(month) else { throw TimeError("month \(month) out of range") }
        guard day >= 1 && day <= CivilDateTime.daysInMonth(year, month) else {
            throw TimeError("day \(day) out of range for \(year)-\(month < 10 ? "0" : "")\(month)")
        }
        guard (0...23).contains(hour) else { throw TimeError("hour \(hour) out of range") }
        guard (0...59).contains(minute) else { throw TimeError("minute \(minute) out of range") }
        guard (0...59).contains(second) else { throw TimeError("second \(second) out of range") }
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's days_from_civil.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 0 = Sunday … 6 = Saturday.
    public static func weekday(daysSinceEpoch days: Int) -> Int {
        let w = (days + 4) % 7
        return w < 0 ? w + 7 : w
    }

    /// Milliseconds since the epoch if this wall-clock time were UTC.
    public var millisecondsIfUTC: Int64 {
        let days = Int64(CivilDateTime.daysFromCivil(year: year, month: month, day: day))
        return ((days * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000 + Int64(second) * 1000 + Int64(millisecond)
    }

    public init(millisecondsIfUTC ms: Int64) {
        let dayMs: Int64 = 86_400_000
        var days = ms / dayMs
        var rest = ms % dayMs
        if rest < 0 {
            rest += dayMs
            days -= 1
        }
        let (y, m, d) = CivilDateTime.civilFromDays(Int(days))
        self.init(year: y, month: m, day: d,
                  hour: Int(rest / 3_600_000), minute: Int(rest / 60_000 % 60),
                  second: Int(rest / 1000 % 60), millisecond: Int(rest % 1000))
    }
}
