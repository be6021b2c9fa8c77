/// The effective options of a run: built-in defaults, then the profile, then the config file,
/// then the command line, each overriding the one before.
public struct ParsedArguments: Sendable {
    public let command: CommandDescription
    /// Files and `-` named on the command line.
    public var operands: [String]
    /// Option name → values in order; flags hold "true" or "false".
    var values: [String: [String]]

    init(command: CommandDescription, operands: [String], values: [String: [String]]) {
        self.command = command
        self.operands = operands
        self.values = values
    }

    /// The last value given for an option, or its default.
    public func value(_ name: String) -> String? {
        values[name]?.last ?? command.option(named: name)?.defaultValue
    }

    /// Every value of a repeatable option.
    public func allValues(_ name: String) -> [String] {
        values[name] ?? (command.option(named: name)?.defaultValue.map { [$0] } ?? [])
    }

    public func flag(_ name: String) -> Bool { value(name) == "true" }

    public func integer(_ name: String, in range: ClosedRange<Int>) throws(CommandLineError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw .usage("--\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    public func decimal(_ name: String, minimum: Decimal? = nil) throws(CommandLineError) -> Decimal? {
        guard let text = value(name) else { return nil }
        guard let number = Decimal(text) else { throw .usage("--\(name): expected a number, got '\(text)'") }
        if let minimum, number < minimum { throw .usage("--\(name): must be at least \(minimum), got '\(text)'") }
        return number
    }

    /// A duration given in seconds (decimals allowed, at most ten years), in whole milliseconds.
    public func milliseconds(_ name: String) throws(CommandLineError) -> Int64? {
        guard let seconds = try decimal(name, minimum: .zero) else { return nil }
        guard seconds <= Decimal(315_360_000) else { throw .usage("--\(name): at most 315360000 seconds (ten years), got '\(seconds)'") }
        // Cut to milliseconds first, so the product cannot run past 38 digits.
        return Int64((seconds.rounded(places: 3, .truncate) * Decimal(1000)).rounded(places: 0, .truncate).coefficient)
    }

    /// Basis points (0 to 10,000) as a fraction of one: `--fee-bps 10` is 0.001.
    public func basisPoints(_ name: String) throws(CommandLineError) -> Decimal? {
        guard let bps = try decimal(name, minimum: .zero) else { return nil }
        guard bps <= Decimal(10_000), let fraction = try? bps.divided(by: Decimal(10_000), scale: 8) else {
            throw .usage("--\(name): at most 10000, got '\(bps)'")
        }
        return fraction.normalized
    }

    /// An amount of money at least 0 that the book's exact arithmetic takes: at most 18 digits
    /// and `Decimal.bookScale` decimals.
    public func bookAmount(_ name: String) throws(CommandLineError) -> Decimal? {
        guard let value = try decimal(name, minimum: .zero) else { return nil }
        guard value.fitsBook else { throw .usage("--\(name): at most 18 digits and \(Decimal.bookScale) decimals, got '\(value)'") }
        return value
    }

    /// An instant: RFC 3339 (`2024-03-01T14:30:00Z`), or a date (`2024-03-01`, its midnight UTC).
    public func time(_ name: String) throws(CommandLineError) -> Timestamp? {
        guard let text = value(name) else { return nil }
        let full = text.utf8.count == 10 ? text + "T00:00:00Z" : text
        guard let instant = try? Timestamp(rfc3339: full) else {
            throw .usage("--\(name): expected a date (2024-03-01) or an RFC 3339 time (2024-03-01T14:30:00Z), got '\(text)'")
        }
        return instant
    }

    /// The effective configuration as a JSON object, for `--print-config`.
    public var effectiveConfigurationJSON: String {
        var parts: [String] = []
        for option in command.options where !option.isCommandLineOnly {
            let given = values[option.name] ?? option.defaultValue.map { [$0] }
            guard let given else { continue }
            let rendered = given.map { ParsedArguments.render($0, flag: option.isFlag) }
            let value = option.isRepeatable ? "[" + rendered.joined(separator: ",") + "]" : rendered.last!
            parts.append("\"\(option.name)\":\(value)")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    private static func render(_ text: String, flag: Bool) -> String {
        if flag { return text }
        if Decimal(text) != nil, text.first != "+", text.first != ".", !text.hasSuffix(".") { return text }
        let output = OutputBuffer(destination: .standardOutput)
        output.appendJSONString(text)
        return output.contents
    }
}
