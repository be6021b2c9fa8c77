import Testing
@testable import SluiceCore

@Suite("ledger keys")
struct KeySetTests {
    func insert(_ set: inout KeySet, _ key: String) -> Bool {
        var bytes = Array(key.utf8)
        return bytes.withUnsafeMutableBufferPointer { set.insert(UnsafeBufferPointer($0)) }
    }

    @Test func eachKeyOnceAcrossGrowth() {
        var set = KeySet()
        // Enough to make the table grow several times; ids that share prefixes and lengths.
        for n in 0..<50_000 { #expect(insert(&set, "o-s-\(n)-fill-1")) }
        for n in stride(from: 0, to: 50_000, by: 7) { #expect(!insert(&set, "o-s-\(n)-fill-1")) }
        #expect(set.count == 50_000)
        #expect(insert(&set, "o-s-50000-fill-1") && set.count == 50_001)
    }

    @Test func keysAreComparedByteForByte() {
        var set = KeySet()
        #expect(insert(&set, ""))
        #expect(!insert(&set, ""))
        #expect(insert(&set, "a") && insert(&set, "aa") && insert(&set, "a\u{0}") && insert(&set, "é"))
        #expect(!insert(&set, "aa") && !insert(&set, "a\u{0}"))
        let long = String(repeating: "x", count: 100_000)
        #expect(insert(&set, long) && !insert(&set, long) && insert(&set, long + "y"))
        #expect(set.count == 7)
    }
}
