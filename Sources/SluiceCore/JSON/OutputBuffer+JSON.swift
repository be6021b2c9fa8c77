extension OutputBuffer {
    /// Appends `bytes` as a JSON string, quotes included. Control characters are escaped; bytes that
    /// are not valid UTF-8 become U+FFFD so that any raw input line can be carried as text.
    public func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        // In pieces, so that the room reserved for escapes stays small for a long text. A piece
        // ends before a byte that is not a continuation byte, or after four that are: either
        // way no valid UTF-8 sequence is split.
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start &+ OutputBuffer.jsonStringPiece)
            if end < bytes.count {
                var cut = end
                while cut > end &- 3 && bytes[cut] & 0xC0 == 0x80 { cut &-= 1 }
                if bytes[cut] & 0xC0 != 0x80 { end = cut }
            }
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
            appendInPlace(maximum: ByteCursor.jsonStringLimit(piece.count)) { target in
                var cursor = ByteCursor(target)
                cursor.putJSONStringContent(piece)
                return target.distance(to: cursor.position)
            }
            start = end
        }
        append(UInt8(ascii: "\""))
    }

    /// A text of our own as a JSON string: copied as it is unless something in it needs escaping.
    public func appendJSONString(_ text: ByteText) {
        text.withBytes { bytes in
            guard !text.needsEscaping else { return appendJSONString(bytes) }
            appendInPlace(maximum: bytes.count &+ 2) { target in
                var cursor = ByteCursor(target)
                cursor.putQuoted(bytes)
                return target.distance(to: cursor.position)
            }
        }
    }

    public func appendJSONString(_ text: String) {
        var text = text
        text.withUTF8 { appendJSONString($0) }
    }

    private static let jsonStringPiece = 16 * 1024
}
