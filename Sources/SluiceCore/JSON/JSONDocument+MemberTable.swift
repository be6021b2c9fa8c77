import Glibc

/// A small hash table of the root object's keys, built on the first lookup after a parse, so
/// that reading many fields of a record costs one pass over its members instead of one per field.
extension JSONDocument {
    /// Slots in the table (a power of two); records with more members than half of it, or with
    /// an escaped key, are searched linearly instead.
    static let memberTableSlots = 64

    @inline(__always)
    static func memberSlot(_ key: UnsafePointer<UInt8>, _ count: Int) -> Int {
        guard count > 0 else { return 0 }
        let mixed = count &* 0x9E37 ^ Int(key[0]) &* 0x3B ^ Int(key[count &- 1]) &* 0x65 ^ Int(key[count >> 1]) &* 0x1D
        return (mixed ^ (mixed >> 6)) & (memberTableSlots - 1)
    }

    /// Fills the table; false when the root cannot use one.
    func buildMemberTable() -> Bool {
        let root = nodes[0]
        guard root.kind == .object, Int(root.count) <= JSONDocument.memberTableSlots / 2 else { return false }
        memberTable.update(repeating: 0, count: JSONDocument.memberTableSlots)
        let base = bytes.baseAddress!
        var key = 1
        for _ in 0..<root.count {
            let node = nodes[key]
            if node.hasEscapes { return false }
            var slot = JSONDocument.memberSlot(base + Int(node.start), Int(node.end - node.start))
            while memberTable[slot] != 0 { slot = (slot &+ 1) & (JSONDocument.memberTableSlots - 1) }
            memberTable[slot] = Int32(truncatingIfNeeded: key)
            key = Int(nodes[key &+ 1].next)
        }
        return true
    }

    /// The value of `key` in the root object, through the table.
    @inline(__always)
    func rootMember(_ keyPointer: UnsafePointer<UInt8>, _ keyCount: Int) -> Int? {
        let base = bytes.baseAddress!
        var slot = JSONDocument.memberSlot(keyPointer, keyCount)
        while true {
            let key = Int(memberTable[slot])
            if key == 0 { return nil }
            let node = nodes[key]
            if Int(node.end &- node.start) == keyCount && memcmp(base + Int(node.start), keyPointer, keyCount) == 0 {
                return key &+ 1
            }
            slot = (slot &+ 1) & (JSONDocument.memberTableSlots - 1)
        }
    }
}

extension JSONDocument {
    /// Where each of `index`'s keys sits among the root's members, found in one pass: how a
    /// stage reads the few record types it sees on every line, instead of a lookup per field.
    /// A record with an escaped key (which may spell any name) is read by lookup instead.
    @inline(__always)
    func rootMembers(_ index: MemberIndex) -> MemberValues {
        var values = MemberValues()
        let root = nodes[0]
        guard root.kind == .object else { return values }
        let base = bytes.baseAddress!
        var key = 1
        for _ in 0..<root.count {
            let keyNode = nodes[key]
            if keyNode.hasEscapes { return rootMembersLookingUpEach(index) }
            let value = key &+ 1
            let field = index.field(signature: UInt64(bitPattern: keyNode.payload), text: base + Int(keyNode.start),
                                    count: Int(keyNode.end &- keyNode.start))
            if field >= 0 && nodes[value].kind != .null { values[field] = value }
            key = Int(nodes[value].next)
        }
        return values
    }

    /// Each key by lookup; a missing or null member stays 0 (the root).
    private func rootMembersLookingUpEach(_ index: MemberIndex) -> MemberValues {
        var values = MemberValues()
        for (field, key) in index.keys.enumerated() {
            if let value = member(key), nodes[value].kind != .null { values[field] = value }
        }
        return values
    }
}
