/// UTF-8 validation by RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
enum UTF8Sequence {
    /// Length of the valid multi-byte sequence starting at `i` (its lead byte is at least 0x80),
    /// or 0 when it is not valid UTF-8.
    @inline(__always)
    static func length(_ base: UnsafePointer<UInt8>, at i: Int, count: Int) -> Int {
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch base[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= count, base[i + 1] >= low, base[i + 1] <= high else { return 0 }
        var k = 2
        while k < length {
            guard base[i + k] >= 0x80 && base[i + k] <= 0xBF else { return 0 }
            k += 1
        }
        return length
    }
}
