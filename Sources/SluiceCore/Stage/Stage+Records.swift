extension Stage {
    /// Parses `line` into `document`. A line too long or not a JSON object is reported (an
    /// `error` record, or the end of the run under `--strict`) and the result is false.
    public func parse(_ line: InputLine, into document: JSONDocument, file: String?) throws(BadInputError) -> Bool {
        if line.isOverlong {
            try reportBadLine(line.bytes, line: line.number, file: file, reason: "line longer than \(LineReader.defaultMaximumLineLength) bytes", truncated: true)
            return false
        }
        do throws(JSONError) {
            try document.parseObject(line)
        } catch {
            try reportBadLine(line.bytes, line: line.number, file: file, reason: error.description)
            return false
        }
        return true
    }

    /// Writes the parsed record as it was read.
    public func passRaw(_ document: JSONDocument) {
        passRaw(document.text(0))
    }

    /// Writes a record's text (a line with no whitespace around its object) as it was read.
    public func passRaw(_ text: UnsafeBufferPointer<UInt8>) {
        output.append(text)
        output.append(UInt8(ascii: "\n"))
    }
}
