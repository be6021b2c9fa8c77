import Testing
@testable import SluiceCore

@Suite("Text for people")
struct ByteTextTests {
    /// Every kind of piece, and a text long enough to outgrow the inline buffer part way through
    /// a piece: what it holds must be what a String would.
    @Test func interpolationWritesWhatAStringWould() {
        let decimal = Decimal("-1234.5600")!
        let huge = Decimal("123456789012345678901234567890.5")!
        let ts = Timestamp(milliseconds: 1_709_303_400_250)
        for repeats in [0, 1, 5, 9, 30] {
            let filler = String(repeating: "é-", count: repeats)
            let text: ByteText = "\(filler)a \(decimal) b \(huge) c \(42) d \(ts) e \(seconds: 1_500) f \(filler) g \(ByteText(text: "x\"y")) h \(UInt8(200))"
            let expected = "\(filler)a -1234.56 b 123456789012345678901234567890.5 c 42 d 2024-03-01T14:30:00.250Z e 1.5s f \(filler) g x\"y h 200"
            #expect(text.description == expected, "\(repeats)")
            #expect(text.bytes == Array(expected.utf8))
        }
    }

    @Test func literalsAndJoins() {
        let empty: ByteText = ""
        #expect(empty.bytes.isEmpty)
        var text: ByteText = "plain"
        text += "; \(Decimal(7))"
        #expect(text == "plain; 7")
        text += "!"
        #expect(text == "plain; 7!")
    }

    /// A sizing is the kept words of the share of equity with the stop distance, price or ATR
    /// appended: the same text interpolation makes, whatever the decimal's size or sign.
    @Test func appendsADecimalAsInterpolationDoes() {
        for text in ["0.1000", "-0.000042", "18446744073709551615", "18446744073709551616.25", "-123456789012345678901234567890.5"] {
            let value = Decimal(text)!
            var appended: ByteText = "risk 1% of equity 100000 = 1000 over a stop distance of "
            appended.append(value)
            let interpolated: ByteText = "risk 1% of equity 100000 = 1000 over a stop distance of \(value)"
            #expect(appended == interpolated, "\(text)")
            #expect(appended.description == "risk 1% of equity 100000 = 1000 over a stop distance of \(value.description)")
            #expect(!appended.needsEscaping)
        }
    }

    /// A text is copied into JSON as it is only when no part of it has a byte to escape: a
    /// quote, a backslash or a control character in a literal, a String, or a text joined on
    /// must each send it through escaping.
    @Test func notesWhetherItHoldsAByteToEscape() {
        let plain: ByteText = "risk \(Decimal("0.5")!)% of equity × \(Decimal(100)) for \("NVDA") at \(Timestamp(milliseconds: 0))"
        #expect(!plain.needsEscaping)
        let literals: [ByteText] = ["say \"q\"", "a\\b", "tab\there", "\(Decimal(1)) then \"q\""]
        for text in literals { #expect(text.needsEscaping, "\(text)") }
        #expect(("symbol \("A\"B")" as ByteText).needsEscaping)
        #expect(("line \("1\n2")" as ByteText).needsEscaping)
        #expect(ByteText(text: "back\\slash").needsEscaping)
        #expect(!ByteText(text: "é-ü, plain").needsEscaping)
        var joined: ByteText = "plain"
        joined += "; \("q\"")"
        #expect(joined.needsEscaping)
        var control: ByteText = "plain"
        control += ByteText(text: "\u{1}")
        #expect(control.needsEscaping)
    }

    /// Every position of a quote, backslash or control byte in texts of 1 to 20 bytes, so that
    /// each eight-byte word and each byte of the tail is checked; bytes above 0x7F next to them
    /// are never mistaken for one.
    @Test func findsAByteToEscapeAnywhere() {
        for length in 1...20 {
            for position in 0..<length {
                for special: UInt8 in [0x22, 0x5C, 0x00, 0x0A, 0x1F] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = special
                    #expect(bytes.withUnsafeBufferPointer { ByteCursor.hasByteToEscape($0) }, "\(length) \(position) \(special)")
                }
                var high = [UInt8](repeating: 0xC3, count: length)
                high[position] = UInt8(ascii: " ")
                #expect(!high.withUnsafeBufferPointer { ByteCursor.hasByteToEscape($0) }, "\(length) \(position)")
            }
        }
    }
}
