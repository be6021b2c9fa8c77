import Glibc

extension Timestamp {
    /// Parses an RFC 3339 date-time (`2024-03-01T14:30:00.250Z`, `…+01:00`): seconds required,
    /// any number of fraction digits (cut to milliseconds), `T`, `t` or a space between the parts.
    public init(rfc3339 text: UnsafeBufferPointer<UInt8>) throws(TimeError) {
        if Timestamp.hasCanonicalShape(text), let fast = Timestamp.canonicalFields(text) {
            try fast.validate()
            self.init(milliseconds: fast.millisecondsIfUTC)
            return
        }
        var scanner = DateTimeScanner(text)
        let parsed = try scanner.scanDateTime(requireTime: true, requireSeconds: true)
        guard let offset = parsed.offsetSeconds else {
            throw TimeError("time \"\(scanner.shown)\" has no zone: add Z or an offset such as +00:00")
        }
        self.init(milliseconds: parsed.civil.millisecondsIfUTC - Int64(offset) * 1000)
    }

    public init(rfc3339 text: String) throws(TimeError) {
        var text = text
        let result: Result<Timestamp, TimeError> = text.withUTF8 { bytes in
            do throws(TimeError) { return .success(try Timestamp(rfc3339: bytes)) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// Whether `text` has the separators of the form stages write, `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    /// For text that parsed as a time this is enough to know it is in that form (the parser
    /// requires digits elsewhere), so the record can be copied through untouched.
    @inline(__always)
    public static func hasCanonicalShape(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.count == 24 && text[4] == UInt8(ascii: "-") && text[7] == UInt8(ascii: "-") && text[10] == UInt8(ascii: "T")
            && text[13] == UInt8(ascii: ":") && text[16] == UInt8(ascii: ":") && text[19] == UInt8(ascii: ".")
            && text[23] == UInt8(ascii: "Z")
    }

    /// The fields of canonical-shaped text, or nil if a digit is not one.
    static func canonicalFields(_ text: UnsafeBufferPointer<UInt8>) -> CivilDateTime? {
        guard let base = text.baseAddress else { return nil }
        var invalid: UInt8 = 0
        @inline(__always) func digit(_ i: Int) -> Int {
            let d = base[i] &- UInt8(ascii: "0")
            invalid |= d > 9 ? 1 : 0
            return Int(d)
        }
        let year = digit(0) &* 1000 &+ digit(1) &* 100 &+ digit(2) &* 10 &+ digit(3)
        let civil = CivilDateTime(year: year, month: digit(5) &* 10 &+ digit(6), day: digit(8) &* 10 &+ digit(9),
                                  hour: digit(11) &* 10 &+ digit(12), minute: digit(14) &* 10 &+ digit(15),
                                  second: digit(17) &* 10 &+ digit(18),
                                  millisecond: digit(20) &* 100 &+ digit(21) &* 10 &+ digit(22))
        return invalid == 0 ? civil : nil
    }

    /// An instant from epoch milliseconds, checked against the years we can write.
    public init(epochMilliseconds value: Int64) throws(TimeError) {
        guard value >= Timestamp.earliest.milliseconds && value <= Timestamp.latest.milliseconds else {
            throw TimeError("epoch milliseconds \(value) out of range")
        }
        self.init(milliseconds: value)
    }
}

/// The result of scanning a date or date-time.
public struct ScannedDateTime: Sendable {
    public var civil: CivilDateTime
    /// Offset from UTC in seconds when the text carried one (`Z` is 0).
    public var offsetSeconds: Int?
    /// The text held only a date.
    public var isDateOnly: Bool
}

/// Scans the date and time layouts found in market data: ISO dates and date-times with or
/// without zone, and US `M/D/YYYY` dates with an optional time.
public struct DateTimeScanner {
    let text: UnsafeBufferPointer<UInt8>
    var i = 0

    public init(_ text: UnsafeBufferPointer<UInt8>) { self.text = text }

    var shown: String { String(decoding: text.prefix(40), as: UTF8.self) }

    func fail(_ what: String) -> TimeError { TimeError("\(what) in time \"\(shown)\"") }

    @inline(__always)
    func peek() -> UInt8? { i < text.count ? text[i] : nil }

    mutating func digits(_ count: Int, _ what: String) throws(TimeError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let b = peek(), b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { throw fail("expected \(what)") }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            i += 1
        }
        return value
    }

    mutating func variableDigits(_ what: String) throws(TimeError) -> Int {
        let start = i
        var value = 0
        while let b = peek(), b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"), i - start < 4 {
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            i += 1
        }
        guard i > start else { throw fail("expected \(what)") }
        return value
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(TimeError) {
        guard peek() == byte else { throw fail("expected \(what)") }
        i += 1
    }

    /// `YYYY-MM-DD`, `YYYYMMDD`, or `M/D/YYYY`, then optionally a time and a zone.
    public mutating func scanDateTime(requireTime: Bool = false, requireSeconds: Bool = false) throws(TimeError) -> ScannedDateTime {
        var civil: CivilDateTime
        let first = try variableDigits("a date")
        if peek() == UInt8(ascii: "/") {
            i += 1
            let day = try variableDigits("a day")
            try expect(UInt8(ascii: "/"), "'/'")
            let year = try digits(4, "a four-digit year")
            civil = CivilDateTime(year: year, month: first, day: day)
        } else if i == 4 && peek() == UInt8(ascii: "-") {
            i += 1
            let month = try digits(2, "a two-digit month")
            try expect(UInt8(ascii: "-"), "'-'")
            let day = try digits(2, "a two-digit day")
            civil = CivilDateTime(year: first, month: month, day: day)
        } else if i == 4, let more = try? digits(4, "MMDD") {
            civil = CivilDateTime(year: first, month: more / 100, day: more % 100)
        } else {
            throw fail("expected a date (YYYY-MM-DD or M/D/YYYY)")
        }
        guard let separator = peek() else {
            if requireTime { throw fail("expected a time") }
            try civil.validate()
            return ScannedDateTime(civil: civil, offsetSeconds: nil, isDateOnly: true)
        }
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else {
            throw fail("expected 'T' or a space after the date")
        }
        i += 1
        civil.hour = try digits(2, "a two-digit hour")
        try expect(UInt8(ascii: ":"), "':'")
        civil.minute = try digits(2, "two-digit minutes")
        if peek() == UInt8(ascii: ":") {
            i += 1
            civil.second = try digits(2, "two-digit seconds")
            if peek() == UInt8(ascii: ".") {
                i += 1
                var fractionDigits = 0
                var ms = 0
                while let b = peek(), b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                    if fractionDigits < 3 { ms = ms * 10 + Int(b - UInt8(ascii: "0")) }
                    fractionDigits += 1
                    i += 1
                }
                guard fractionDigits > 0 else { throw fail("expected digits after '.'") }
                if fractionDigits < 3 { for _ in fractionDigits..<3 { ms *= 10 } }
                civil.millisecond = ms
            }
        } else if requireSeconds {
            throw fail("expected ':' and seconds")
        }
        try civil.validate()
        var offset: Int?
        if let z = peek() {
            if z == UInt8(ascii: "Z") || z == UInt8(ascii: "z") {
                i += 1
                offset = 0
            } else if z == UInt8(ascii: "+") || z == UInt8(ascii: "-") {
                i += 1
                let hours = try digits(2, "a two-digit offset hour")
                try expect(UInt8(ascii: ":"), "':' in the offset")
                let minutes = try digits(2, "two-digit offset minutes")
                guard hours <= 23 && minutes <= 59 else { throw fail("offset out of range") }
                offset = (hours * 3600 + minutes * 60) * (z == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        guard i == text.count else { throw fail("unexpected text") }
        return ScannedDateTime(civil: civil, offsetSeconds: offset, isDateOnly: false)
    }
}
