import Foundation
import SluiceTestSupport
import Testing

/// The scripts in `pipelines/`, run as people run them, with the programs just built.
@Suite("pipelines/ scripts", .serialized)
struct PipelineScriptTests {
    static let root = ProgramRunner.repositoryRoot.path
    static let spy = root + "/pipelines/samples/spy_1min_2013-10.csv"

    /// Runs a script from `pipelines/` in `directory` with `$SLUICE_BIN` set to the built programs.
    static func script(_ command: String, in directory: URL) throws -> ProgramRunner.Result {
        try ProgramRunner.shell("cd '\(directory.path)' && SLUICE_BIN='\(ProgramRunner.binDirectory.path)' \(root)/pipelines/\(command)")
    }

    static func read(_ directory: URL, _ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func paperReplaysTheRingDeterministicallyAndPrintsTheReport() throws {
        let first = try ScratchDirectory(), second = try ScratchDirectory()
        let run = try Self.script("paper --symbol SPY --strategy rsi \(Self.spy)", in: first.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("trades ") && run.stdout.contains("\nfunnel ") && run.stdout.contains("\nsignals seen "))
        #expect(try Self.read(first.url, "report.txt") == run.stdout)
        // Entries outside the session are refused by the gate, not sent to be rejected by the venue.
        #expect(run.stdout.contains("gate        session"))
        let again = try Self.script("paper --symbol SPY --strategy rsi \(Self.spy)", in: second.url)
        #expect(again.status == 0)
        for name in ["paper.ndjson", "ledger.ndjson", "report.txt"] {
            #expect(try Self.read(first.url, name) == Self.read(second.url, name), "\(name) differs between two replays")
        }
        #expect(try Self.read(first.url, "ledger.ndjson").contains(#""type":"fill""#))
    }

    @Test func paperWithoutAFileIsAUsageError() throws {
        let scratch = try ScratchDirectory()
        let run = try Self.script("paper --symbol SPY", in: scratch.url)
        #expect(run.status == 64 && run.stderr.hasPrefix("usage: pipelines/paper"))
    }

    @Test func auditPrintsTheRefusalSummary() throws {
        let scratch = try ScratchDirectory()
        let run = try Self.script("audit --profile conservative \(Self.root)/pipelines/samples/signals-recorded.ndjson", in: scratch.url)
        #expect(run.status == 0)
        #expect(run.stdout.contains("passed: 78 (32.5%)\nrefused: 162 (67.5%)\nrefused by rule:\n  confidence    113"))
        let summary = try JSONSerialization.jsonObject(with: Data(Self.read(scratch.url, "audit-summary.json").utf8)) as! [String: Any]
        #expect(summary["passed"] as? Int == 78)
        #expect(try Self.read(scratch.url, "audit.ndjson").split(separator: "\n").count == 240)
    }

    @Test func replayCronLocksLogsReportsAndSaysWhatNeedsAttention() throws {
        let scratch = try ScratchDirectory()
        let dir = scratch.url.appendingPathComponent("state")
        let first = try Self.script("replay-cron --dir state --symbol SPY \(Self.spy)", in: scratch.url)
        #expect(first.status == 0, "\(first.stderr)")
        let ledger = try Self.read(dir, "ledger.ndjson")
        // The same data again adds nothing to the ledger.
        let second = try Self.script("replay-cron --dir state --symbol SPY \(Self.spy)", in: scratch.url)
        #expect(second.status == 0)
        #expect(try Self.read(dir, "ledger.ndjson") == ledger)
        let reports = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path)
        #expect(reports.count == 1 && reports[0].hasSuffix(".txt"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("lock").path))
        // A live holder of the lock makes the next run stand aside.
        let held = try ProgramRunner.shell("mkdir '\(dir.path)/lock' && echo $$ > '\(dir.path)/lock/pid' && SLUICE_BIN='\(ProgramRunner.binDirectory.path)' \(Self.root)/pipelines/replay-cron --dir '\(dir.path)' --symbol SPY \(Self.spy); echo $?")
        #expect(held.stdout == "75\n")
        // A lock left by a run that is gone is taken over.
        try "999999999\n".write(toFile: dir.appendingPathComponent("lock/pid").path, atomically: true, encoding: .utf8)
        #expect(try Self.script("replay-cron --dir state --symbol SPY \(Self.spy)", in: scratch.url).status == 0)
        // A bad input line is data, and something to look at.
        let bad = try scratch.write("bad.csv", try String(contentsOfFile: Self.spy, encoding: .utf8) + "2013-10-11 16:00:00,oops,1,1,1,1\n")
        let attention = try Self.script("replay-cron --dir state --symbol SPY \(bad.path)", in: scratch.url)
        #expect(attention.status == 1)
        let log = try Self.read(dir, "log").split(separator: "\n")
        #expect(log.count == 10)
        #expect(log[1].contains(" ok: errors 0,") && log[4].contains(" skipped: run ") && log[5].contains(" taking over the lock "))
        #expect(log[9].contains(" needs attention: errors 1,"))
    }

    @Test func livePaperFollowsAGrowingFileUntilStopped() throws {
        let scratch = try ScratchDirectory()
        let feed = scratch.url.appendingPathComponent("feed.ndjson")
        func stamp(_ offset: TimeInterval) -> String {
            let formatter = ISO8601DateFormatter()
            return formatter.string(from: Date().addingTimeInterval(offset))
        }
        try #"{"type":"bar","ts":"\#(stamp(-60))","symbol":"BTC-USD","open":61000,"high":61100,"low":60900,"close":61000,"volume":5,"interval":60}"#
            .appending("\n").write(to: feed, atomically: true, encoding: .utf8)
        // Foundation starts the script as the leader of a process group of its own: stopping that
        // group stops every stage, as Ctrl-C does.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.root + "/pipelines/live-paper")
        process.arguments = ["feed.ndjson"]
        process.currentDirectoryURL = scratch.url
        process.environment = ProcessInfo.processInfo.environment.merging(["SLUICE_BIN": ProgramRunner.binDirectory.path]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let group = process.processIdentifier
        defer { kill(-group, SIGKILL) }
        try #require(getpgid(group) == group, "live-paper is not the leader of its process group")
        Thread.sleep(forTimeInterval: 1)
        let handle = try FileHandle(forWritingTo: feed)
        handle.seekToEndOfFile()
        handle.write(Data((#"{"type":"signal","id":"live-1","ts":"\#(stamp(0))","symbol":"BTC-USD","side":"long","confidence":0.8,"price":61000,"atr":150}"# + "\n"
            + #"{"type":"bar","ts":"\#(stamp(60))","symbol":"BTC-USD","open":61010,"high":61100,"low":60900,"close":61050,"volume":5,"interval":60}"# + "\n").utf8))
        try handle.close()
        let ledger = scratch.url.appendingPathComponent("ledger.ndjson")
        var filled = false
        for _ in 0..<100 where !filled {
            Thread.sleep(forTimeInterval: 0.1)
            filled = ((try? String(contentsOf: ledger, encoding: .utf8)) ?? "").contains(#""order_id":"o-live-1","ts""#)
        }
        #expect(filled, "no fill of o-live-1 in the ledger")
        #expect(kill(-group, SIGTERM) == 0)
        var stopped = false
        for _ in 0..<50 where !stopped {
            Thread.sleep(forTimeInterval: 0.1)
            stopped = kill(-group, 0) != 0
        }
        #expect(stopped, "live-paper still running after SIGTERM")
        #expect(try Self.read(scratch.url, "live.ndjson").contains(#""type":"fill""#))
    }
}
