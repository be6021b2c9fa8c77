import Glibc

/// The byte-level steps of parsing one JSON line: where a string, a number or whitespace ends,
/// each checked strictly. It reads and never writes, and it holds only the line, so that the
/// parser's member loop can keep it, and its own node storage, in registers: a store through a
/// node pointer no longer forces the line's address and length to be read again.
///
/// Positions are bounded by the line length (a few times 16 MiB at most), so the scanner uses
/// wrapping arithmetic on them.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let count: Int

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

    /// The position of the closing quote of the string whose text starts at `start` (just past
    /// its opening quote), and whether the text holds escapes. Inline, it handles the common
    /// string: plain ASCII whose closing quote is found eight bytes at a time.
    @inline(__always)
    func stringEnd(from start: Int) throws(JSONError) -> (end: Int, escapes: Bool) {
        var p = start
        while p &+ 8 <= count {
            let mask = JSONScanner.attentionMask(UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
            if mask != 0 {
                p &+= mask.trailingZeroBitCount &>> 3
                if base[p] == UInt8(ascii: "\"") { return (p, false) }
                break
            }
            p &+= 8
        }
        return try slowStringEnd(from: start, at: p)
    }

    /// The rest of `stringEnd`, from `p` on: escapes, non-ASCII text, the last bytes of the
    /// line, and every error.
    @inline(never)
    func slowStringEnd(from start: Int, at resume: Int) throws(JSONError) -> (end: Int, escapes: Bool) {
        var p = resume
        var escapes = false
        while true {
            // Eight bytes at a time up to the first byte that needs attention, then one at a time.
            while p &+ 8 <= count {
                let mask = JSONScanner.attentionMask(UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
                if mask != 0 {
                    p &+= mask.trailingZeroBitCount &>> 3
                    break
                }
                p &+= 8
            }
            while p < count {
                let b = base[p]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { break }
                p &+= 1
            }
            guard p < count else { throw JSONError("unterminated string", at: start &- 1) }
            let b = base[p]
            if b == UInt8(ascii: "\"") { return (p, escapes) }
            if b == UInt8(ascii: "\\") {
                escapes = true
                p = try escapeEnd(at: p)
            } else if b < 0x20 {
                throw JSONError("control character in string", at: p)
            } else {
                let length = UTF8Sequence.length(base, at: p, count: count)
                guard length > 0 else { throw JSONError("invalid UTF-8", at: p) }
                p &+= length
            }
        }
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

    /// The position after the escape whose backslash is at `at`; a `\u` escape of a high
    /// surrogate takes its low one with it.
    func escapeEnd(at escapeStart: Int) throws(JSONError) -> Int {
        guard escapeStart + 1 < count else { throw JSONError("unterminated string", at: escapeStart) }
        let e = base[escapeStart + 1]
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return escapeStart + 2
        case UInt8(ascii: "u"):
            let unit = try hexUnit(at: escapeStart + 2)
            var p = escapeStart + 6
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw JSONError("lone low surrogate \\u\(hexText(unit))", at: escapeStart)
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard p + 1 < count, base[p] == UInt8(ascii: "\\"), base[p + 1] == UInt8(ascii: "u") else {
                    throw JSONError("lone high surrogate \\u\(hexText(unit))", at: escapeStart)
                }
                let low = try hexUnit(at: p + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONError("lone high surrogate \\u\(hexText(unit))", at: escapeStart)
                }
                p += 6
            }
            return p
        default:
            throw JSONError("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: escapeStart)
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

    /// The number starting at `start`: the position after it, and, for a number without an
    /// exponent and with at most eighteen digits (nearly every price, quantity and time), its
    /// coefficient and the digits after its point (`JSONNode.noShortValue` otherwise). The digits
    /// are summed on the way. Every error is described by `numberError`, out of line, so that
    /// this path stays small enough to inline.
    @inline(__always)
    func number(from start: Int) throws(JSONError) -> (end: Int, shortScale: UInt8, coefficient: Int64) {
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
        return (p, shortScale, Int64(truncatingIfNeeded: negative ? 0 &- value : value))
    }

    /// What is wrong with the number `number(from:)` refused at `start`, found by reading it again.
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
}
