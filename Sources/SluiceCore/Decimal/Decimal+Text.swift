extension Decimal: CustomStringConvertible, LosslessStringConvertible {
    /// Parses decimal text: JSON numbers (`-12.5`, `1.5e-3`) and the looser forms found in CSV
    /// files (`+3`, `.5`, `5.`). Exponents are applied exactly.
    public init(parsing text: UnsafeBufferPointer<UInt8>) throws(DecimalError) {
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
        let value = normalized
        var digits: [UInt8] = []
        var m = value.coefficient.magnitude
        repeat {
            digits.append(UInt8(truncatingIfNeeded: m % 10) + UInt8(ascii: "0"))
            m /= 10
        } while m > 0
        let places = max(value.scale, minimumPlaces)
        // digits are little-endian; pad with zeros for the places the normalized value lacks.
        let padding = places - value.scale
        var all = [UInt8](repeating: UInt8(ascii: "0"), count: padding) + digits
        while all.count <= places { all.append(UInt8(ascii: "0")) }
        if value.coefficient < 0 { bytes.append(UInt8(ascii: "-")) }
        for k in stride(from: all.count - 1, through: places, by: -1) { bytes.append(all[k]) }
        if places > 0 {
            bytes.append(UInt8(ascii: "."))
            for k in stride(from: places - 1, through: 0, by: -1) { bytes.append(all[k]) }
        }
    }
}

extension OutputBuffer {
    /// Appends a decimal's shortest exact text.
    public func append(decimal: Decimal, minimumPlaces: Int = 0) {
        var bytes: [UInt8] = []
        decimal.appendText(to: &bytes, minimumPlaces: minimumPlaces)
        append(bytes)
    }
}
