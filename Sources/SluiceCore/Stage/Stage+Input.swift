extension Stage {
    /// Reads each line of `paths` in turn (`-`, or no path at all, is standard input) into `process`, and calls
    /// `flush` when the input is about to wait, when a block of output is ready, at the end, and
    /// before a SIGINT or SIGTERM ends the run: for stages that keep a state file with their output.
    public func readLines(of paths: [String], process: @escaping (InputLine, String?) throws -> Void, flush: @escaping () throws -> Void) throws {
        let paths = paths.isEmpty ? ["-"] : paths
        do {
            if ReadAheadReader.isWorthwhile {
                let reader = try ReadAheadReader(paths: paths)
                reader.willWait = flush
                while let line = try reader.next() {
                    let path = paths[reader.pathIndex]
                    try process(line, path == "-" ? nil : path)
                    if output.count >= OutputBuffer.blockSize { try flush() }
                }
                try flush()
                return
            }
            for path in paths {
                let descriptor = path == "-" ? FileDescriptor.standardInput : try FileDescriptor.open(path)
                let reader = LineReader(descriptor: descriptor, path: path == "-" ? "standard input" : path)
                reader.willRead = flush
                while let line = try reader.next() {
                    try process(line, path == "-" ? nil : path)
                    if output.count >= OutputBuffer.blockSize { try flush() }
                }
            }
            try flush()
        } catch IOError.interrupted(let signal) {
            try flush()
            throw IOError.interrupted(signal: signal)
        }
    }
}
