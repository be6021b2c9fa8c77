/// The keys of one record type, placed by a perfect hash of the signature the parser keeps for
/// each key (`JSONKey.signature`: length and first six bytes). Reading a record's members in one
/// pass then costs a multiply, a shift and one comparison per member, whichever key it is,
/// instead of a comparison with each candidate key of the same length.
///
/// Made once per record type, at first use, and kept for the life of the process.
final class MemberIndex: @unchecked Sendable {
    /// The most keys an index holds (`MemberValues` has room for this many).
    static let capacity = 16
    private static let slotBits = 6
    private static let slotCount = 1 << slotBits

    private struct Slot {
        /// `UInt64.max` in an empty slot: a key's signature has at most six bytes of text, and
        /// the parser refuses the byte 0xFF in a key.
        var signature = UInt64.max
        var field: Int32 = 0
        var count: Int32 = 0
        var text: UnsafePointer<UInt8>?
    }

    let keys: [JSONKey]
    private let multiplier: UInt64
    /// Written once, in `init`; only read after, from any thread.
    private let slots: UnsafeMutablePointer<Slot>
    /// Each key with its closing quote, by field number, as two little-endian words and the
    /// masks of the bytes they hold (none for a key of more than fifteen bytes), for
    /// `quotedKeyLength(_:at:)`.
    private let quotedKeys: UnsafeMutablePointer<(low: UInt64, high: UInt64, lowMask: UInt64, highMask: UInt64, length: Int)>

    /// An index of `keys`, whose position in the array is their field number. Two keys with
    /// the same length and first six bytes cannot be told apart by signature, and are a
    /// programming error.
    init(_ keys: [JSONKey]) {
        precondition(keys.count <= MemberIndex.capacity, "more keys than MemberValues holds")
        precondition(Set(keys.map(\.signature)).count == keys.count, "two keys share a signature")
        self.keys = keys
        slots = .allocate(capacity: MemberIndex.slotCount)
        // Odd multipliers tried in turn: one in six places fifteen keys apart in 64 slots, and
        // more than half place a fill's nine.
        var multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        while !MemberIndex.place(keys, by: multiplier, into: slots) { multiplier &+= 0x6A09_E667_F3BC_C908 }
        self.multiplier = multiplier
        quotedKeys = .allocate(capacity: keys.count)
        for (field, key) in keys.enumerated() {
            var words: (low: UInt64, high: UInt64, lowMask: UInt64, highMask: UInt64, length: Int) = (0, 0, 0, 0, key.count)
            let quoted = Array(UnsafeBufferPointer(start: key.pointer, count: key.count)) + [UInt8(ascii: "\"")]
            if quoted.count <= 16 {
                for (k, byte) in quoted.enumerated() {
                    if k < 8 {
                        words.low |= UInt64(byte) << (k * 8)
                        words.lowMask |= 0xFF << (k * 8)
                    } else {
                        words.high |= UInt64(byte) << ((k - 8) * 8)
                        words.highMask |= 0xFF << ((k - 8) * 8)
                    }
                }
            }
            (quotedKeys + field).initialize(to: words)
        }
    }

    deinit {
        slots.deallocate()
        quotedKeys.deallocate()
    }

    /// The length of the key of `field` when it stands at `text` followed by its closing quote,
    /// else -1: one comparison or two, for a record whose keys come in the index's order, as
    /// stages write them. Sixteen bytes from `text` must be readable.
    @inline(__always)
    func quotedKeyLength(_ field: Int, at text: UnsafePointer<UInt8>) -> Int {
        let key = quotedKeys[field]
        let raw = UnsafeRawPointer(text)
        guard key.lowMask != 0, raw.loadUnaligned(as: UInt64.self).littleEndian & key.lowMask == key.low,
              raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian & key.highMask == key.high else { return -1 }
        return key.length
    }

    private static func place(_ keys: [JSONKey], by multiplier: UInt64, into slots: UnsafeMutablePointer<Slot>) -> Bool {
        slots.initialize(repeating: Slot(), count: slotCount)
        for (field, key) in keys.enumerated() {
            let slot = slots + slotIndex(key.signature, multiplier)
            guard slot.pointee.signature == .max else { return false }
            slot.pointee = Slot(signature: key.signature, field: Int32(field), count: Int32(key.count), text: key.pointer)
        }
        return true
    }

    @inline(__always)
    private static func slotIndex(_ signature: UInt64, _ multiplier: UInt64) -> Int {
        Int(truncatingIfNeeded: (signature &* multiplier) &>> UInt64(64 &- slotBits))
    }

    /// The field number of the key spelled by the `count` bytes at `text`, whose signature is
    /// `signature`; -1 when it is none of the keys.
    @inline(__always)
    func field(signature: UInt64, text: UnsafePointer<UInt8>, count: Int) -> Int {
        let slot = slots[MemberIndex.slotIndex(signature, multiplier)]
        guard slot.signature == signature, Int(slot.count) == count else { return -1 }
        if count > 6, let key = slot.text {
            for k in 6..<count where text[k] != key[k] { return -1 }
        }
        return Int(slot.field)
    }
}

/// Where each field of a record sits in its document, by field number (`MemberIndex`): the
/// index of the member's value node, or 0 (the root) when it is absent or null.
struct MemberValues {
    private var storage: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    @inline(__always)
    subscript(field: Int) -> Int {
        get { withUnsafeBytes(of: storage) { $0.load(fromByteOffset: field &* MemoryLayout<Int>.stride, as: Int.self) } }
        set { withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: newValue, toByteOffset: field &* MemoryLayout<Int>.stride, as: Int.self) } }
    }
}
