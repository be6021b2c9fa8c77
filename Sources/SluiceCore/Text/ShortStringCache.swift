/// The Strings last made from short byte strings (symbols), by their bytes: a stream names a
/// few symbols over and over, and making a String from bytes (validating them again) cost more
/// than finding the one made before. Direct-mapped and fixed in size, so a stream of a million
/// different symbols only replaces entries: memory stays the same.
struct ShortStringCache {
    /// Longest text kept: two words, and Swift keeps strings this short without allocating.
    static let maximumLength = 15
    /// Enough slots that a few hundred symbols seldom share one (about 130 KB).
    private static let slotCount = 4096

    /// Each slot's text as two words (zero beyond its end) and its length, 0 when empty.
    private var words = [UInt64](repeating: 0, count: 2 * ShortStringCache.slotCount)
    private var lengths = [Int](repeating: 0, count: ShortStringCache.slotCount)
    private var strings = [String](repeating: "", count: ShortStringCache.slotCount)
    /// Texts not found, for tests of how well the slots spread.
    private(set) var misses = 0

    /// The String of valid UTF-8 `text`.
    @inline(__always)
    mutating func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
        let length = text.count
        guard length > 0 && length <= ShortStringCache.maximumLength else { return String(decoding: text, as: UTF8.self) }
        let low = SymbolKey.word(text.baseAddress!, from: 0, count: length)
        let high = length > 8 ? SymbolKey.word(text.baseAddress!, from: 8, count: length) : 0
        // Multiply, fold the high bits down, multiply again: symbols that differ only in a few
        // digits (`C017-USD`) must land in different slots, and one multiplication left most
        // of them on a few dozen.
        var mixed = (low ^ high &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: length)) &* 0xFF51_AFD7_ED55_8CCD
        mixed = (mixed ^ mixed >> 29) &* 0xC4CE_B9FE_1A85_EC53
        let slot = Int(truncatingIfNeeded: mixed >> 52)
        if lengths[slot] == length && words[2 &* slot] == low && words[2 &* slot &+ 1] == high { return strings[slot] }
        misses &+= 1
        let string = JSONDocument.makeString(text)
        lengths[slot] = length
        words[2 &* slot] = low
        words[2 &* slot &+ 1] = high
        strings[slot] = string
        return string
    }
}
