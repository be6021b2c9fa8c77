/// When an instrument trades: crypto always; equities, ETFs and futures in the regular US
/// session, 09:30 to 16:00 in New York (DST-correct), Monday to Friday, except listed holidays.
public struct MarketSession: Sendable {
    public var holidays: Set<Int> = []

    public init(holidays: Set<Int> = []) { self.holidays = holidays }

    /// Reads a holiday file: one `YYYY-MM-DD` a line; blank lines and `#` comments ignored.
    public init(holidayFile path: String) throws(CommandLineError) {
        let reader: LineReader
        do throws(IOError) {
            reader = LineReader(descriptor: try FileDescriptor.open(path), path: path)
        } catch {
            throw .configuration("holidays \(error)")
        }
        do {
            while let line = try reader.next() {
                let text = String(decoding: line.bytes, as: UTF8.self).trimmingSpaces
                if text.hasPrefix("#") { continue }
                var bytes = Array(text.utf8)
                let day = try bytes.withUnsafeMutableBufferPointer { buffer throws(TimeError) -> Int in
                    var scanner = DateTimeScanner(UnsafeBufferPointer(buffer))
                    let date = try scanner.scanDateTime()
                    guard date.isDateOnly else { throw TimeError("expected a date") }
                    return CivilDateTime.daysFromCivil(year: date.civil.year, month: date.civil.month, day: date.civil.day)
                }
                holidays.insert(day)
            }
        } catch {
            throw .configuration("holidays \(path): \(error)")
        }
    }

    /// Whether an instrument of `assetClass` trades at `instant`; if not, why.
    public func closedReason(_ assetClass: Instrument.AssetClass, at instant: Timestamp) -> String? {
        if assetClass == .crypto { return nil }
        let local = TimeZoneRules.newYork.civil(at: instant)
        let day = CivilDateTime.daysFromCivil(year: local.year, month: local.month, day: local.day)
        let weekday = CivilDateTime.weekday(daysSinceEpoch: day)
        let clock = String(format2: local.hour) + ":" + String(format2: local.minute)
        if weekday == 0 || weekday == 6 { return "market closed: \(weekdayName(weekday)) \(clock) New York" }
        if holidays.contains(day) { return "market closed: holiday \(local.year)-\(String(format2: local.month))-\(String(format2: local.day))" }
        let minutes = local.hour * 60 + local.minute
        if minutes < 9 * 60 + 30 || minutes >= 16 * 60 {
            return "market closed: \(clock) New York is outside 09:30-16:00"
        }
        return nil
    }

    private func weekdayName(_ day: Int) -> String { ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][day] }
}
