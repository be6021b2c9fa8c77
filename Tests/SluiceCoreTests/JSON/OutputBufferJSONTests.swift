import Testing
@testable import SluiceCore

@Suite("JSON writer")
struct JSONWriterTests {
    func written(_ body: (OutputBuffer) -> Void) -> String {
        let output = OutputBuffer(destination: .standardOutput)
        body(output)
        return output.contents
    }

    @Test func stringsAreEscaped() {
        #expect(written { $0.appendJSONString("a\"b\\c\n\t\u{1}é😀") } == #""a\"b\\c\n\t\u0001é😀""#)
    }

    /// Strings are scanned eight bytes at a time: a byte that needs escaping must be caught at
    /// every offset within a word and in the tail after the last whole word.
    @Test func escapesAreFoundAtEveryOffset() {
        for offset in 0..<20 {
            let plain = String(repeating: "a", count: offset)
            for (special, escaped) in [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{1F}", #"\u001f"#), ("é", "é")] {
                let text = plain + special + "bcdefghijk".prefix(offset % 11)
                let expected = "\"" + plain + escaped + "bcdefghijk".prefix(offset % 11) + "\""
                #expect(written { $0.appendJSONString(text) } == expected, "offset \(offset)")
            }
            let invalid = written { output in (Array(plain.utf8) + [0xFF] + Array("xyz".utf8)).withUnsafeBufferPointer { output.appendJSONString($0) } }
            #expect(invalid == "\"" + plain + "\u{FFFD}xyz\"")
        }
    }

    /// A word's static text must be its raw value, or a record would say something its reader
    /// refuses.
    @Test func staticWordsSpellTheirRawValues() {
        for side in OrderSide.allCases { #expect(side.jsonText.description == side.rawValue) }
        for kind in Order.Kind.allCases { #expect(kind.jsonText.description == kind.rawValue) }
        for intent in Order.Intent.allCases { #expect(intent.jsonText.description == intent.rawValue) }
    }

    @Test func wordsAndTextForPeopleAreWrittenAsTheyAre() {
        #expect(written { output in
            var object = JSONObjectWriter(output)
            object.word("type", "order")
            object.word("side", OrderSide.sell)
            object.string("sizing", "risk \(Decimal("0.5")!)% = \(Decimal("-0.0012")!) \"q\"" as ByteText)
            object.close()
        } == #"{"type":"order","side":"sell","sizing":"risk 0.5% = -0.0012 \"q\""}"#)
        #expect(written { output in
            var object = JSONObjectWriter(output)
            object.string("reason", "no \(Decimal(5)) \("NVDA") held × 2" as ByteText)
            object.string("note", "tab\tand \("back\\slash")" as ByteText)
            object.close()
        } == #"{"reason":"no 5 NVDA held × 2","note":"tab\tand back\\slash"}"#)
        var text: ByteText = "a"
        text += " b \(Decimal("1.50")!)"
        text += "; c"
        #expect(text.description == "a b 1.5; c")
    }

    @Test func invalidUTF8BecomesTheReplacementCharacter() {
        let text = written { output in
            [0x61, 0xFF, 0x62, 0xC3].withUnsafeBufferPointer { output.appendJSONString($0) }
        }
        #expect(text == "\"a\u{FFFD}b\u{FFFD}\"")
    }

    /// A long text is escaped in pieces of 16 KiB: a character, an escape or an invalid byte
    /// must come out the same wherever a piece would end.
    @Test func aLongTextIsEscapedTheSameAcrossItsPieces() {
        func escaped(_ text: String) -> String {
            text.unicodeScalars.map { scalar in
                switch scalar {
                case "\"": #"\""#
                case "\\": #"\\"#
                case "\n": #"\n"#
                case "\u{1}": #"\u0001"#
                default: String(scalar)
                }
            }.joined()
        }
        let piece = 16 * 1024
        for offset in 0..<6 {
            let plain = String(repeating: "a", count: piece - offset)
            let text = plain + "😀é\u{1}\"\n\\" + plain + "€"
            #expect(written { $0.appendJSONString(text) } == "\"" + escaped(text) + "\"", "offset \(offset)")
            // Lone continuation bytes, four of them at most in a row, each replaced on its own.
            let stray: [UInt8] = [0x80, 0xBF, 0x80, 0xBF, 0xFF, 0x62]
            let invalid = written { output in (Array(plain.utf8) + stray + Array(plain.utf8)).withUnsafeBufferPointer { output.appendJSONString($0) } }
            #expect(invalid == "\"" + plain + String(repeating: "\u{FFFD}", count: 5) + "b" + plain + "\"", "offset \(offset)")
        }
    }

    @Test func objectsAreCompactAndOrdered() throws {
        let document = try parseJSON(#"{"keep": [1, 2], "x":"y"}"#).get()
        let text = written { output in
            var object = JSONObjectWriter(output)
            object.string("type", "bar")
            object.integer("n", -42)
            object.decimal("price", Decimal("0.011000")!)
            object.timestamp("ts", Timestamp(milliseconds: 1_709_303_400_250))
            object.bool("ok", true)
            document.forEachMember { key, value in object.member(from: document, key: key, value: value) }
            object.key(named: "adj close")
            output.append("1")
            object.close()
        }
        #expect(text == #"{"type":"bar","n":-42,"price":0.011,"ts":"2024-03-01T14:30:00.250Z","ok":true,"keep": [1, 2],"x":"y","adj close":1}"#)
    }

    @Test func integersAreWrittenWithoutStrings() {
        #expect(written { $0.append(integer: Int64.min) } == "-9223372036854775808")
        #expect(written { $0.append(integer: 0) } == "0")
        #expect(written { $0.append(integer: Int64.max) } == "9223372036854775807")
    }
}
