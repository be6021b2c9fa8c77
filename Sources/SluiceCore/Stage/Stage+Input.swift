extension Stage {
    /// Reads each line of `paths` in turn (`-`, or no path at all, is standard input) into `process`, and calls
    /// `flush` when the input is about to wait, when a block of output is ready, at the end, and
    /// before a SIGINT or SIGTERM ends the run: for stages that keep a state file with their output.
    /// With `readAhead` (by default when `ReadAhead.suits` the input), a second thread
    /// reads and scans the lines; the lines, their order and what the stage makes of them are
    /// the same either way; `decode` runs there on each line, and `process` is given what it
    /// decoded (nil without read-ahead), to move out. `decodeFlat`, when given, decodes flat
    /// lines there without scanning them (`LineProcessor.flatDecoder`).
    public func readLines<Decoded>(of paths: [String], readAhead: Bool? = nil, decode: @escaping (JSONDocument, UnsafeMutablePointer<Decoded>) -> Bool,
                                   decodeFlat: ReadAhead.FlatDecode<Decoded>? = nil,
                                   process: @escaping (InputLine, UnsafeMutablePointer<Decoded>?, String?) throws -> Void,
                                   flush: @escaping () throws -> Void) throws {
        let paths = paths.isEmpty ? ["-"] : paths
        let readAhead = readAhead ?? ReadAhead.suits(paths)
        func take(_ line: InputLine, decoded: UnsafeMutablePointer<Decoded>?, from file: String?) throws {
            try process(line, decoded, file)
            if output.count >= OutputBuffer.blockSize { try flush() }
        }
        do {
            if readAhead {
                let reader = try ReadAheadReader(paths: paths, decode: decode, decodeFlat: decodeFlat)
                reader.willWait = flush
                // The file is named again only when it changes: comparing its path with "-" and
                // retaining it for every line cost more than the rest of handing the line over.
                var pathIndex = -1
                var file: String?
                while let line = try reader.next() {
                    if reader.pathIndex != pathIndex {
                        pathIndex = reader.pathIndex
                        file = paths[pathIndex] == "-" ? nil : paths[pathIndex]
                    }
                    try take(line, decoded: reader.decoded, from: file)
                }
            } else {
                for path in paths {
                    let descriptor = path == "-" ? FileDescriptor.standardInput : try FileDescriptor.open(path)
                    defer { if path != "-" { try? descriptor.close() } }
                    let reader = LineReader(descriptor: descriptor, path: path == "-" ? "standard input" : path)
                    reader.willRead = flush
                    let file = path == "-" ? nil : path
                    while let line = try reader.next() { try take(line, decoded: nil, from: file) }
                }
            }
            try flush()
        } catch IOError.interrupted(let signal) {
            try flush()
            throw IOError.interrupted(signal: signal)
        }
    }
}
