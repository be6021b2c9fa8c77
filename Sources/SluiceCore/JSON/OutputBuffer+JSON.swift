extension OutputBuffer {
    /// Appends `bytes` as a JSON string, quotes included. Control characters are escaped; bytes that
    /// are not valid UTF-8 become U+FFFD so that any raw input line can be carried as text.
    public func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        var i = 0
        let n = bytes.count
        var runStart = 0
        while i < n {
            let b = bytes[i]
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") && b < 0x80 {
                i += 1
                continue
            }
            if b >= 0x80 {
                let length = OutputBuffer.validUTF8Length(bytes, at: i)
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

    /// Length of the valid UTF-8 sequence starting at `i`, or 0.
    static func validUTF8Length(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let lead = bytes[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= bytes.count, bytes[i + 1] >= low, bytes[i + 1] <= high else { return 0 }
        for k in 2..<length where bytes[i + k] < 0x80 || bytes[i + k] > 0xBF { return 0 }
        return length
    }
}
