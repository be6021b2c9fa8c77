/// A strategy as named on the command line: `NAME[:KEY=VALUE,...]`.
public struct StrategySpec: Sendable, Equatable {
    public var name: String
    public var parameters: [String: String]

    public init(parsing text: String) throws(CommandLineError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        name = String(parts[0])
        parameters = [:]
        guard parts.count == 2, !parts[1].isEmpty else { return }
        for pair in parts[1].split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, !kv[0].isEmpty else {
                throw .usage("--strategy \(text): expected KEY=VALUE, got '\(pair)'")
            }
            parameters[String(kv[0])] = String(kv[1])
        }
    }

    /// A whole-number parameter within a range, with a default.
    func integer(_ key: String, default value: Int, in range: ClosedRange<Int>) throws(CommandLineError) -> Int {
        guard let text = parameters[key] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw .usage("--strategy \(name): \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    func number(_ key: String, default value: Decimal, in range: ClosedRange<Decimal>) throws(CommandLineError) -> Decimal {
        guard let text = parameters[key] else { return value }
        guard let number = Decimal(text), range.contains(number) else {
            throw .usage("--strategy \(name): \(key) must be a number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    func rejectUnknown(_ known: Set<String>) throws(CommandLineError) {
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw .usage("--strategy \(name): unknown parameter '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    public static let knownNames = ["sma-cross", "rsi", "breakout"]

    /// The strategy this spec names, ready to run.
    public func makeStrategy() throws(CommandLineError) -> any Strategy {
        switch name {
        case "sma-cross": return try SMACrossStrategy(self)
        case "rsi": return try RSIStrategy(self)
        case "breakout": return try BreakoutStrategy(self)
        default: throw .usage("unknown strategy '\(name)' (known: \(StrategySpec.knownNames.joined(separator: ", ")))")
        }
    }
}
