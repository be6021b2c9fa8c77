/// A write position in memory reserved beforehand for everything written through it: a record
/// of bounded length then costs one capacity check, not one per piece.
struct ByteCursor {
    private(set) var position: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) { position = start }

    /// The most `putJSONString` writes for `count` bytes: six each (`\u001f`) and two quotes.
    @inline(__always)
    static func jsonStringLimit(_ count: Int) -> Int { count &* 6 &+ 2 }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        position[0] = byte
        position += 1
    }

    @inline(__always)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        OutputBuffer.copy(base, to: position, count: bytes.count)
        position += bytes.count
    }

    @inline(__always)
    mutating func put(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `bytes` between quotes, as they are: for text known to need no escaping.
    @inline(__always)
    mutating func putQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "\""))
        put(bytes)
        put(UInt8(ascii: "\""))
    }

    /// What `write` fills in (it returns how many bytes), between quotes.
    @inline(__always)
    mutating func putQuoted(_ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        put(UInt8(ascii: "\""))
        put(write)
        put(UInt8(ascii: "\""))
    }

    /// Lets `write` fill bytes at the position; it returns how many it wrote.
    @inline(__always)
    mutating func put(_ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        position += write(position)
    }

    /// `bytes` as a JSON string, quotes included: control characters, quotes and backslashes
    /// escaped, and each byte that is not valid UTF-8 replaced by U+FFFD, so that any raw input
    /// can be carried as text.
    mutating func putJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "\""))
        putJSONStringContent(bytes)
        put(UInt8(ascii: "\""))
    }

    /// A text's bytes as a JSON string: between quotes as they are when `escaping` is false (a
    /// `ByteText` that notes nothing to escape), through the escaper otherwise.
    @inline(__always)
    mutating func putJSONString(_ bytes: UnsafeBufferPointer<UInt8>, escaping: Bool) {
        if escaping { putJSONString(bytes) } else { putQuoted(bytes) }
    }

    /// Whether valid UTF-8 `bytes` hold a quote, a backslash or a control character: what a
    /// JSON string must escape. Checked a word at a time, the last word overlapping the one
    /// before (a text's literal parts are short); as a yes or no, each word's test is exact.
    @inline(__always)
    static func hasByteToEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let source = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(source), count = bytes.count
        if count >= 8 {
            var offset = 0
            while offset &+ 8 < count {
                if hasByteToEscape(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return true }
                offset &+= 8
            }
            return hasByteToEscape(raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
        }
        if count >= 4 {
            let first = UInt64(raw.loadUnaligned(as: UInt32.self))
            let last = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
            return hasByteToEscape(first | last &<< 32)
        }
        for k in 0..<count where source[k] < 0x20 || source[k] == UInt8(ascii: "\"") || source[k] == UInt8(ascii: "\\") { return true }
        return false
    }

    @inline(__always)
    private static func hasByteToEscape(_ word: UInt64) -> Bool { JSONScanner.escapeMask(word) != 0 }

    /// The inside of `putJSONString`: `bytes` must not end inside a valid UTF-8 sequence.
    mutating func putJSONStringContent(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        while true {
            // Plain text, nearly all, is copied eight bytes at a time as it is checked. The
            // whole word is stored even when only its start is plain: the room is reserved
            // (six bytes for each byte to come) and the rest is written over.
            while i &+ 8 <= n {
                let word = UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(position).storeBytes(of: word, as: UInt64.self)
                let mask = JSONScanner.attentionMask(word)
                let plain = mask == 0 ? 8 : mask.trailingZeroBitCount &>> 3
                position += plain
                i &+= plain
                if plain < 8 { break }
            }
            guard i < n else { return }
            let b = source[i]
            if b >= 0x80 {
                let length = UTF8Sequence.length(source, at: i, count: n)
                if length > 0 {
                    put(UnsafeBufferPointer(start: source + i, count: length))
                    i &+= length
                } else {
                    put("\u{FFFD}")
                    i &+= 1
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): put("\\\"")
            case UInt8(ascii: "\\"): put("\\\\")
            case 0x0A: put("\\n")
            case 0x0D: put("\\r")
            case 0x09: put("\\t")
            case 0x08: put("\\b")
            case 0x0C: put("\\f")
            case ..<0x20:
                let digits: StaticString = "0123456789abcdef"
                put("\\u00")
                put(digits.utf8Start[Int(b >> 4)])
                put(digits.utf8Start[Int(b & 0x0F)])
            default: put(b)
            }
            i &+= 1
        }
    }
}
