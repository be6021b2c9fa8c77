extension Decimal: CustomStringConvertible, LosslessStringConvertible {
    /// Parses decimal text: JSON numbers (`-12.5`, `1.5e-3`) and the looser forms found in CSV
    /// files (`+3`, `.5`, `5.`). Exponents are applied exactly.
    public init(parsing text: UnsafeBufferPointer<UInt8>) throws(DecimalError) {
        if let value = Decimal.parseShort(text) {
            self = value
            return
        }
        var i = 0
        let n = text.count
        var negative = false
        if i < n && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        var coefficient: Int128 = 0
        var significant = 0
        var fractionDigits = 0
        var digits = 0
        var seenPoint = false
        while i < n {
            let b = text[i]
            if b == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digits += 1
                if seenPoint { fractionDigits += 1 }
                if coefficient != 0 || b != UInt8(ascii: "0") {
                    significant += 1
                    guard significant <= 38 else { throw .outOfRange(Decimal.show(text)) }
                }
                coefficient = coefficient * 10 + Int128(b - UInt8(ascii: "0"))
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { throw .notANumber(Decimal.show(text)) }
        var exponent = 0
        if i < n && (text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E")) {
            i += 1
            var exponentNegative = false
            if i < n && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
                exponentNegative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponentDigits = 0
            while i < n, text[i] >= UInt8(ascii: "0"), text[i] <= UInt8(ascii: "9") {
                exponent = exponent * 10 + Int(text[i] - UInt8(ascii: "0"))
                guard exponent < 10_000 else { throw .outOfRange(Decimal.show(text)) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { throw .notANumber(Decimal.show(text)) }
            if exponentNegative { exponent = -exponent }
        }
        guard i == n else { throw .notANumber(Decimal.show(text)) }
        var scale = fractionDigits - exponent
        if coefficient == 0 {
            scale = min(max(scale, 0), Decimal.maximumScale)
        }
        // Trailing zeros cost nothing in value; drop them when the scale is too large.
        while scale > Decimal.maximumScale && coefficient % 10 == 0 && coefficient != 0 {
            coefficient /= 10
            scale -= 1
        }
        if scale > Decimal.maximumScale { throw .outOfRange(Decimal.show(text)) }
        if scale < 0 {
            guard -scale <= 38 else { throw .outOfRange(Decimal.show(text)) }
            let (scaled, overflow) = coefficient.multipliedReportingOverflow(by: Decimal.powerOfTen(-scale))
            guard !overflow else { throw .outOfRange(Decimal.show(text)) }
            coefficient = scaled
            scale = 0
        }
        self.init(coefficient: negative ? -coefficient : coefficient, scale: scale)
    }

    /// `[-]digits[.digits]` with at most 18 digits, the shape of nearly every price and score,
    /// parsed in 64 bits; nil for anything else.
    @inline(__always)
    private static func parseShort(_ text: UnsafeBufferPointer<UInt8>) -> Decimal? {
        let n = text.count
        guard n > 0 && n <= 20 else { return nil }
        let negative = text[0] == UInt8(ascii: "-")
        var i = negative ? 1 : 0
        var value: UInt64 = 0
        var digits = 0
        var point = -1
        while i < n {
            let b = text[i]
            let digit = b &- UInt8(ascii: "0")
            if digit < 10 {
                value = value &* 10 &+ UInt64(digit)
                digits &+= 1
            } else if b == UInt8(ascii: ".") && point < 0 {
                point = digits
            } else {
                return nil
            }
            i &+= 1
        }
        guard digits > 0 && digits <= 18 else { return nil }
        let magnitude = Int128(value)
        return Decimal(coefficient: negative ? -magnitude : magnitude, scale: point < 0 ? 0 : digits - point)
    }

    public init?(_ description: String) {
        var text = description
        guard let value = text.withUTF8({ try? Decimal(parsing: $0) }) else { return nil }
        self = value
    }

    private static func show(_ text: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: text.prefix(64), as: UTF8.self)
    }

    /// The shortest exact text: no exponent, no trailing zeros after the point (`0.011`, `-3`).
    public var description: String { text(minimumPlaces: 0) }

    /// Text with at least `minimumPlaces` decimals, zero-padded (`1.5` with 2 → `1.50`).
    /// Round first to cap the decimals.
    public func text(minimumPlaces: Int) -> String {
        var bytes: [UInt8] = []
        appendText(to: &bytes, minimumPlaces: minimumPlaces)
        return String(decoding: bytes, as: UTF8.self)
    }

    public func appendText(to bytes: inout [UInt8], minimumPlaces: Int = 0) {
        let magnitude = coefficient.magnitude
        guard minimumPlaces == 0 && magnitude <= UInt128(UInt64.max) else {
            return withText(minimumPlaces: minimumPlaces) { bytes.append(contentsOf: $0) }
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            let count = Decimal.writeShortText(UInt64(truncatingIfNeeded: magnitude), scale: scale, negative: coefficient < 0, into: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Calls `body` with the text in a temporary buffer, so that writing a decimal allocates
    /// nothing.
    func withText<R>(minimumPlaces: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // 39 digits, a sign, a point, and the zeros of the requested places.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48 + max(minimumPlaces, Decimal.maximumScale)) { buffer in
            let magnitude = coefficient.magnitude
            let start = magnitude <= UInt128(UInt64.max)
                ? Decimal.writeText(UInt64(magnitude), scale: scale, negative: coefficient < 0, minimumPlaces: minimumPlaces, into: buffer)
                : Decimal.writeText(magnitude, scale: scale, negative: coefficient < 0, minimumPlaces: minimumPlaces, into: buffer)
            return body(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Writes the normalized text right-aligned in `buffer`; returns where it starts. Generic so
    /// that the common coefficients take 64-bit division; inlined so that each width is
    /// specialized rather than run through the generic witnesses.
    @inline(__always)
    private static func writeText<Magnitude: FixedWidthInteger & UnsignedInteger>(
        _ magnitude: Magnitude, scale: Int, negative: Bool, minimumPlaces: Int,
        into buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var m = magnitude
        var s = scale
        while s > 0 && m % 10 == 0 && m != 0 {
            m /= 10
            s -= 1
        }
        if m == 0 { s = 0 }
        let places = max(s, minimumPlaces)
        var p = buffer.count
        for _ in 0..<(places - s) {
            p -= 1
            buffer[p] = UInt8(ascii: "0")
        }
        for _ in 0..<s {
            p -= 1
            buffer[p] = UInt8(truncatingIfNeeded: m % 10) &+ UInt8(ascii: "0")
            m /= 10
        }
        if places > 0 {
            p -= 1
            buffer[p] = UInt8(ascii: ".")
        }
        repeat {
            p -= 1
            buffer[p] = UInt8(truncatingIfNeeded: m % 10) &+ UInt8(ascii: "0")
            m /= 10
        } while m > 0
        if negative && (magnitude != 0) {
            p -= 1
            buffer[p] = UInt8(ascii: "-")
        }
        return p
    }
}

extension OutputBuffer {
    /// Appends a decimal's shortest exact text.
    @inline(__always)
    public func append(decimal: Decimal, minimumPlaces: Int = 0) {
        if minimumPlaces == 0 {
            appendInPlace(maximum: ByteCursor.decimalLimit) { start in
                var cursor = ByteCursor(start)
                cursor.put(decimal: decimal)
                return start.distance(to: cursor.position)
            }
        } else {
            decimal.withText(minimumPlaces: minimumPlaces) { append($0) }
        }
    }
}

extension Decimal {
    /// "00", "01", … "99" in a row: static text, so reading it needs no initialization.
    static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// The shortest text of a coefficient that fits 64 bits, written at `p`: the shape of nearly
    /// every price, quantity and amount. Returns the bytes written (at most 41). The digits are
    /// counted first, so that each goes straight to its place, two per division, from the
    /// right, with the point put in on the way.
    @inline(__always)
    static func writeShortText(_ magnitude: UInt64, scale: Int, negative: Bool, into p: UnsafeMutablePointer<UInt8>) -> Int {
        var m = magnitude
        var s = scale
        while s > 0 && m != 0 && m % 10 == 0 {
            m /= 10
            s &-= 1
        }
        if m == 0 { s = 0 }
        var count = 1
        var rest = m
        while rest >= 10_000 {
            rest /= 10_000
            count &+= 4
        }
        if rest >= 100 {
            rest /= 100
            count &+= 2
        }
        if rest >= 10 { count &+= 1 }
        var out = 0
        if negative && magnitude != 0 {
            p[0] = UInt8(ascii: "-")
            out = 1
        }
        let pairs = Decimal.digitPairs.utf8Start
        var end: Int
        if s >= count {
            // 0.000ddd
            p[out] = UInt8(ascii: "0")
            p[out &+ 1] = UInt8(ascii: ".")
            out &+= 2
            for _ in 0..<(s &- count) {
                p[out] = UInt8(ascii: "0")
                out &+= 1
            }
            end = out &+ count
            s = 0
        } else {
            end = out &+ count &+ (s > 0 ? 1 : 0)
        }
        let last = end
        /// Writes m's last two digits just before `end` and drops them from m.
        @inline(__always) func takePair() {
            let quotient = m / 100
            let pair = Int(truncatingIfNeeded: m &- quotient &* 100) &<< 1
            end &-= 2
            p[end] = pairs[pair]
            p[end &+ 1] = pairs[pair &+ 1]
            m = quotient
        }
        // Fraction digits, then the point, then the whole digits: m has exactly the digits left.
        var fraction = s
        while fraction >= 2 {
            takePair()
            fraction &-= 2
        }
        if fraction == 1 {
            let quotient = m / 10
            end &-= 1
            p[end] = UInt8(truncatingIfNeeded: m &- quotient &* 10) &+ UInt8(ascii: "0")
            m = quotient
        }
        if s > 0 {
            end &-= 1
            p[end] = UInt8(ascii: ".")
        }
        while m >= 100 { takePair() }
        if end &- out == 2 {
            let pair = Int(truncatingIfNeeded: m) &<< 1
            p[out] = pairs[pair]
            p[out &+ 1] = pairs[pair &+ 1]
        } else if end &- out == 1 {
            p[out] = UInt8(truncatingIfNeeded: m) &+ UInt8(ascii: "0")
        }
        return last
    }
}
