import Foundation
import SluiceTestSupport
import Testing

@Suite("reconcile --state", .serialized)
struct ReconcileStateFileTests {
    static let arguments = ["--account", "margin", "--max-entries", "2", "--resize", "--max-stale", "30", "--instruments", ReconcileEndToEndTests.instruments]

    @Test(arguments: [0.15, 0.35, 0.6])
    func aKilledReconcileResumesAsIfUninterrupted(_ delay: Double) throws {
        let scratch = try ScratchDirectory()
        let text = ReconcileEndToEndTests.stream(count: 6000)
        let input = try scratch.write("input.ndjson", text)
        let total = text.split(separator: "\n").count
        let options = Self.arguments.joined(separator: " ")
        let full = try ProgramRunner.run("reconcile", Self.arguments + [input.path])
        #expect(full.status == 0)
        let state = scratch.url.appendingPathComponent("state").path
        // Feed the input slowly, kill -9 part way, then give a new reconcile the lines after
        // the ones its state says were checked.
        let killed = try ProgramRunner.shell("""
            cd \(scratch.url.path) && split -l 200 input.ndjson chunk.
            (for f in chunk.*; do cat $f; sleep 0.02; done) | reconcile --state \(state) \(options) > first.out & pid=$!
            sleep \(delay); kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
            grep -o '"line":[0-9]*' \(state)/reconcile.state | cut -d: -f2
            """)
        let checked = try #require(Int(killed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "no state after \(delay)s: \(killed.stderr)")
        #expect(checked > 0 && checked < total, "killed after \(checked) of \(total) lines")
        let first = try String(contentsOf: scratch.url.appendingPathComponent("first.out"), encoding: .utf8)
        let rest = try ProgramRunner.shell("tail -n +\(checked + 1) \(input.path) | reconcile --state \(state) \(options)")
        #expect(rest.status == 0)
        // The new run writes exactly the uninterrupted run's output from the state's line on;
        // with what the killed run wrote before, nothing is missing (a block written just
        // before the kill may come twice, with the same ids).
        #expect(!rest.stdout.isEmpty && full.stdout.hasSuffix(rest.stdout))
        #expect(full.stdout.hasPrefix(first))
        #expect(first.utf8.count + rest.stdout.utf8.count >= full.stdout.utf8.count)
        let final = try String(contentsOfFile: state + "/reconcile.state", encoding: .utf8)
        #expect(final.contains(#""line":\#(total),"#))
    }

    @Test func anUnreadableStateStopsReconcile() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("state"), withIntermediateDirectories: true)
        _ = try scratch.write("state/reconcile.state", #"{"version":1,"line":3,"positions":[{"symbol":"SPY"}],"pending":[],"instruments":[]}"#)
        let result = try ProgramRunner.run("reconcile", ["--state", scratch.url.appendingPathComponent("state").path], stdin: "")
        #expect(result.status == 78)
        #expect(result.stderr == "reconcile: state \(scratch.url.path)/state/reconcile.state: state: field 'qty': missing\n")
    }
}
