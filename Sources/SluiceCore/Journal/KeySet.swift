import Glibc

/// A set of byte strings kept exactly in little memory: the strings one after another in one
/// buffer (each after its length), and an open-addressing table of their offsets. A ledger's
/// ids cost their bytes and about eight more each, against forty or more for a set of strings;
/// what is asked is compared byte for byte, so no id is ever taken for another.
struct KeySet {
    /// Each key as a 4-byte little-endian length, then its bytes.
    private var storage: [UInt8] = []
    /// Offset of a key in `storage` plus one; 0 is an empty slot. A power of two long.
    private var slots = [UInt32](repeating: 0, count: 1024)
    private(set) var count = 0

    /// Adds `key`; false if it was there already.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: KeySet.hash(key)) & mask
        while slots[slot] != 0 {
            if matches(Int(slots[slot]) - 1, key) { return false }
            slot = (slot + 1) & mask
        }
        precondition(storage.count + key.count + 4 < Int(UInt32.max), "more than 4 GiB of ledger keys")
        slots[slot] = UInt32(storage.count + 1)
        withUnsafeBytes(of: UInt32(key.count).littleEndian) { storage.append(contentsOf: $0) }
        storage.append(contentsOf: key)
        count += 1
        // At most seven slots in ten taken, so that probes stay short.
        if count * 10 > slots.count * 7 { grow() }
        return true
    }

    private func matches(_ offset: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        storage.withUnsafeBufferPointer { all in
            let length = KeySet.length(at: offset, in: all)
            guard length == key.count else { return false }
            return length == 0 || memcmp(all.baseAddress! + offset + 4, key.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        var grown = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        storage.withUnsafeBufferPointer { all in
            for offsetPlusOne in slots where offsetPlusOne != 0 {
                let offset = Int(offsetPlusOne) - 1
                let length = KeySet.length(at: offset, in: all)
                var slot = Int(truncatingIfNeeded: KeySet.hash(UnsafeBufferPointer(rebasing: all[(offset + 4)..<(offset + 4 + length)]))) & mask
                while grown[slot] != 0 { slot = (slot + 1) & mask }
                grown[slot] = offsetPlusOne
            }
        }
        slots = grown
    }

    /// The length written before the key at `offset`.
    private static func length(at offset: Int, in storage: UnsafeBufferPointer<UInt8>) -> Int {
        Int(UInt32(storage[offset]) | UInt32(storage[offset + 1]) << 8 | UInt32(storage[offset + 2]) << 16 | UInt32(storage[offset + 3]) << 24)
    }

    /// FNV-1a, then a final mix so that the low bits the table uses depend on every byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        return h ^ (h >> 33)
    }
}
