import Foundation
import SluiceTestSupport
import Testing

@Suite("exec --state", .serialized)
struct ExecStateFileTests {
    static let arguments = ["--instruments", ExecEndToEndTests.instruments, "--fee-bps", "5", "--slippage-bps", "2",
                            "--fault", "timeout=0.1,reject=0.1,drop-fill-event=0.05,drop-bracket=0.05,seed=11"]

    /// Killed once its state says it has done `fraction` of the lines: a point in the stream,
    /// not a time, since on a loaded machine a fixed delay could come before its first line.
    @Test(arguments: [0.2, 0.35, 0.5, 0.65])
    func aKilledExecRestartedOnTheSameInputSendsNothingTwiceAndLosesNoFill(_ fraction: Double) throws {
        let scratch = try ScratchDirectory()
        let text = ExecEndToEndTests.stream(minutes: 2500)
        let total = text.split(separator: "\n").count
        let input = try scratch.write("input.ndjson", text)
        let full = try ProgramRunner.run("exec", Self.arguments + [input.path])
        #expect(full.status == 0)
        let state = scratch.url.appendingPathComponent("state").path
        let options = Self.arguments.map { "'\($0)'" }.joined(separator: " ")
        let killed = try ProgramRunner.shell("""
            cd \(scratch.url.path) && split -l 250 input.ndjson chunk.
            (for f in chunk.*; do cat $f; sleep 0.04; done) | env exec --state \(state) \(options) > first.out & pid=$!
            while kill -0 $pid 2>/dev/null; do
                done=$(grep -o '"line":[0-9]*' \(state)/exec.state 2>/dev/null | cut -d: -f2)
                [ "${done:-0}" -ge \(Int(Double(total) * fraction)) ] && break
                sleep 0.01
            done
            kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
            grep -o '"line":[0-9]*' \(state)/exec.state | cut -d: -f2
            """)
        let reached = try #require(Int(killed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "no state at \(fraction): \(killed.stderr)")
        #expect(reached > 0 && reached < total, "killed after \(reached) of \(total) lines")
        let first = try String(contentsOf: scratch.url.appendingPathComponent("first.out"), encoding: .utf8)
        // The restart is given the whole input again.
        let rest = try ProgramRunner.run("exec", ["--state", state] + Self.arguments + [input.path])
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(!rest.stdout.isEmpty && full.stdout.hasSuffix(rest.stdout))
        #expect(full.stdout.hasPrefix(first))
        // Every fill of the uninterrupted run, exactly as it was, and no other.
        let fills = { (text: String) in Set(text.split(separator: "\n").filter { $0.hasPrefix(#"{"type":"fill""#) }.map(String.init)) }
        #expect(fills(first).union(fills(rest.stdout)) == fills(full.stdout))
        // The venue's own log: no client order id was ever received twice.
        let received = try String(contentsOfFile: state + "/paper-venue.log", encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }.map { $0["id"] as! String }
        #expect(received.count == Set(received).count)
        let orders = try ExecEndToEndTests.records(full.stdout, type: "order_status").filter { $0["status"] as? String == "accepted" }
        #expect(Set(received).isSuperset(of: orders.map { $0["order_id"] as! String }.filter { !$0.contains("-sl-") && !$0.contains("-tp-") }))
        // Logged by exec before it sent them: each once, and nothing reached the venue unlogged.
        let sent = try String(contentsOfFile: state + "/exec.orders", encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }.map { $0["id"] as! String }
        #expect(sent.count == Set(sent).count)
        #expect(Set(received).isSubset(of: sent))
    }

    /// A crash leaves the state behind the output and the logs: stop exec after `sent` lines,
    /// wind its state back to `saved`, and restart it on the whole input. Twenty points, each
    /// with orders logged and answered after the state's line.
    @Test func aStateBehindTheLogsResumesAtTwentyPointsWithTheSameFinalAccount() throws {
        let scratch = try ScratchDirectory()
        let text = ExecEndToEndTests.stream(minutes: 400)
        let input = try scratch.write("input.ndjson", text)
        let full = try ProgramRunner.run("exec", Self.arguments + [input.path])
        let lines = text.split(separator: "\n").count
        for point in 1...20 {
            let sent = lines * point / 21
            let saved = max(sent - 37, 0)
            let state = scratch.url.appendingPathComponent("state-\(point)").path
            let options = Self.arguments.map { "'\($0)'" }.joined(separator: " ")
            let first = try ProgramRunner.shell("""
                head -n \(sent) \(input.path) | env exec --state \(state) \(options) > /dev/null && printf '{"version":1,"line":\(saved)}\\n' > \(state)/exec.state
                """)
            #expect(first.status == 0, "\(first.stderr)")
            let rest = try ProgramRunner.run("exec", ["--state", state] + Self.arguments + [input.path])
            #expect(rest.status == 0 && full.stdout.hasSuffix(rest.stdout), "stopped at \(sent), state at \(saved)")
            let accounts = { (text: String) in text.split(separator: "\n").last { $0.hasPrefix(#"{"type":"account""#) } }
            #expect(accounts(rest.stdout) == accounts(full.stdout))
            let received = try String(contentsOfFile: state + "/paper-venue.log", encoding: .utf8).split(separator: "\n")
            #expect(received.count == Set(received.map { $0.split(separator: ",")[0] }).count, "an order reached the venue twice")
        }
    }

    @Test func anUnreadableStateStopsExec() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("state"), withIntermediateDirectories: true)
        _ = try scratch.write("state/exec.state", #"{"version":1}"#)
        let result = try ProgramRunner.run("exec", ["--state", scratch.url.appendingPathComponent("state").path], stdin: "")
        #expect(result.status == 78)
        #expect(result.stderr == "exec: state \(scratch.url.path)/state/exec.state: state: field 'line': missing\n")
    }
}
