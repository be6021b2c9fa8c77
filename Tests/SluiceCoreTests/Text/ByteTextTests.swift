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
        #expect(text + "!" == "plain; 7!")
    }
}
