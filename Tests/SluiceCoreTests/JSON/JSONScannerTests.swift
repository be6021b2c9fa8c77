import Testing
@testable import SluiceCore

@Suite("JSON scanner: numbers")
struct JSONScannerTests {
    /// What `number(from:)` must give, read one byte at a time: the end, the digits after the
    /// point when short (255 otherwise), and the digits summed with wrapping.
    static func expected(_ text: String) -> (end: Int, shortScale: UInt8, coefficient: Int64)? {
        let bytes = Array(text.utf8)
        func isDigit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
        var p = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { p += 1 }
        let wholeStart = p
        guard isDigit(p) else { return nil }
        var value: UInt64 = 0
        while isDigit(p) {
            value = value &* 10 &+ UInt64(bytes[p] - 0x30)
            p += 1
        }
        if bytes[wholeStart] == UInt8(ascii: "0") && p - wholeStart > 1 { return nil }
        var digits = p - wholeStart
        var scale = 0
        if p < bytes.count && bytes[p] == UInt8(ascii: ".") {
            p += 1
            while isDigit(p) {
                value = value &* 10 &+ UInt64(bytes[p] - 0x30)
                p += 1
                scale += 1
            }
            if scale == 0 { return nil }
            digits += scale
        }
        var shortScale: UInt8 = digits <= 18 ? UInt8(scale) : 255
        if p < bytes.count && (bytes[p] | 0x20) == UInt8(ascii: "e") {
            shortScale = 255
            p += 1
            if p < bytes.count && (bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-")) { p += 1 }
            guard isDigit(p) else { return nil }
            while isDigit(p) { p += 1 }
        }
        return (p, shortScale, Int64(truncatingIfNeeded: negative ? 0 &- value : value))
    }

    static func scanned(_ text: String) -> (end: Int, shortScale: UInt8, coefficient: Int64)? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            try? JSONScanner(base: buffer.baseAddress!, count: buffer.count).number(from: 0)
        }
    }

    /// Every length of each part, short and long, with each thing that may follow a number.
    @Test func readsEveryLengthAsDigitByDigit() {
        var texts: [String] = []
        let digits = "98765432109876543210123"
        for wholeLength in 1...21 {
            let whole = String(digits.prefix(wholeLength))
            for fractionLength in [0, 1, 2, 7, 8, 9, 16, 17] {
                let fraction = String(digits.suffix(fractionLength))
                for tail in ["", "}", ",\"qty\":1}", "e5", "E-12,", "x1234567"] {
                    for sign in ["", "-"] {
                        texts.append(sign + whole + (fractionLength > 0 ? "." + fraction : "") + tail)
                    }
                }
            }
        }
        for text in texts {
            let got = JSONScannerTests.scanned(text)
            let want = JSONScannerTests.expected(text)
            #expect(got?.end == want?.end && got?.shortScale == want?.shortScale && got?.coefficient == want?.coefficient, "\(text)")
        }
    }

    @Test func readsShortNumbersExactly() {
        #expect(JSONScannerTests.scanned("414.54,")! == (6, 2, 41_454))
        #expect(JSONScannerTests.scanned("0.35}")! == (4, 2, 35))
        #expect(JSONScannerTests.scanned("-12345678.9}")! == (11, 1, -123_456_789))
        #expect(JSONScannerTests.scanned("1709303400000,\"x\":1}")! == (13, 0, 1_709_303_400_000))
        #expect(JSONScannerTests.scanned("123456789012345678}")! == (18, 0, 123_456_789_012_345_678))
        #expect(JSONScannerTests.scanned("1234567890123456789}")!.shortScale == JSONNode.noShortValue)
    }

    /// Bytes next to the digits in the character table (`/`, `:`), controls and non-ASCII bytes
    /// end a run of digits where they stand.
    @Test func endsRunsAtTheBytesAroundTheDigits() {
        for stop: UInt8 in [0x2F, 0x3A, 0x00, 0x20, 0x7F, 0x80, 0xC9, 0xFA, 0xFF] {
            for at in 1...9 {
                var bytes = Array("1234567890123456".utf8)
                bytes[at] = stop
                let got = bytes.withUnsafeBufferPointer { buffer in
                    try? JSONScanner(base: buffer.baseAddress!, count: buffer.count).number(from: 0)
                }
                let value = Int64(String(decoding: bytes[0..<at], as: UTF8.self))!
                #expect(got?.end == at && got?.coefficient == value, "byte \(stop) at \(at)")
            }
        }
    }

    @Test func refusesWhatJSONRefuses() {
        for text in ["-", "01", "-01.5", "1.", "1.e5", "1e", "1e+", ".5", "-x", "00000000000"] {
            #expect(JSONScannerTests.scanned(text) == nil, "\(text)")
        }
    }
}
