extension OutputBuffer {
    /// Appends a timestamp as a quoted RFC 3339 string with milliseconds (a JSON value).
    public func append(timestamp: Timestamp) {
        appendInPlace(maximum: 26) { p in
            p[0] = UInt8(ascii: "\"")
            _ = dates.write(timestamp, into: p + 1)
            p[25] = UInt8(ascii: "\"")
            return 26
        }
    }

    /// Appends a timestamp as bare RFC 3339 text with milliseconds (a CSV field).
    public func append(bareTimestamp timestamp: Timestamp) {
        appendInPlace(maximum: 24) { p in dates.write(timestamp, into: p) }
    }
}
