import Glibc

extension JSONDocument {
    /// Parses one JSON text (RFC 8259, strictly): UTF-8 validated, every escape checked, lone
    /// surrogates, NaN, Infinity, leading zeros, trailing garbage and duplicate keys refused,
    /// nesting capped at `maximumDepth`.
    public func parse(_ line: UnsafeBufferPointer<UInt8>) throws(JSONError) {
        bytes = line
        nodeCount = 0
        memberTableState = .unbuilt
        // Back to our own nodes from any borrowed ones, even when the line is refused at once.
        nodes = UnsafePointer(storage)
        guard let base = line.baseAddress, line.count > 0 else { throw JSONError("expected a value", at: 0) }
        var parser = JSONParser(base: base, count: line.count, nodes: storage, capacity: nodeCapacity)
        defer {
            storage = parser.nodes
            nodes = UnsafePointer(storage)
            nodeCapacity = parser.capacity
            nodeCount = parser.nodeCount
        }
        try parser.parseDocument()
    }

    /// Parses a line that must hold a JSON object, as every record does.
    public func parseObject(_ line: UnsafeBufferPointer<UInt8>) throws(JSONError) {
        try parse(line)
        if nodes[0].kind != .object {
            throw JSONError("expected a JSON object", at: Int(nodes[0].start) - (nodes[0].kind == .string ? 1 : 0))
        }
    }

    /// Parses an input line that must hold a JSON object, or takes the nodes a read-ahead thread
    /// already scanned for it (the same nodes the parse would make), without copying them: they
    /// stay valid as long as the line's bytes.
    public func parseObject(_ line: InputLine) throws(JSONError) {
        guard let scanned = line.scannedNodes, let first = scanned.baseAddress else { return try parseObject(line.bytes) }
        nodes = first
        bytes = line.bytes
        nodeCount = scanned.count
        memberTableState = .unbuilt
    }
}

private let quote = UInt8(ascii: "\"")

/// The recursive-descent parser behind `JSONDocument.parse`: `JSONScanner` finds where each
/// value ends, and the parser appends its nodes.
///
/// It holds the document's node storage while it runs, so that appending a node is a plain store
/// into a value it owns, with no exclusivity check on a class property per node.
///
/// Positions and node indices are bounded by the line length (a few times 16 MiB at most), so
/// the parser uses wrapping arithmetic and truncating conversions on them.
struct JSONParser {
    let base: UnsafePointer<UInt8>
    let count: Int
    var nodes: UnsafeMutablePointer<JSONNode>
    var capacity: Int
    var nodeCount = 0
    var position = 0
    var depth = 0

    init(base: UnsafePointer<UInt8>, count: Int, nodes: UnsafeMutablePointer<JSONNode>, capacity: Int) {
        self.base = base
        self.count = count
        self.nodes = nodes
        self.capacity = capacity
    }

    var scanner: JSONScanner { JSONScanner(base: base, count: count) }

    @inline(__always)
    mutating func appendNode(_ node: JSONNode) -> Int {
        if nodeCount == capacity { grow(toHold: nodeCount &+ 1) }
        nodes[nodeCount] = node
        nodeCount &+= 1
        return nodeCount &- 1
    }

    /// Doubles the node storage until it holds `needed` nodes.
    @inline(never)
    mutating func grow(toHold needed: Int) {
        var grownCapacity = capacity
        while grownCapacity < needed { grownCapacity *= 2 }
        let grown = UnsafeMutablePointer<JSONNode>.allocate(capacity: grownCapacity)
        grown.moveInitialize(from: nodes, count: nodeCount)
        nodes.deallocate()
        nodes = grown
        capacity = grownCapacity
    }

    mutating func parseDocument() throws(JSONError) {
        skipWhitespace()
        try parseValue()
        skipWhitespace()
        if position < count { throw JSONError("unexpected text after the JSON value", at: position) }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        position = scanner.skipWhitespace(from: position)
    }

    @inline(__always)
    func peek() -> UInt8? { position < count ? base[position] : nil }

    mutating func parseValue() throws(JSONError) {
        guard position < count else { throw JSONError("unexpected end of line, expected a value", at: position) }
        switch base[position] {
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case quote: try parseString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        case UInt8(ascii: "t"): try parseLiteral("true", kind: .bool)
        case UInt8(ascii: "f"): try parseLiteral("false", kind: .bool)
        case UInt8(ascii: "n"): try parseLiteral("null", kind: .null)
        case UInt8(ascii: "N"): throw JSONError("NaN is not a JSON number", at: position)
        case UInt8(ascii: "I"): throw JSONError("Infinity is not a JSON number", at: position)
        default: throw JSONError("expected a value", at: position)
        }
    }

    mutating func parseLiteral(_ literal: StaticString, kind: JSONNode.Kind) throws(JSONError) {
        let length = literal.utf8CodeUnitCount
        guard position + length <= count, memcmp(base + position, literal.utf8Start, length) == 0 else {
            throw JSONError("expected a value", at: position)
        }
        _ = appendNode(JSONNode(kind: kind, start: Int32(truncatingIfNeeded: position),
                                end: Int32(truncatingIfNeeded: position &+ length), next: Int32(truncatingIfNeeded: nodeCount &+ 1)))
        position &+= length
    }

    mutating func enter() throws(JSONError) {
        depth += 1
        if depth > JSONDocument.maximumDepth {
            throw JSONError("nesting deeper than \(JSONDocument.maximumDepth) levels", at: position)
        }
    }

    /// The member loop keeps the position, the scanner and the node storage in locals, so that
    /// they stay in registers; they go back to `self` only around a nested object or array,
    /// which appends its own nodes. The storage itself only ever changes in `grow`, which
    /// updates `self`, so that an error leaves nothing for `self` to lose.
    mutating func parseObject() throws(JSONError) {
        try enter()
        let index = appendNode(JSONNode(kind: .object, start: Int32(truncatingIfNeeded: position), end: 0, next: 0))
        let scanner = self.scanner
        let base = self.base, count = self.count
        var nodes = self.nodes
        var capacity = self.capacity
        var nodeCount = self.nodeCount
        var p = scanner.skipWhitespace(from: position &+ 1)
        var members: Int32 = 0
        var keysSeen = KeySignatureBits()
        var mayRepeatAKey = false
        if p < count && base[p] == UInt8(ascii: "}") {
            p &+= 1
        } else {
            while true {
                guard p < count && base[p] == quote else {
                    let expected = members == 0 ? "a string key or '}'" : "a string key"
                    throw JSONError(p < count ? "expected \(expected)" : "unexpected end of line, expected \(expected)", at: p)
                }
                let keyStart = p &+ 1
                let key = try scanner.stringEnd(from: keyStart)
                // Room for the key and a scalar value at once.
                if capacity &- nodeCount < 2 {
                    self.nodeCount = nodeCount
                    grow(toHold: nodeCount &+ 2)
                    nodes = self.nodes
                    capacity = self.capacity
                }
                let signature = scanner.keySignature(start: keyStart, length: key.end &- keyStart)
                nodes[nodeCount] = JSONNode(kind: .string, hasEscapes: key.escapes, start: Int32(truncatingIfNeeded: keyStart),
                                            end: Int32(truncatingIfNeeded: key.end), next: Int32(truncatingIfNeeded: nodeCount &+ 1),
                                            payload: Int64(bitPattern: signature))
                nodeCount &+= 1
                // An escaped key may spell any other key, so it always takes the full check.
                if keysSeen.insert(signature) || key.escapes { mayRepeatAKey = true }
                p = key.end &+ 1
                // Records are written compact: each step looks for its byte first, and skips
                // whitespace only when it is not there.
                if p >= count || base[p] != UInt8(ascii: ":") {
                    p = scanner.skipWhitespace(from: p)
                    guard p < count && base[p] == UInt8(ascii: ":") else {
                        throw JSONError(p < count ? "expected ':'" : "unexpected end of line, expected ':'", at: p)
                    }
                }
                p &+= 1
                var first = p < count ? base[p] : 0
                if first <= 0x20 {
                    p = scanner.skipWhitespace(from: p)
                    first = p < count ? base[p] : 0
                }
                // Strings and numbers, the common values, are scanned here without a call.
                if first == quote {
                    let value = try scanner.stringEnd(from: p &+ 1)
                    nodes[nodeCount] = JSONNode(kind: .string, hasEscapes: value.escapes, start: Int32(truncatingIfNeeded: p &+ 1),
                                                end: Int32(truncatingIfNeeded: value.end), next: Int32(truncatingIfNeeded: nodeCount &+ 1))
                    nodeCount &+= 1
                    p = value.end &+ 1
                } else if first == UInt8(ascii: "-") || first &- UInt8(ascii: "0") <= 9 {
                    let number = try scanner.number(from: p)
                    nodes[nodeCount] = JSONNode(kind: .number, start: Int32(truncatingIfNeeded: p), end: Int32(truncatingIfNeeded: number.end),
                                                next: Int32(truncatingIfNeeded: nodeCount &+ 1), shortScale: number.shortScale,
                                                payload: number.coefficient)
                    nodeCount &+= 1
                    p = number.end
                } else {
                    self.nodeCount = nodeCount
                    position = p
                    try parseValue()
                    p = position
                    nodes = self.nodes
                    capacity = self.capacity
                    nodeCount = self.nodeCount
                }
                members &+= 1
                if p >= count || base[p] <= 0x20 { p = scanner.skipWhitespace(from: p) }
                guard p < count else { throw JSONError("unexpected end of line, expected ',' or '}'", at: p) }
                let b = base[p]
                p &+= 1
                if b == UInt8(ascii: ",") {
                    if p < count && base[p] <= 0x20 { p = scanner.skipWhitespace(from: p) }
                    continue
                }
                if b == UInt8(ascii: "}") { break }
                throw JSONError("expected ',' or '}'", at: p &- 1)
            }
        }
        self.nodeCount = nodeCount
        position = p
        nodes[index].end = Int32(truncatingIfNeeded: p)
        nodes[index].next = Int32(truncatingIfNeeded: nodeCount)
        nodes[index].payload = Int64(members)
        if mayRepeatAKey { try checkDuplicateKeys(object: index, members: Int(members)) }
        depth -= 1
    }

    mutating func parseArray() throws(JSONError) {
        try enter()
        let index = appendNode(JSONNode(kind: .array, start: Int32(truncatingIfNeeded: position), end: 0, next: 0))
        position &+= 1
        skipWhitespace()
        var elements: Int32 = 0
        if peek() == UInt8(ascii: "]") {
            position &+= 1
        } else {
            while true {
                try parseValue()
                elements += 1
                skipWhitespace()
                guard let b = peek() else { throw JSONError("unexpected end of line, expected ',' or ']'", at: position) }
                position &+= 1
                if b == UInt8(ascii: ",") { skipWhitespace(); continue }
                if b == UInt8(ascii: "]") { break }
                throw JSONError("expected ',' or ']'", at: position - 1)
            }
        }
        nodes[index].end = Int32(truncatingIfNeeded: position)
        nodes[index].next = Int32(truncatingIfNeeded: nodeCount)
        nodes[index].payload = Int64(elements)
        depth -= 1
    }

    mutating func parseString() throws(JSONError) {
        let start = position &+ 1
        let string = try scanner.stringEnd(from: start)
        _ = appendNode(JSONNode(kind: .string, hasEscapes: string.escapes, start: Int32(truncatingIfNeeded: start),
                                end: Int32(truncatingIfNeeded: string.end), next: Int32(truncatingIfNeeded: nodeCount &+ 1)))
        position = string.end &+ 1
    }

    mutating func parseNumber() throws(JSONError) {
        let number = try scanner.number(from: position)
        _ = appendNode(JSONNode(kind: .number, start: Int32(truncatingIfNeeded: position), end: Int32(truncatingIfNeeded: number.end),
                                next: Int32(truncatingIfNeeded: nodeCount &+ 1), shortScale: number.shortScale, payload: number.coefficient))
        position = number.end
    }

    /// For an object whose keys may repeat (`KeySignatureBits`). Objects of up to 16 members
    /// without escaped keys go through a signature table; the others sort their decoded keys, so
    /// a hostile line with many keys costs n log n, not n².
    func checkDuplicateKeys(object: Int, members: Int) throws(JSONError) {
        if members <= 16 {
            // Equal keys have equal signatures (length and first six bytes). Signatures go into a
            // 32-slot table on the stack, its occupancy in one word; only keys that land on an
            // equal signature are compared in full, so a typical record costs one probe per key.
            var duplicate: Int?
            var escaped = false
            withUnsafeTemporaryAllocation(of: (signature: UInt64, key: Int32).self, capacity: 32) { table in
                var occupied: UInt32 = 0
                var key = object &+ 1
                for _ in 0..<members {
                    // An escaped key may spell any other key: those objects take the decoded path.
                    if nodes[key].hasEscapes {
                        escaped = true
                        return
                    }
                    let signature = UInt64(bitPattern: nodes[key].payload)
                    var slot = Int(truncatingIfNeeded: (signature &* 0x9E37_79B9_7F4A_7C15) >> 59)
                    while occupied & (1 << slot) != 0 {
                        if table[slot].signature == signature && keysEqual(Int(table[slot].key), key) {
                            duplicate = key
                            return
                        }
                        slot = (slot &+ 1) & 31
                    }
                    occupied |= 1 << slot
                    table[slot] = (signature, Int32(truncatingIfNeeded: key))
                    key = Int(nodes[key &+ 1].next)
                }
            }
            if let duplicate { throw self.duplicate(duplicate) }
            if !escaped { return }
        }
        var keys: [Int] = []
        keys.reserveCapacity(members)
        var key = object + 1
        for _ in 0..<members {
            keys.append(key)
            key = Int(nodes[key + 1].next)
        }
        var decoded: [([UInt8], Int)] = keys.map { key in (self.decoded(key), key) }
        decoded.sort { lhs, rhs in
            lhs.0.lexicographicallyPrecedes(rhs.0) || (lhs.0 == rhs.0 && lhs.1 < rhs.1)
        }
        for i in 1..<decoded.count where decoded[i].0 == decoded[i - 1].0 {
            throw duplicate(decoded[i].1)
        }
    }

    @inline(__always)
    func keysEqual(_ a: Int, _ b: Int) -> Bool {
        let na = nodes[a], nb = nodes[b]
        if !na.hasEscapes && !nb.hasEscapes {
            let length = Int(na.end - na.start)
            return length == Int(nb.end - nb.start) && memcmp(base + Int(na.start), base + Int(nb.start), length) == 0
        }
        return decoded(a) == decoded(b)
    }

    func decoded(_ key: Int) -> [UInt8] {
        var text: [UInt8] = []
        JSONDocument.decode(nodes[key], in: UnsafeBufferPointer(start: base, count: count), into: &text)
        return text
    }

    func duplicate(_ key: Int) -> JSONError {
        let name = String(decoding: decoded(key), as: UTF8.self)
        return JSONError("duplicate key \"\(name)\"", at: Int(nodes[key].start) - 1)
    }
}

/// The keys of one object as the parser reads them: each key's signature sets one bit of 512.
/// When no two keys set the same bit (and none is escaped) no key repeats, and the object needs
/// no other check: about nine records in ten with ten keys, and three in four of an order's
/// seventeen.
struct KeySignatureBits {
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    /// Sets the bit of `signature`; true when it was already set.
    @inline(__always)
    mutating func insert(_ signature: UInt64) -> Bool {
        let bit = Int(truncatingIfNeeded: (signature &* 0x9E37_79B9_7F4A_7C15) &>> 55)
        let mask: UInt64 = 1 &<< UInt64(bit & 63)
        return withUnsafeMutableBytes(of: &words) { raw in
            let word = raw.baseAddress!.assumingMemoryBound(to: UInt64.self) + (bit &>> 6)
            let wasSet = word.pointee & mask != 0
            word.pointee |= mask
            return wasSet
        }
    }
}
