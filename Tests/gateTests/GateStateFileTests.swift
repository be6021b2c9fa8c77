import Foundation
import SluiceTestSupport
import Testing

@Suite("gate --state", .serialized)
struct GateStateFileTests {
    static let arguments = ["--profile", "conservative", "--equity", "10000", "--min-confidence", "0", "--min-confidence-trending", "0",
                            "--min-confidence-ranging", "0", "--max-spoof", "1", "--cooldown", "120", "--max-entries-hour", "12",
                            "--max-entries-day", "200", "--max-positions", "3", "--loss-cooldown", "900"]

    /// The noisy source, with fills and account snapshots mixed in so that positions, losses and
    /// equity are part of the state.
    static func input() -> String {
        var lines: [String] = []
        for n in 0..<4000 {
            let ms = 1_709_251_200_000 + Int64(n) * 15_000
            let symbol = ["BTC-USD", "ETH-USD", "SPY", "QQQ", "NVDA"][n % 5]
            lines.append(#"{"type":"signal","id":"n\#(n)","ts":\#(ms),"symbol":"\#(symbol)","side":"\#(n % 3 == 0 ? "short" : "long")","confidence":0.5,"spoof":0.9,"risk_penalty":0.1}"#)
            if n % 40 == 7 {
                lines.append(#"{"type":"fill","id":"f\#(n)","order_id":"o\#(n)","ts":\#(ms + 1),"symbol":"\#(symbol)","side":"\#(n % 80 == 7 ? "buy" : "sell")","qty":1,"price":\#(100 + n % 7),"fee":0.1}"#)
            }
            if n % 500 == 250 {
                lines.append(#"{"type":"account","ts":\#(ms + 2),"cash":10000,"equity":\#(10000 - n / 100),"positions":[]}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [0.15, 0.35, 0.6])
    func aKilledGateResumesAsIfUninterrupted(_ delay: Double) throws {
        let scratch = try ScratchDirectory()
        let input = try scratch.write("input.ndjson", Self.input())
        let total = Self.input().split(separator: "\n").count
        let options = Self.arguments.joined(separator: " ")
        let full = try ProgramRunner.run("gate", Self.arguments + [input.path])
        #expect(full.status == 0)
        #expect(full.stdoutLines.count == total)
        let state = scratch.url.appendingPathComponent("state").path
        // Feed the input slowly (about 1.5 s in all, well past the longest delay however fast
        // gate is), kill -9 part way, then give a new gate the lines after the ones its state
        // says were decided.
        let killed = try ProgramRunner.shell("""
            cd \(scratch.url.path) && split -l 150 input.ndjson chunk.
            (for f in chunk.*; do cat $f; sleep 0.05; done) | gate --state \(state) \(options) > first.out & pid=$!
            sleep \(delay); kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
            grep -o '"line":[0-9]*' \(state)/gate.state | cut -d: -f2
            """)
        let decided = try #require(Int(killed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "no state after \(delay)s: \(killed.stderr)")
        #expect(decided > 0 && decided < total, "killed after \(decided) of \(total) lines")
        let rest = try ProgramRunner.shell("tail -n +\(decided + 1) \(input.path) | gate --state \(state) \(options)")
        #expect(rest.status == 0)
        #expect(rest.stdoutLines == Array(full.stdoutLines[decided...]))
        // The state now covers the whole input.
        let final = try String(contentsOfFile: state + "/gate.state", encoding: .utf8)
        #expect(final.contains(#""line":\#(total),"#))
    }

    /// A halt on one symbol and a reducing stop on all of them are in the state with their rules
    /// and reasons: a gate started on it refuses as the first one would have.
    @Test func tradingModesSurviveARestart() throws {
        let scratch = try ScratchDirectory()
        let state = scratch.url.appendingPathComponent("state").path
        let first = try ProgramRunner.run("gate", ["--state", state], stdin: """
            {"type":"halt","ts":"2024-03-01T14:30:00Z","reason":"news","scope":"SPY"}
            {"type":"halt","ts":"2024-03-01T14:30:01Z","reason":"desk","mode":"reducing"}

            """)
        #expect(first.status == 0)
        let saved = try String(contentsOfFile: state + "/gate.state", encoding: .utf8)
        #expect(saved.contains(#""mode_rule":"reducing""#))
        #expect(saved.contains(#""rule":"halted""#))
        let second = try ProgramRunner.run("gate", ["--state", state], stdin: """
            {"type":"signal","id":"s1","ts":"2024-03-01T14:30:02Z","symbol":"QQQ","side":"long","confidence":0.9}

            """)
        #expect(second.status == 0)
        #expect(second.stdout.contains(#""rule":"reducing","reason":"reducing by a halt record: desk""#), "\(second.stdout)")
    }

    @Test func aStateWithAnUnknownModeRuleStopsTheGate() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("state"), withIntermediateDirectories: true)
        _ = try scratch.write("state/gate.state", #"{"version":1,"line":0,"mode":"halted","mode_rule":"spoof","mode_reason":"x","symbol_modes":[],"positions":[],"pending":[]}"#)
        let result = try ProgramRunner.run("gate", ["--state", scratch.url.appendingPathComponent("state").path], stdin: "")
        #expect(result.status == 78)
        #expect(result.stderr.contains(#"field 'mode_rule': unknown trading-mode rule "spoof""#), "\(result.stderr)")
    }

    @Test func anUnreadableStateStopsTheGate() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("state"), withIntermediateDirectories: true)
        _ = try scratch.write("state/gate.state", #"{"version":1,"line":"#)
        let result = try ProgramRunner.run("gate", ["--state", scratch.url.appendingPathComponent("state").path], stdin: "")
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("gate: state "))
        #expect(result.stderr.contains("unexpected end of line"))
    }
}
