/// The Strings last made from short byte strings (symbols), by their bytes: a stream names a
/// few symbols over and over, and making a String from bytes (validating them again) cost more
/// than finding the one made before. Direct-mapped and fixed in size, so a stream of a million
/// different symbols only replaces entries: memory stays the same.
struct ShortStringCache {
    /// Longest text kept: two words, and Swift keeps strings this short without allocating.
    static let maximumLength = 15
    private static let slotCount = 256

    private struct Entry {
        var words: (UInt64, UInt64)
        var length: Int
        var string: String
    }

    private var entries: [Entry?] = Array(repeating: nil, count: ShortStringCache.slotCount)

    /// The String of valid UTF-8 `text`.
    @inline(__always)
    mutating func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
        let length = text.count
        guard length > 0 && length <= ShortStringCache.maximumLength else { return String(decoding: text, as: UTF8.self) }
        let words = ShortStringCache.words(text)
        let mixed = (words.0 ^ words.1 &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: length)) &* 0xFF51_AFD7_ED55_8CCD
        let slot = Int(truncatingIfNeeded: mixed >> 56)
        if let entry = entries[slot], entry.length == length, entry.words == words { return entry.string }
        let string = String(decoding: text, as: UTF8.self)
        entries[slot] = Entry(words: words, length: length, string: string)
        return string
    }

    /// The bytes of a text of 1 to 15 bytes in two words, zero beyond its end.
    @inline(__always)
    private static func words(_ text: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: text.baseAddress!, byteCount: text.count) }
        return words
    }
}
