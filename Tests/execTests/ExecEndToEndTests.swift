import Foundation
import SluiceTestSupport
import Testing

@Suite("exec end to end")
struct ExecEndToEndTests {
    static let instruments = ProgramRunner.repositoryRoot.appendingPathComponent("pipelines/samples/instruments.ndjson").path

    /// Minute bars for SPY and QQQ from 2024-03-04 14:30Z (a Monday, in session) on a seeded
    /// random walk, and every seventh minute an order: entries with a stop and a target, exits.
    static func stream(minutes: Int, seed: UInt64 = 42) -> String {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % 1000)
        }
        var prices = ["SPY": 50_000, "QQQ": 44_000]
        var lines: [String] = []
        let start: Int64 = 1_709_562_600_000
        func price(_ cents: Int) -> String { String(format: "%d.%02d", cents / 100, cents % 100) }
        for minute in 0..<minutes {
            let ts = start + Int64(minute) * 60_000
            for symbol in ["SPY", "QQQ"] {
                let open = prices[symbol]!
                let close = max(1_000, open + next() / 10 - 50)
                let high = max(open, close) + next() / 20
                let low = min(open, close) - next() / 20
                prices[symbol] = close
                lines.append(#"{"type":"bar","ts":\#(ts),"symbol":"\#(symbol)","open":\#(price(open)),"high":\#(price(high)),"low":\#(price(low)),"close":\#(price(close)),"volume":\#(100 + next()),"interval":60}"#)
            }
            if minute % 7 == 3 {
                let symbol = minute % 2 == 0 ? "SPY" : "QQQ"
                let last = prices[symbol]!
                let id = "o\(minute)"
                if minute % 21 == 3 {
                    lines.append(#"{"type":"order","id":"\#(id)","signal_id":"s\#(minute)","ts":\#(ts + 60_000),"symbol":"\#(symbol)","side":"sell","qty":5,"kind":"market","intent":"close"}"#)
                } else {
                    lines.append(#"{"type":"order","id":"\#(id)","signal_id":"s\#(minute)","ts":\#(ts + 60_000),"symbol":"\#(symbol)","side":"buy","qty":\#(1 + next() % 9),"kind":"market","intent":"open","ref_price":\#(price(last)),"stop_loss":\#(price(last - 150)),"take_profit":\#(price(last + 200)),"trailing":1.5}"#)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func records(_ text: String, type: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").compactMap { line in
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return record["type"] as? String == type ? record : nil
        }
    }

    @Test func theSameInputGivesByteIdenticalOutputEvenWithFaults() throws {
        let input = Self.stream(minutes: 300)
        let arguments = ["--instruments", Self.instruments, "--fee-bps", "5", "--slippage-bps", "2", "--fault", "timeout=0.1,reject=0.1,drop-fill-event=0.05,drop-bracket=0.05,seed=3"]
        let first = try ProgramRunner.run("exec", arguments, stdin: input)
        let second = try ProgramRunner.run("exec", arguments, stdin: input)
        #expect(first.status == 0 && first.stderr.isEmpty)
        #expect(first.stdout == second.stdout)
        #expect(try Self.records(first.stdout, type: "fill").count > 20)
    }

    /// Nothing is lost: every input line comes out first, in order, then what it caused.
    @Test func everyInputLinePassesThroughInOrder() throws {
        let input = Self.stream(minutes: 120)
        let result = try ProgramRunner.run("exec", ["--instruments", Self.instruments], stdin: input)
        let made: Set<String> = ["order_status", "fill", "account"]
        let passed = try result.stdout.split(separator: "\n").filter { line in
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return !made.contains(record["type"] as! String)
        }
        #expect(passed.map(String.init) == input.split(separator: "\n").map(String.init))
    }

    /// What comes back round the ring is passed on and never applied a second time.
    @Test func ownRecordsFedBackAreNotAppliedTwice() throws {
        let input = Self.stream(minutes: 120)
        let once = try ProgramRunner.run("exec", ["--instruments", Self.instruments], stdin: input)
        // Feed each output line back in right after the input line that caused it.
        let twice = try ProgramRunner.run("exec", ["--instruments", Self.instruments], stdin: once.stdout)
        let lastAccount = { (text: String) throws -> [String: Any] in try Self.records(text, type: "account").last! }
        let (a, b) = (try lastAccount(once.stdout), try lastAccount(twice.stdout))
        #expect(a["cash"] as? NSNumber == b["cash"] as? NSNumber)
        #expect(a["equity"] as? NSNumber == b["equity"] as? NSNumber)
        #expect(try Self.records(twice.stdout, type: "fill").count == 2 * Self.records(once.stdout, type: "fill").count)
    }

    /// The feedback ring: sigsrc --sync waits for exec's ack after each record, and merges the
    /// statuses, fills and snapshots exec wrote to the FIFO into the stream.
    @Test func theFeedbackRingAcknowledgesEveryBarrier() throws {
        let scratch = try ScratchDirectory()
        let input = try scratch.write("input.ndjson", Self.stream(minutes: 60))
        let fifo = scratch.url.appendingPathComponent("ring").path
        let run = { () throws -> ProgramRunner.Result in
            try ProgramRunner.shell("""
                rm -f \(fifo) && mkfifo \(fifo) && sigsrc --sync --feedback \(fifo) \(input.path) | env exec --feedback \(fifo) --instruments \(Self.instruments)
                """)
        }
        let first = try run()
        #expect(first.status == 0, "\(first.stderr)")
        let second = try run()
        #expect(first.stdout == second.stdout)
        let barriers = try Self.records(first.stdout, type: "barrier").count
        #expect(barriers == Self.stream(minutes: 60).split(separator: "\n").count)
        // Each fill appears twice downstream of exec: as exec wrote it, and once more after
        // travelling the ring (the journal counts it once, by id).
        let fills = try Self.records(first.stdout, type: "fill").map { $0["id"] as! String }
        #expect(!fills.isEmpty)
        #expect(Dictionary(grouping: fills, by: { $0 }).values.allSatisfy { $0.count == 2 })
    }

    /// A ring whose sigsrc stopped before opening the FIFO (a bad argument) must not leave exec
    /// waiting for a reader for ever: it gives up after --feedback-wait seconds.
    @Test func aFeedbackFIFONobodyReadsStopsExecInTime() throws {
        let scratch = try ScratchDirectory()
        let fifo = scratch.url.appendingPathComponent("ring").path
        let result = try ProgramRunner.shell("""
            mkfifo \(fifo) && sigsrc --sync --feedback \(fifo) --no-such-option | env exec --feedback \(fifo) --feedback-wait 1; echo "status $?"
            """)
        #expect(result.stdout.hasSuffix("status 74\n"))
        #expect(result.stderr.contains("exec: \(fifo): no reader opened it within 1 s (is sigsrc --feedback running?)"))
        #expect(result.stderr.contains("sigsrc: unknown option '--no-such-option'"))
    }

    @Test func aFeedbackFIFOThatDoesNotExistStopsExec() throws {
        let result = try ProgramRunner.run("exec", ["--feedback", "/nonexistent/ring"], stdin: "")
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("exec: /nonexistent/ring: "))
    }
}
