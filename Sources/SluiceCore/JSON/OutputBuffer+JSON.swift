extension OutputBuffer {
    /// Appends `bytes` as a JSON string, quotes included. Control characters are escaped; bytes that
    /// are not valid UTF-8 become U+FFFD so that any raw input line can be carried as text.
    public func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        // Plain text (nearly all) is copied eight bytes at a time as it is checked; the first
        // byte that needs a look ends the fast copy, and the rest goes through the loop below.
        var i = 0
        appendInPlace(maximum: n &+ 1) { target in
            target[0] = UInt8(ascii: "\"")
            guard let source = bytes.baseAddress else { return 1 }
            while i &+ 8 <= n {
                let word = UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self)
                if JSONParser.attentionMask(word) != 0 { break }
                UnsafeMutableRawPointer(target + 1 + i).storeBytes(of: word, as: UInt64.self)
                i &+= 8
            }
            return i &+ 1
        }
        var runStart = i
        while i < n {
            // Eight bytes at a time up to the first byte that needs a look: most text is plain.
            while i &+ 8 <= n {
                let mask = JSONParser.attentionMask(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
                if mask != 0 {
                    i &+= mask.trailingZeroBitCount &>> 3
                    break
                }
                i &+= 8
            }
            guard i < n else { break }
            let b = bytes[i]
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b < 0x80 {
                i += 1
                continue
            }
            if b >= 0x80 {
                let length = UTF8Sequence.length(bytes.baseAddress!, at: i, count: n)
                if length > 0 { i += length; continue }
            }
            append(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            switch b {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case ..<0x20:
                append("\\u00")
                append(OutputBuffer.hexDigits[Int(b >> 4)])
                append(OutputBuffer.hexDigits[Int(b & 0x0F)])
            default:
                append([0xEF, 0xBF, 0xBD])
            }
            i += 1
            runStart = i
        }
        append(UnsafeBufferPointer(rebasing: bytes[runStart..<n]))
        append(UInt8(ascii: "\""))
    }

    public func appendJSONString(_ text: String) {
        var text = text
        text.withUTF8 { appendJSONString($0) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
