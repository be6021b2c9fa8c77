/// Random numbers that are a pure function of their inputs (FNV-1a over the words, then the
/// SplitMix64 finalizer), so that what a replay draws never depends on what was drawn before.
enum StableRandom {
    static func bits(seed: UInt64, _ words: String..., number: Int64) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for word in words {
            for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0xff) &* 0x100_0000_01b3
        }
        var z = hash &+ UInt64(bitPattern: number) &* 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    static func unit(seed: UInt64, _ kind: String, _ subject: String, _ number: Int64) -> Double {
        Double(bits(seed: seed, kind, subject, number: number) >> 11) / Double(1 << 53)
    }
}
