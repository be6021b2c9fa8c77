/// A name as `SymbolTable` compares it: its first sixteen UTF-8 bytes in two words (zero past
/// its end), its length and its hash, worked out once. A lookup compares these four words and
/// touches the String only for a name longer than sixteen bytes, so that finding a symbol or an
/// order id costs no retain, release or byte-by-byte comparison. `sizer` looks a signal's
/// symbol up in three tables, and its read-ahead thread makes the key while the stage works on
/// the line before.
struct SymbolKey: Sendable {
    let name: String
    let low: UInt64
    let high: UInt64
    let length: Int
    /// Lowest bit always set: a table marks its empty slots with 0.
    let hash: Int

    /// Names up to this long are compared by their words alone.
    static let packedLength = 16

    @inline(__always)
    init(_ name: String) {
        self.name = name
        var packed = (low: UInt64(0), high: UInt64(0), length: 0, hash: 0)
        let done: Void? = name.utf8.withContiguousStorageIfAvailable { bytes in packed = SymbolKey.pack(bytes) }
        if done == nil { packed = Array(name.utf8).withUnsafeBufferPointer(SymbolKey.pack) }
        (low, high, length, hash) = packed
    }

    /// The first two words, the length and the hash of `bytes`. The hash multiplies and folds
    /// each word in turn from a value drawn once per process, so that no stream can be written to
    /// make its names collide (nothing depends on a table's order: output stays the same from run
    /// to run), and names that differ in one digit (`o-z1017`, `o-z1018`) spread over the table.
    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (low: UInt64, high: UInt64, length: Int, hash: Int) {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return (0, 0, 0, Int(truncatingIfNeeded: mix(symbolTableSeed)) | 1) }
        let low = word(base, from: 0, count: count)
        let high = count > 8 ? word(base, from: 8, count: count) : 0
        var hash = mix(symbolTableSeed ^ UInt64(truncatingIfNeeded: count) ^ low)
        hash = mix(hash ^ high)
        var offset = 16
        while offset < count {
            hash = mix(hash ^ word(base, from: offset, count: count))
            offset &+= 8
        }
        return (low, high, count, Int(truncatingIfNeeded: hash) | 1)
    }

    /// Up to eight bytes from `offset`, little-endian, zero past the end. A short tail is read
    /// as two loads that overlap, not byte by byte.
    @inline(__always)
    static func word(_ base: UnsafePointer<UInt8>, from offset: Int, count: Int) -> UInt64 {
        let available = count &- offset
        let raw = UnsafeRawPointer(base + offset)
        if available >= 8 { return raw.loadUnaligned(as: UInt64.self) }
        if available >= 4 {
            let first = UInt64(raw.loadUnaligned(as: UInt32.self))
            let last = UInt64(raw.loadUnaligned(fromByteOffset: available &- 4, as: UInt32.self))
            return first | (last &>> UInt64(truncatingIfNeeded: (8 &- available) &* 8)) &<< 32
        }
        var word = UInt64(base[offset])
        if available > 1 { word |= UInt64(base[offset &+ 1]) &<< 8 }
        if available > 2 { word |= UInt64(base[offset &+ 2]) &<< 16 }
        return word
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value &* 0x9E37_79B9_7F4A_7C15
        return (product ^ product &>> 29) &* 0xBF58_476D_1CE4_E5B9
    }
}

/// Drawn at random once per process (see `SymbolKey.pack`).
private let symbolTableSeed = UInt64.random(in: .min ... .max)
