import Foundation
import SluiceTestSupport
import Testing

@Suite("gate end to end", .serialized)
struct GateEndToEndTests {
    /// The noisy source from issue 3: a signal every 15 s for a day, spoof 1.0, confidence from
    /// 0.35 to 0.55, sides flip-flopping.
    static func noisySignals() -> String {
        (0..<5760).map { n in
            let ms = 1_709_251_200_000 + Int64(n) * 15_000
            let confidence = "0." + String(35 + (n * 7) % 21)
            return #"{"type":"signal","id":"n\#(n)","ts":\#(ms),"symbol":"BTC-USD","side":"\#(n % 2 == 0 ? "long" : "short")","confidence":\#(confidence),"spoof":1.0,"risk_penalty":0.2}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test func theConservativeProfileStopsANoisySource() throws {
        let scratch = try ScratchDirectory()
        let input = try scratch.write("noisy.ndjson", Self.noisySignals())
        let summary = scratch.url.appendingPathComponent("summary.json")
        let result = try ProgramRunner.run("gate", ["--profile", "conservative", "--equity", "10000", "--summary-file", summary.path, input.path])
        #expect(result.status == 0)
        let records = try result.records()
        // Nothing lost, nothing passed: every signal is refused with a rule and a reason.
        #expect(records.count == 5760)
        #expect(records.allSatisfy { $0["type"] as? String == "reject" && $0["rule"] != nil && !($0["reason"] as? String ?? "").isEmpty })
        #expect(Set(records.map { $0["rule"] as? String ?? "" }) == ["confidence"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any]
        #expect(json?["signals"] as? Int == 5760)
        #expect(json?["passed"] as? Int == 0)
        #expect(((json?["by_rule"] as? [String: Any])?["confidence"] as? [String: Any])?["count"] as? Int == 5760)
    }

    @Test func withTheScoresTrustedOnlyTheTimingLimitsRemain() throws {
        // Confidence and spoof relaxed: the cooldown (5 min) and the rate (4 an hour, 20 a day)
        // decide. Entries pass at 0, 5, 10, 15 min of each hour, for five hours.
        let scratch = try ScratchDirectory()
        let input = try scratch.write("noisy.ndjson", Self.noisySignals())
        let result = try ProgramRunner.run("gate", ["--profile", "conservative", "--equity", "10000", "--min-confidence", "0",
                                                    "--min-confidence-trending", "0", "--min-confidence-ranging", "0",
                                                    "--max-spoof", "1", "--summary", input.path])
        #expect(result.status == 0)
        let passed = try result.records().filter { $0["type"] as? String == "signal" }
        #expect(passed.count == 20)
        let minutes = passed.map { record -> Int in
            let id = record["id"] as? String ?? ""
            return (Int(id.dropFirst()) ?? 0) / 4
        }
        #expect(minutes == [0, 5, 10, 15, 60, 65, 70, 75, 120, 125, 130, 135, 180, 185, 190, 195, 240, 245, 250, 255])
        #expect(result.stderr.contains("passed: 20 (0.3%)"))
        #expect(result.stderr.contains("refused by rule:"))
    }

    @Test func twoRunsGiveIdenticalBytes() throws {
        let scratch = try ScratchDirectory()
        let input = try scratch.write("noisy.ndjson", Self.noisySignals())
        let arguments = ["--profile", "conservative", "--equity", "10000", "--max-spoof", "1", "--min-confidence", "0.5", input.path]
        let first = try ProgramRunner.run("gate", arguments)
        let second = try ProgramRunner.run("gate", arguments)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
    }

    @Test func helpNamesEveryRuleOption() throws {
        let help = try ProgramRunner.run("gate", ["--help"])
        #expect(help.status == 0)
        for option in ["--min-confidence", "--max-spoof", "--max-age", "--cooldown", "--flip-cooldown", "--max-entries-hour",
                       "--max-daily-loss-pct", "--max-drawdown-pct", "--session", "--summary-file"] {
            #expect(help.stdout.contains(option))
        }
        #expect(help.stdout.contains("profiles: conservative, default, prop-firm"))
    }

    @Test func aConfigFileSectionSetsRules() throws {
        let scratch = try ScratchDirectory()
        let config = try scratch.write("sluice.json", #"{"gate": {"min-confidence": 0.8, "cooldown": 60}, "sigsrc": {"id-prefix": "x"}}"#)
        let printed = try ProgramRunner.run("gate", ["--config", config.path, "--print-config"])
        #expect(printed.stdout.contains(#""min-confidence":0.8"#))
        #expect(printed.stdout.contains(#""cooldown":60"#))
    }
}
