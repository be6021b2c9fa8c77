import Glibc

/// A parsed JSON line: the bytes it was parsed from and a flat array of nodes whose ranges point
/// into them. One document is reused for every line, so parsing allocates nothing once it has
/// grown to the largest record seen. The bytes are not copied: they must stay valid while the
/// document is used.
public final class JSONDocument {
    /// Deepest nesting accepted; records are shallow, and the cap keeps recursion bounded.
    public static let maximumDepth = 64

    public internal(set) var bytes: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
    /// The current document's nodes: `storage`, or nodes scanned by a read-ahead thread.
    var nodes: UnsafePointer<JSONNode>
    /// The nodes this document parses into, grown as needed.
    var storage: UnsafeMutablePointer<JSONNode>
    var nodeCapacity: Int
    public internal(set) var nodeCount = 0
    /// Scratch space for comparing escaped keys.
    var scratchA: [UInt8] = []
    /// Key node indices of the root object by hash slot (see `JSONDocument+MemberTable`).
    let memberTable: UnsafeMutablePointer<Int32>
    /// Whether the table describes the current document: unknown until the first root lookup.
    var memberTableState = MemberTableState.unbuilt

    enum MemberTableState { case unbuilt, built, unusable }

    /// The minute of the last time read from a record: the next record's `ts` is nearly always
    /// in the same one.
    public var times: TimestampCache {
        unsafeAddress { UnsafePointer(timeCache) }
        unsafeMutableAddress { timeCache }
    }
    // Both caches live outside the object, so that a reader (`FlatFields`) can hold them
    // without retaining the document for every time or symbol it reads.
    let timeCache: UnsafeMutablePointer<TimestampCache>
    /// The Strings of the symbols read lately (see `ShortStringCache`).
    let symbolCache: UnsafeMutablePointer<ShortStringCache>
    /// Where `FlatFields` keeps the values it reads from a line, by field number.
    let flatValues: UnsafeMutablePointer<FlatFields.Value>

    public init() {
        nodeCapacity = 64
        storage = .allocate(capacity: nodeCapacity)
        nodes = UnsafePointer(storage)
        memberTable = .allocate(capacity: JSONDocument.memberTableSlots)
        flatValues = .allocate(capacity: MemberIndex.capacity)
        timeCache = .allocate(capacity: 1)
        timeCache.initialize(to: TimestampCache())
        symbolCache = .allocate(capacity: 1)
        symbolCache.initialize(to: ShortStringCache())
    }

    deinit {
        storage.deallocate()
        memberTable.deallocate()
        flatValues.deallocate()
        timeCache.deinitialize(count: 1)
        timeCache.deallocate()
        symbolCache.deinitialize(count: 1)
        symbolCache.deallocate()
    }

    @inline(__always)
    public subscript(index: Int) -> JSONNode { nodes[index] }

    /// The root value's index.
    public var root: Int { 0 }

    /// The value of `key` in the object at `object`, or nil. The root object by default.
    @inline(__always)
    public func member(_ key: JSONKey, of object: Int = 0) -> Int? {
        let container = nodes[object]
        guard container.kind == .object else { return nil }
        let keyPointer = key.pointer
        let keyCount = key.count
        if object == 0 {
            if memberTableState == .unbuilt {
                // A record's first four members (`type`, ids and `ts`, as stages write them) are
                // searched before the table is built: a stage that reads only those (the type and
                // the event time of every line) never builds it.
                var index = 1
                for _ in 0..<min(Int(container.count), 4) {
                    let keyNode = nodes[index]
                    if !keyNode.hasEscapes && Int(keyNode.end &- keyNode.start) == keyCount
                        && key.matches(UnsafeBufferPointer(start: bytes.baseAddress! + Int(keyNode.start), count: keyCount)) {
                        return index &+ 1
                    }
                    index = Int(nodes[index &+ 1].next)
                }
                memberTableState = buildMemberTable() ? .built : .unusable
            }
            if memberTableState == .built { return rootMember(keyPointer, keyCount) }
        }
        var index = object + 1
        for _ in 0..<container.count {
            let keyNode = nodes[index]
            let value = index + 1
            if keyNode.hasEscapes {
                if decodedEquals(index, keyPointer, keyCount) { return value }
            } else if Int(keyNode.end - keyNode.start) == keyCount
                        && memcmp(bytes.baseAddress! + Int(keyNode.start), keyPointer, keyCount) == 0 {
                return value
            }
            index = Int(nodes[value].next)
        }
        return nil
    }

    /// Calls `body` with the index of each key node and its value node, in document order.
    public func forEachMember(of object: Int = 0, _ body: (_ key: Int, _ value: Int) throws -> Void) rethrows {
        let container = nodes[object]
        guard container.kind == .object else { return }
        var index = object + 1
        for _ in 0..<container.count {
            try body(index, index + 1)
            index = Int(nodes[index + 1].next)
        }
    }

    /// The element indices of the array at `array`.
    public func elements(of array: Int) -> [Int] {
        let container = nodes[array]
        guard container.kind == .array else { return [] }
        var result: [Int] = []
        result.reserveCapacity(Int(container.count))
        var index = array + 1
        for _ in 0..<container.count {
            result.append(index)
            index = Int(nodes[index].next)
        }
        return result
    }

    /// The bytes of a value: a string's contents without quotes (escapes not decoded), a number's
    /// text, or a container's whole text.
    @inline(__always)
    public func text(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let node = nodes[index]
        return UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.end)])
    }

    /// The bytes of a value as it stands in the line, quotes included: what a writer copies.
    @inline(__always)
    public func rawValue(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let node = nodes[index]
        if node.kind == .string {
            return UnsafeBufferPointer(rebasing: bytes[Int(node.start) - 1..<Int(node.end) + 1])
        }
        return text(index)
    }

    /// The byte range of a member, from its key's opening quote to the end of its value.
    public func memberRange(key: Int, value: Int) -> Range<Int> {
        let valueNode = nodes[value]
        let end = Int(valueNode.end) + (valueNode.kind == .string ? 1 : 0)
        return Int(nodes[key].start) - 1..<end
    }

    /// A string value decoded (escapes resolved), or nil if the value is not a string.
    public func string(_ index: Int) -> String? {
        let node = nodes[index]
        guard node.kind == .string else { return nil }
        if !node.hasEscapes { return JSONDocument.makeString(text(index)) }
        var decoded: [UInt8] = []
        decodeString(index, into: &decoded)
        return String(decoding: decoded, as: UTF8.self)
    }

    /// A String of UTF-8 bytes. Up to fifteen bytes (ids, names) the standard library builds the
    /// String in place and checks only that it is ASCII, where `String(decoding:as:)` would
    /// validate the bytes as UTF-8 first: most records carry one or two such ids.
    @inline(__always)
    static func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= 15, let base = bytes.baseAddress else { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { target in
            target.baseAddress!.update(from: base, count: bytes.count)
            return bytes.count
        }
    }

    /// A string value decoded, like `string(_:)`, for a value that repeats from record to record
    /// (a symbol): a short one is taken from the cache when it has been read before.
    @inline(__always)
    public func repeatedString(_ index: Int) -> String? {
        let node = nodes[index]
        guard node.kind == .string, !node.hasEscapes else { return string(index) }
        return symbolCache.pointee.string(text(index))
    }

    /// Whether a string value equals `literal` (after decoding escapes).
    @inline(__always)
    public func stringEquals(_ index: Int, _ literal: JSONKey) -> Bool {
        let node = nodes[index]
        guard node.kind == .string else { return false }
        if node.hasEscapes { return decodedEquals(index, literal.pointer, literal.count) }
        return Int(node.end - node.start) == literal.count
            && memcmp(bytes.baseAddress! + Int(node.start), literal.pointer, literal.count) == 0
    }

    /// A number's value as the scanner summed it: its coefficient and digits after the point;
    /// nil for other values and for numbers with an exponent or more than eighteen digits.
    @inline(__always)
    public func shortNumber(_ index: Int) -> (coefficient: Int64, scale: Int)? {
        let node = nodes[index]
        guard node.kind == .number && node.shortScale != JSONNode.noShortValue else { return nil }
        return (node.payload, Int(node.shortScale))
    }

    public func bool(_ index: Int) -> Bool? {
        let node = nodes[index]
        guard node.kind == .bool else { return nil }
        return bytes[Int(node.start)] == UInt8(ascii: "t")
    }

    private func decodedEquals(_ index: Int, _ pointer: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        decodeString(index, into: &scratchA)
        return scratchA.count == count && scratchA.withUnsafeBufferPointer { memcmp($0.baseAddress!, pointer, count) == 0 }
    }

    /// Decodes a validated string's escapes into UTF-8 bytes.
    public func decodeString(_ index: Int, into output: inout [UInt8]) {
        JSONDocument.decode(nodes[index], in: bytes, into: &output)
    }

    /// Decodes the escapes of a validated string node of `bytes`.
    static func decode(_ node: JSONNode, in bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        var i = Int(node.start)
        let end = Int(node.end)
        while i < end {
            let b = bytes[i]
            if b != UInt8(ascii: "\\") {
                output.append(b)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(JSONDocument.hex4(bytes, at: i))
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    let low = UInt32(JSONDocument.hex4(bytes, at: i + 2))
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                JSONDocument.appendUTF8(scalar, to: &output)
            default: output.append(e)
            }
        }
    }

    static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt16 {
        var value: UInt16 = 0
        for k in 0..<4 { value = value << 4 | UInt16(hexValue(bytes[i + k])) }
        return value
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8 {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return 0xFF
        }
    }

    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
