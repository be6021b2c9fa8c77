import Testing
@testable import SluiceCore

@Suite("Short string cache")
struct ShortStringCacheTests {
    /// Texts that differ in one byte, in length only, or past the fifteenth byte, asked for in
    /// turns and many more than the cache holds: each answer must be that text's own String.
    @Test func answersEachTextWithItsOwnString() {
        var cache = ShortStringCache()
        let texts = ["SPY", "SPY ", "SP", "spy", "BTC-USD", "BTC-USDT", "ÉTF", "A", "123456789012345",
                     "1234567890123456", "1234567890123457", ""] + (0..<2_000).map { "S\($0)" }
        for round in 0..<3 {
            for text in texts {
                var bytes = Array(text.utf8)
                let answer = bytes.withUnsafeMutableBufferPointer { cache.string(UnsafeBufferPointer($0)) }
                #expect(answer == text, "round \(round)")
            }
        }
    }

    /// A hundred symbols that differ only in three digits, asked for ten times each: nearly
    /// all of them must stay in the cache (a weak hash once left them on 37 slots).
    @Test func keepsSimilarSymbolsApart() {
        var cache = ShortStringCache()
        let symbols = (0..<100).map { n in "C" + String(repeating: "0", count: n < 10 ? 2 : n < 100 ? 1 : 0) + "\(n)-USD" }
        for _ in 0..<10 {
            for symbol in symbols {
                var bytes = Array(symbol.utf8)
                _ = bytes.withUnsafeMutableBufferPointer { cache.string(UnsafeBufferPointer($0)) }
            }
        }
        #expect(cache.misses < 130, "\(cache.misses) misses")
    }

    @Test func documentReadsRepeatedSymbolsThroughIt() throws {
        let document = JSONDocument()
        for line in [#"{"symbol":"SPY"}"#, #"{"symbol":"QQQ"}"#, #"{"symbol":"SPY"}"#, #"{"symbol":"S\u0050Y"}"#] {
            var bytes = Array(line.utf8)
            let symbol = try bytes.withUnsafeMutableBufferPointer { buffer in
                try document.parse(UnsafeBufferPointer(buffer))
                return document.repeatedString(document.member("symbol")!)
            }
            #expect(symbol == (line.contains("QQQ") ? "QQQ" : "SPY"), "\(line)")
        }
    }
}
