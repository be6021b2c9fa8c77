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
private let backslash = UInt8(ascii: "\\")

/// The recursive-descent scanner behind `JSONDocument.parse`.
///
/// It holds the document's node storage while it runs, so that appending a node is a plain store
/// into a value it owns, with no exclusivity check on a class property per node.
///
/// Positions and node indices are bounded by the line length (a few times 16 MiB at most), so
/// the scanner uses wrapping arithmetic and truncating conversions on them.
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

    @inline(__always)
    mutating func appendNode(_ node: JSONNode) -> Int {
        if nodeCount == capacity {
            let grown = UnsafeMutablePointer<JSONNode>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: nodes, count: nodeCount)
            nodes.deallocate()
            nodes = grown
            capacity *= 2
        }
        nodes[nodeCount] = node
        nodeCount &+= 1
        return nodeCount &- 1
    }

    mutating func parseDocument() throws(JSONError) {
        skipWhitespace()
        try parseValue()
        skipWhitespace()
        if position < count { throw JSONError("unexpected text after the JSON value", at: position) }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        position = skipWhitespace(from: position)
    }

    /// Records are written compact: the first byte is nearly always past the space, and one
    /// comparison says so.
    @inline(__always)
    func skipWhitespace(from start: Int) -> Int {
        var p = start
        while p < count {
            let b = base[p]
            if b > 0x20 { return p }
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { p &+= 1 } else { return p }
        }
        return p
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

    /// The position lives in a local through the whole loop (the scanners take and return it),
    /// so it stays in a register instead of being stored back after every step.
    mutating func parseObject() throws(JSONError) {
        try enter()
        let index = appendNode(JSONNode(kind: .object, start: Int32(truncatingIfNeeded: position), end: 0, next: 0))
        var p = skipWhitespace(from: position &+ 1)
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
                p = try scanString(from: p)
                let signature = keySignature(start: keyStart, length: p &- 1 &- keyStart)
                nodes[nodeCount &- 1].payload = Int64(bitPattern: signature)
                // An escaped key may spell any other key, so it always takes the full check.
                if keysSeen.insert(signature) || nodes[nodeCount &- 1].hasEscapes { mayRepeatAKey = true }
                // Records are written compact: each step looks for its byte first, and skips
                // whitespace only when it is not there.
                if p >= count || base[p] != UInt8(ascii: ":") {
                    p = skipWhitespace(from: p)
                    guard p < count && base[p] == UInt8(ascii: ":") else {
                        throw JSONError(p < count ? "expected ':'" : "unexpected end of line, expected ':'", at: p)
                    }
                }
                p &+= 1
                var first = p < count ? base[p] : 0
                if first <= 0x20 {
                    p = skipWhitespace(from: p)
                    first = p < count ? base[p] : 0
                }
                // Strings and numbers, the common values, are scanned here without a call.
                if first == quote {
                    p = try scanString(from: p)
                } else if first == UInt8(ascii: "-") || first &- UInt8(ascii: "0") <= 9 {
                    p = try scanNumber(from: p)
                } else {
                    position = p
                    try parseValue()
                    p = position
                }
                members &+= 1
                if p >= count || base[p] <= 0x20 { p = skipWhitespace(from: p) }
                guard p < count else { throw JSONError("unexpected end of line, expected ',' or '}'", at: p) }
                let b = base[p]
                p &+= 1
                if b == UInt8(ascii: ",") {
                    if p < count && base[p] <= 0x20 { p = skipWhitespace(from: p) }
                    continue
                }
                if b == UInt8(ascii: "}") { break }
                throw JSONError("expected ',' or '}'", at: p &- 1)
            }
        }
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

    @inline(__always)
    mutating func parseString() throws(JSONError) {
        position = try scanString(from: position)
    }

    /// Scans the string whose opening quote is at `from`, appends its node, and returns the
    /// position after its closing quote.
    @inline(__always)
    mutating func scanString(from opening: Int) throws(JSONError) -> Int {
        var p = opening &+ 1
        let start = p
        var escapes = false
        while true {
            // Eight bytes at a time up to the first quote, backslash, control character or
            // non-ASCII byte; the rest is handled one byte at a time.
            var found = false
            while p &+ 8 <= count {
                let mask = JSONParser.attentionMask(UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
                if mask != 0 {
                    p &+= mask.trailingZeroBitCount &>> 3
                    found = true
                    break
                }
                p &+= 8
            }
            if !found {
                while p < count {
                    let b = base[p]
                    if b == quote || b == backslash || b < 0x20 || b >= 0x80 { break }
                    p &+= 1
                }
            }
            guard p < count else { throw JSONError("unterminated string", at: start - 1) }
            let b = base[p]
            if b == quote { break }
            position = p
            if b == backslash {
                escapes = true
                try parseEscape()
            } else if b < 0x20 {
                throw JSONError("control character in string", at: p)
            } else {
                try validateUTF8Sequence()
            }
            p = position
        }
        _ = appendNode(JSONNode(kind: .string, hasEscapes: escapes, start: Int32(truncatingIfNeeded: start),
                                end: Int32(truncatingIfNeeded: p), next: Int32(truncatingIfNeeded: nodeCount &+ 1)))
        return p &+ 1
    }

    /// High bit set in each byte (of a little-endian word) that is a quote, a backslash, a
    /// control character or non-ASCII. Bytes above the first such byte may be flagged falsely
    /// (borrows carry upward), so only the lowest flag is meaningful.
    @inline(__always)
    static func attentionMask(_ word: UInt64) -> UInt64 {
        escapeMask(word) | (word & 0x8080_8080_8080_8080)
    }

    /// The same without non-ASCII bytes: a quote, a backslash or a control character, what a
    /// JSON string must escape. Zero exactly when the word has none.
    @inline(__always)
    static func escapeMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let hasQuote = (quotes &- ones) & ~quotes
        let hasBackslash = (backslashes &- ones) & ~backslashes
        let hasControl = (word &- (ones &* 0x20)) & ~word
        return (hasQuote | hasBackslash | hasControl) & (ones &* 0x80)
    }

    mutating func parseEscape() throws(JSONError) {
        let escapeStart = position
        guard position + 1 < count else { throw JSONError("unterminated string", at: position) }
        let e = base[position + 1]
        switch e {
        case quote, backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position &+= 2
        case UInt8(ascii: "u"):
            let unit = try hexUnit(at: position + 2)
            position &+= 6
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw JSONError("lone low surrogate \\u\(hexText(unit))", at: escapeStart)
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard position + 1 < count, base[position] == backslash, base[position + 1] == UInt8(ascii: "u") else {
                    throw JSONError("lone high surrogate \\u\(hexText(unit))", at: escapeStart)
                }
                let low = try hexUnit(at: position + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONError("lone high surrogate \\u\(hexText(unit))", at: escapeStart)
                }
                position &+= 6
            }
        default:
            throw JSONError("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: position)
        }
    }

    func hexUnit(at offset: Int) throws(JSONError) -> UInt16 {
        guard offset + 4 <= count else { throw JSONError("incomplete \\u escape", at: offset - 2) }
        var value: UInt16 = 0
        for k in 0..<4 {
            let digit = JSONDocument.hexValue(base[offset + k])
            if digit == 0xFF { throw JSONError("invalid hex digit in \\u escape", at: offset + k) }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    func hexText(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// Steps over one valid multi-byte UTF-8 sequence at `position`.
    mutating func validateUTF8Sequence() throws(JSONError) {
        let length = UTF8Sequence.length(base, at: position, count: count)
        guard length > 0 else { throw JSONError("invalid UTF-8", at: position) }
        position &+= length
    }

    @inline(__always)
    mutating func parseNumber() throws(JSONError) {
        position = try scanNumber(from: position)
    }

    /// Scans the number starting at `from`, appends its node, and returns the position after it.
    /// The digits are summed on the way: a number without an exponent and with at most eighteen
    /// digits (nearly every price, quantity and time) keeps its value in the node. Every error
    /// is described by `numberError`, out of line, so that this path stays small enough to inline.
    @inline(__always)
    mutating func scanNumber(from start: Int) throws(JSONError) -> Int {
        var p = start
        @inline(__always) func digit(_ at: Int) -> UInt64? {
            guard at < count else { return nil }
            let value = base[at] &- UInt8(ascii: "0")
            return value <= 9 ? UInt64(value) : nil
        }
        let negative = base[p] == UInt8(ascii: "-")
        if negative { p &+= 1 }
        let wholeStart = p
        guard var value = digit(p) else { throw numberError(from: start) }
        p &+= 1
        if value == 0 {
            if digit(p) != nil { throw numberError(from: start) }
        } else {
            while let next = digit(p) {
                value = value &* 10 &+ next
                p &+= 1
            }
        }
        var digits = p &- wholeStart
        var scale = 0
        if p < count && base[p] == UInt8(ascii: ".") {
            p &+= 1
            let fractionStart = p
            while let next = digit(p) {
                value = value &* 10 &+ next
                p &+= 1
            }
            scale = p &- fractionStart
            if scale == 0 { throw numberError(from: start) }
            digits &+= scale
        }
        var shortScale = digits <= 18 ? UInt8(truncatingIfNeeded: scale) : JSONNode.noShortValue
        if p < count && (base[p] | 0x20) == UInt8(ascii: "e") {
            shortScale = JSONNode.noShortValue
            p &+= 1
            if p < count && (base[p] == UInt8(ascii: "+") || base[p] == UInt8(ascii: "-")) { p &+= 1 }
            guard digit(p) != nil else { throw numberError(from: start) }
            while digit(p) != nil { p &+= 1 }
        }
        // Past eighteen digits the sum has wrapped; it is kept only when short.
        let coefficient = Int64(truncatingIfNeeded: negative ? 0 &- value : value)
        _ = appendNode(JSONNode(kind: .number, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: p),
                                next: Int32(truncatingIfNeeded: nodeCount &+ 1), shortScale: shortScale, payload: coefficient))
        return p
    }

    /// What is wrong with the number `scanNumber` refused at `start`, found by reading it again.
    @inline(never)
    func numberError(from start: Int) -> JSONError {
        func isDigit(_ at: Int) -> Bool { at < count && base[at] &- UInt8(ascii: "0") <= 9 }
        var p = start
        if base[p] == UInt8(ascii: "-") {
            p += 1
            if p < count && base[p] == UInt8(ascii: "I") { return JSONError("Infinity is not a JSON number", at: start) }
        }
        guard isDigit(p) else { return JSONError("expected a digit", at: p) }
        if base[p] == UInt8(ascii: "0") {
            p += 1
            if isDigit(p) { return JSONError("leading zero in number", at: start) }
        }
        while isDigit(p) { p += 1 }
        if p < count && base[p] == UInt8(ascii: ".") {
            p += 1
            guard isDigit(p) else { return JSONError("expected a digit after '.'", at: p) }
            while isDigit(p) { p += 1 }
        }
        p += 1
        if p < count && (base[p] == UInt8(ascii: "+") || base[p] == UInt8(ascii: "-")) { p += 1 }
        return JSONError("expected a digit in exponent", at: p)
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

    /// A key's length and first six bytes packed in one word (`JSONKey.signature`), kept in its
    /// node's payload: the duplicate check and the readers of records match keys by it.
    @inline(__always)
    func keySignature(start: Int, length: Int) -> UInt64 {
        let lengthBits = UInt64(truncatingIfNeeded: length) << 48
        if start &+ 8 <= count {
            let word = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
            let keep: UInt64 = length >= 6 ? 0xFFFF_FFFF_FFFF : (UInt64(1) << (UInt64(length) &* 8)) &- 1
            return lengthBits | (word & keep)
        }
        var packed = lengthBits
        for k in 0..<min(length, 6) { packed |= UInt64(base[start + k]) << (k * 8) }
        return packed
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
