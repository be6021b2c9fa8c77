/// Digits read a word at a time, for the scanner's numbers and for whole numbers in text.
enum ASCIIDigits {
    /// The value of eight ASCII digits, nil if a byte is not one: validated and combined in a
    /// few word operations (the first digit is the lowest byte of the little-endian word).
    @inline(__always)
    static func eight(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian
        let high = word & 0xF0F0_F0F0_F0F0_F0F0
        let carried = (word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
        guard high | (carried >> 4) == 0x3333_3333_3333_3333 else { return nil }
        var value = ((word & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
        value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        return ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
    }
}
