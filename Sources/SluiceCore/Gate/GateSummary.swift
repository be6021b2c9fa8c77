/// The audit view: how many signals passed, which rules refused the others, per symbol, and the
/// time span covered.
public struct GateSummary {
    public private(set) var seen = 0
    public private(set) var passed = 0
    private var byRule = SymbolTable<Int>()
    private var bySymbol = SymbolTable<(seen: Int, passed: Int)>()
    private var first: Timestamp?
    private var last: Timestamp?

    public init() {}

    public mutating func count(symbol: String?, ts: Timestamp?, refusedBy rule: String?) {
        seen += 1
        if let ts {
            first = min(first ?? ts, ts)
            last = max(last ?? ts, ts)
        }
        if let rule { byRule.update(rule, startingFrom: 0) { $0 += 1 } } else { passed += 1 }
        if let symbol {
            bySymbol.update(symbol, startingFrom: (0, 0)) { counts in
                counts.seen += 1
                if rule == nil { counts.passed += 1 }
            }
        }
    }

    func percent(_ part: Int, of whole: Int) -> Decimal {
        guard whole > 0 else { return .zero }
        return ((try? Decimal(part * 100).divided(by: Decimal(whole), scale: 1, rounding: .halfAwayFromZero)) ?? .zero)
    }

    /// Rules by count, most first, then by name.
    var rules: [(String, Int)] { byRule.entries.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key } }

    var symbols: [(key: String, value: (seen: Int, passed: Int))] { bySymbol.entries.sorted { $0.key < $1.key } }

    public var text: String {
        let refused = seen - passed
        var lines = ["signals: \(seen)" + (first.map { " from \($0) to \(last!)" } ?? ""),
                     "passed: \(passed) (\(percent(passed, of: seen).text(minimumPlaces: 1))%)",
                     "refused: \(refused) (\(percent(refused, of: seen).text(minimumPlaces: 1))%)"]
        if !rules.isEmpty {
            lines.append("refused by rule:")
            let width = rules.map(\.0.count).max()!
            let digits = String(rules.map(\.1).max()!).count
            for (rule, count) in rules {
                let number = String(count)
                lines.append("  " + rule.padding(width) + "  " + String(repeating: " ", count: digits - number.count) + number
                             + "  (\(percent(count, of: refused).text(minimumPlaces: 1))% of refusals)")
            }
        }
        if bySymbol.count > 0 {
            lines.append("by symbol:")
            let symbols = symbols
            let width = symbols.map(\.key.count).max()!
            for (symbol, entry) in symbols {
                lines.append("  " + symbol.padding(width) + "  seen \(entry.seen)  passed \(entry.passed)  refused \(entry.seen - entry.passed)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        let output = OutputBuffer(destination: .standardOutput, capacity: 1024)
        var object = JSONObjectWriter(output)
        object.integer("signals", Int64(seen))
        object.integer("passed", Int64(passed))
        object.integer("refused", Int64(seen - passed))
        if let first, let last {
            object.timestamp("first_ts", first)
            object.timestamp("last_ts", last)
        }
        object.key("by_rule")
        var rulesObject = JSONObjectWriter(output)
        for (rule, count) in rules {
            rulesObject.key(named: rule)
            var entry = JSONObjectWriter(output)
            entry.integer("count", Int64(count))
            entry.decimal("percent", percent(count, of: seen - passed))
            entry.close()
        }
        rulesObject.close()
        object.key("by_symbol")
        var symbolsObject = JSONObjectWriter(output)
        for (symbol, entry) in symbols {
            symbolsObject.key(named: symbol)
            var counts = JSONObjectWriter(output)
            counts.integer("seen", Int64(entry.seen))
            counts.integer("passed", Int64(entry.passed))
            counts.integer("refused", Int64(entry.seen - entry.passed))
            counts.close()
        }
        symbolsObject.close()
        object.close()
        output.append(UInt8(ascii: "\n"))
        return output.contents
    }
}
