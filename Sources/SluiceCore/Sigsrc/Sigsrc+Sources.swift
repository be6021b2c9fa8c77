extension Sigsrc {
    /// Opens every input named on the command line (standard input for none or `-`) and tells
    /// NDJSON from CSV by the first line: a record starts with `{`.
    func openSources(_ arguments: ParsedArguments) throws -> [any InputSource] {
        let paths = arguments.operands.isEmpty ? ["-"] : arguments.operands
        let follow = arguments.flag("follow")
        if follow && paths.count != 1 { throw CommandLineError.usage("--follow reads exactly one input") }
        if paths.filter({ $0 == "-" }).count > 1 { throw CommandLineError.usage("standard input can be read only once") }
        let symbols = arguments.allValues("symbol")
        if symbols.count > 1 && symbols.count != paths.count {
            throw CommandLineError.usage("--symbol given \(symbols.count) times for \(paths.count) inputs: give it once, or once per input")
        }
        let columns = try arguments.value("columns").map { spec throws(CommandLineError) in try CSVLayout(columns: spec) }
        let zone = try arguments.value("tz").map { name throws(CommandLineError) -> TimeZoneRules in
            do throws(TimeError) { return try TimeZoneRules(named: name) } catch { throw .usage("--tz: \(error.message)") }
        }
        let interval = try arguments.value("interval").map(Sigsrc.parseInterval)
        var sources: [any InputSource] = []
        for (index, path) in paths.enumerated() {
            let descriptor = path == "-" ? FileDescriptor.standardInput : try FileDescriptor.open(path)
            let reader = LineReader(descriptor: descriptor, path: path == "-" ? "standard input" : path)
            reader.follow = follow
            reader.willRead = { [output] in try output.flush() }
            // Live feedback keeps flowing while an input is quiet, from its first line on.
            if let feedback, !synchronous { reader.companion = serveFeedback(feedback) }
            guard let first = try reader.next() else { continue }
            let file = path == "-" ? nil : path
            if !Sigsrc.isCSV(first.bytes, path: path, columnsGiven: columns != nil) {
                sources.append(NDJSONSource(file: file, reader: reader, firstLine: first, wantsBars: !strategies.isEmpty))
            } else {
                let symbol = symbols.count > 1 ? symbols[index] : symbols.first
                sources.append(try CSVSource(file: file, reader: reader, firstLine: first, columns: columns,
                                             symbol: symbol, zone: zone, interval: interval))
            }
        }
        return sources
    }

    /// A file is CSV when its name says so, when `--columns` is given, or when its first line is
    /// a header we recognise; otherwise its lines are records (and bad ones become errors).
    static func isCSV(_ firstLine: UnsafeBufferPointer<UInt8>, path: String, columnsGiven: Bool) -> Bool {
        if firstLine.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") { return false }
        let lowered = path.lowercased()
        if columnsGiven || lowered.hasSuffix(".csv") || lowered.hasSuffix(".txt") { return true }
        var cells = CSVFields()
        cells.split(firstLine)
        return CSVLayout(header: cells.ranges.map { String(decoding: UnsafeBufferPointer(rebasing: firstLine[$0]), as: UTF8.self) }) != nil
    }

    /// `60`, `60s`, `5m`, `1h`, `1d` → seconds.
    static func parseInterval(_ text: String) throws(CommandLineError) -> Int64 {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var digits = text
        var unit: Int64 = 1
        if let last = text.last, let multiplier = units[last] {
            digits = String(text.dropLast())
            unit = multiplier
        }
        guard let value = Int64(digits), value > 0, value <= 366 * 86_400 / unit else {
            throw .usage("--interval: expected a length such as 60, 30s, 5m, 1h or 1d, got '\(text)'")
        }
        return value * unit
    }
}
