import Foundation
import SluiceTestSupport
import Testing

@Suite("sigsrc end to end", .serialized)
struct SigsrcEndToEndTests {
    let samples = ProgramRunner.repositoryRoot.appendingPathComponent("pipelines/samples")

    @Test func spyMinuteBarsFromTheSamples() throws {
        let result = try ProgramRunner.run("sigsrc", ["--symbol", "SPY", samples.appendingPathComponent("spy_1min_2013-10.csv").path])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdoutLines
        // Nothing lost: one bar per data row.
        #expect(lines.count == 4839)
        let records = try result.records()
        #expect(records.allSatisfy { $0["type"] as? String == "bar" && $0["interval"] as? Int == 60 })
        // 04:06 New York in October is 08:06 UTC (EDT), and the regular open 09:30 is 13:30 UTC.
        #expect(records.first?["ts"] as? String == "2013-10-04T08:06:00.000Z")
        #expect(lines.contains { $0.contains(#""ts":"2013-10-04T13:30:00.000Z""#) })
        #expect(records.last?["ts"] as? String == "2013-10-11T23:59:00.000Z")
        #expect(lines.last?.hasSuffix(#""close":170.41,"volume":525,"interval":60}"#) == true)
    }

    @Test func btcDailyBarsKeepTheirTextAndTheBadPrint() throws {
        let result = try ProgramRunner.run("sigsrc", ["--symbol", "BTC-USD", samples.appendingPathComponent("btcusd_daily_2014-2018.csv").path])
        #expect(result.status == 0)
        #expect(result.stdoutLines.count == 1318)
        #expect(result.stdoutLines.first == #"{"type":"bar","id":"s-1","ts":"2014-12-01T00:00:00.000Z","symbol":"BTC-USD","open":300,"high":370,"low":300,"close":370,"volume":0.05655554,"interval":86400}"#)
        // The 2017-04-15 bar with a low of 0.06 is a valid bar (low below open and close) and passes.
        #expect(result.stdoutLines.contains { $0.contains(#""ts":"2017-04-15T00:00:00.000Z""#) && $0.contains(#""low":0.06"#) })
    }

    @Test func strategiesOnRealDataAreDeterministic() throws {
        let arguments = ["--symbol", "BTC-USD", "--strategy", "sma-cross:fast=10,slow=30", "--strategy", "rsi",
                         samples.appendingPathComponent("btcusd_daily_2014-2018.csv").path]
        let first = try ProgramRunner.run("sigsrc", arguments)
        let second = try ProgramRunner.run("sigsrc", arguments)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let records = try first.records()
        let signals = records.filter { $0["type"] as? String == "signal" }
        #expect(records.count - signals.count == 1318)
        #expect(signals.count > 20)
        for signal in signals {
            let confidence = try #require(signal["confidence"] as? Double)
            #expect(confidence >= 0.5 && confidence <= 1)
            #expect(["long", "short"].contains(signal["side"] as? String))
            #expect(signal["atr"] as? Double ?? 0 > 0)
        }
        // No look-ahead: a signal is stamped with the end of its bar, never earlier than the bar before it.
        var lastBarEnd = ""
        for record in records {
            if record["type"] as? String == "bar" {
                lastBarEnd = record["ts"] as? String ?? ""
            } else {
                #expect((record["ts"] as? String ?? "") > lastBarEnd)
            }
        }
    }

    @Test func sharedRealDataWhenPresent() throws {
        let shared = ProgramRunner.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real")
        let nvda = shared.appendingPathComponent("nvda_daily_1999-2014.csv")
        let eth = shared.appendingPathComponent("ethbtc_5m_2018-01.csv")
        guard FileManager.default.fileExists(atPath: nvda.path) else { return }
        let result = try ProgramRunner.run("sigsrc", ["--symbol", "NVDA", "--symbol", "ETH-BTC", nvda.path, eth.path])
        #expect(result.status == 0)
        #expect(result.stdoutLines.count == 4012 + 5760)
        // Merged by time: the 2014 NVDA bars come before every 2018 ETH bar.
        let symbols = try result.records().map { $0["symbol"] as? String ?? "" }
        #expect(symbols.firstIndex(of: "ETH-BTC") == 4012)
    }

    @Test func helpAndVersion() throws {
        let help = try ProgramRunner.run("sigsrc", ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("usage: sigsrc [options] [FILE...]"))
        #expect(help.stdout.contains("--strategy SPEC"))
        #expect(help.stderr.isEmpty)
        let version = try ProgramRunner.run("sigsrc", ["--version"])
        #expect(version.stdout == "sigsrc (sluice) 0.1.0\n")
    }

    @Test func configFileSectionsApply() throws {
        let scratch = try ScratchDirectory()
        let config = try scratch.write("sluice.json", #"{"sigsrc": {"id-prefix": "cfg-", "symbol": "CFG"}, "gate": {"anything": 1}}"#)
        let csv = try scratch.write("bars.csv", "date,open,high,low,close\n2024-01-02,10,11,9,10\n")
        let result = try ProgramRunner.run("sigsrc", ["--config", config.path, csv.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""id":"cfg-1""#))
        #expect(result.stdout.contains(#""symbol":"CFG""#))
        let bad = try scratch.write("bad.json", #"{"sigsrc": {"speeed": 2}}"#)
        let refused = try ProgramRunner.run("sigsrc", ["--config", bad.path, csv.path])
        #expect(refused.status == 78)
        #expect(refused.stderr == "sigsrc: config \(bad.path): sigsrc: unknown option 'speeed'\n")
    }

    @Test func overlongLinesBecomeErrorsAndTheRestPasses() throws {
        var input = #"{"type":"tick","id":"a","ts":"2024-03-01T14:30:00.000Z","symbol":"A","last":1}"# + "\n"
        input += #"{"type":"tick","pad":""# + String(repeating: "x", count: 17 * 1024 * 1024) + "\"}\n"
        input += #"{"type":"tick","id":"b","ts":"2024-03-01T14:30:01.000Z","symbol":"A","last":2}"# + "\n"
        let result = try ProgramRunner.run("sigsrc", [], stdin: input)
        #expect(result.status == 0)
        let lines = result.stdoutLines
        #expect(lines.count == 3)
        // Booleans, so that a failure does not print 4 KiB of x.
        let prefixMatches = lines[1].hasPrefix(#"{"type":"error","stage":"sigsrc","line":2,"reason":"line longer than 16777216 bytes","raw":"{\"type\":\"tick\",\"pad\":\"xxx"#)
        let suffixMatches = lines[1].hasSuffix(#"xxx","truncated":true}"#)
        #expect(prefixMatches)
        #expect(suffixMatches)
        #expect(lines[1].count < 5000)
        #expect(lines[2].contains(#""id":"b""#))
        #expect(result.stderr == "sigsrc: line 2: line longer than 16777216 bytes\n")
    }

    @Test func invalidUTF8IsCarriedAsText() throws {
        var input = Data(#"{"type":"tick","name":""#.utf8)
        input.append(contentsOf: [0xC3, 0x28])
        input.append(Data("\"}\n".utf8))
        let result = try ProgramRunner.run("sigsrc", [], stdin: input)
        #expect(result.stdout == #"{"type":"error","stage":"sigsrc","line":1,"reason":"invalid UTF-8 at byte 24","raw":"{\"type\":\"tick\",\"name\":\"\#u{FFFD}(\"}"}"# + "\n")
    }

    @Test func crlfAndBlankLinesAreAccepted() throws {
        let result = try ProgramRunner.run("sigsrc", [], stdin: "\r\n{\"type\":\"x\",\"id\":\"1\"}\r\n\n   \n{\"type\":\"x\",\"id\":\"2\"}")
        #expect(result.stdout == "{\"type\":\"x\",\"id\":\"1\"}\n{\"type\":\"x\",\"id\":\"2\"}\n")
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let csv = samples.appendingPathComponent("spy_1min_2013-10.csv").path
        let result = try ProgramRunner.shell("bash -c 'sigsrc --symbol SPY \(csv) \(csv) | head -n 1; echo \"status ${PIPESTATUS[0]}\"'")
        #expect(result.stdoutLines.count == 2)
        #expect(result.stdoutLines.last == "status 0")
        #expect(result.stderr.isEmpty)
    }

    @Test func terminationFlushesWhatWasRead() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("grow.ndjson", #"{"type":"tick","id":"a","ts":"2024-03-01T14:30:00.000Z","symbol":"A","last":1}"# + "\n")
        let output = scratch.url.appendingPathComponent("out.ndjson").path
        let result = try ProgramRunner.shell("""
            sigsrc --follow \(file.path) > \(output) & pid=$!
            sleep 0.5
            printf '%s\\n' '{"type":"tick","id":"b","ts":"2024-03-01T14:30:01.000Z","symbol":"A","last":2}' >> \(file.path)
            sleep 0.7
            kill -TERM $pid; wait $pid; echo "status $?"; cat \(output)
            """)
        #expect(result.stdoutLines.first == "status 143")
        #expect(result.stdoutLines.dropFirst().map { $0.contains(#""id":"a""#) || $0.contains(#""id":"b""#) } == [true, true])
    }

    @Test func syncWaitsForEachAckAndForwardsFeedback() throws {
        let scratch = try ScratchDirectory()
        let fifo = scratch.url.appendingPathComponent("feedback").path
        let input = try scratch.write("in.ndjson", (1...3).map {
            #"{"type":"tick","id":"t\#($0)","ts":"2024-03-01T14:30:0\#($0).000Z","symbol":"A","last":\#($0)}"#
        }.joined(separator: "\n") + "\n")
        // A stand-in for exec: for each barrier it writes a fill, then the ack.
        let fakeExec = try scratch.write("fake-exec.sh", """
            while IFS= read -r line; do
              case "$line" in
                *'"type":"barrier"'*)
                  seq=${line##*\\"seq\\":}; seq=${seq%\\}}
                  printf '{"type":"fill","id":"f%s","order_id":"o","ts":"2024-03-01T14:30:0%s.500Z","symbol":"A","side":"buy","qty":1,"price":1,"fee":0}\\n' "$seq" "$seq" > "$1"
                  printf '{"type":"ack","seq":%s}\\n' "$seq" > "$1" ;;
                *) printf '%s\\n' "$line" ;;
              esac
            done
            """)
        let result = try ProgramRunner.shell("mkfifo \(fifo) && sigsrc --sync --feedback \(fifo) --ack-timeout 10 \(input.path) | sh \(fakeExec.path) \(fifo)")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let ids = try result.records().map { $0["id"] as? String ?? "?" }
        // Each input record, then the fill its barrier caused, in order; acks are not forwarded.
        #expect(ids == ["t1", "f1", "t2", "f2", "t3", "f3"])
    }

    @Test func syncGivesUpWhenNoAckComes() throws {
        let scratch = try ScratchDirectory()
        let fifo = scratch.url.appendingPathComponent("feedback").path
        let input = try scratch.write("in.ndjson", #"{"type":"tick","id":"t1","ts":"2024-03-01T14:30:00.000Z","symbol":"A","last":1}"# + "\n")
        let result = try ProgramRunner.shell("mkfifo \(fifo) && sigsrc --sync --feedback \(fifo) --ack-timeout 1 \(input.path)")
        #expect(result.status == 1)
        #expect(result.stderr == "sigsrc: no ack for barrier 1 within 1s on \(fifo): is exec running with --feedback \(fifo)?\n")
        // What was written before the wait still reached the output.
        #expect(result.stdout == #"{"type":"tick","id":"t1","ts":"2024-03-01T14:30:00.000Z","symbol":"A","last":1}"# + "\n" + #"{"type":"barrier","seq":1}"# + "\n")
    }

    @Test func syncStopsWhenExecGoesAway() throws {
        let scratch = try ScratchDirectory()
        let fifo = scratch.url.appendingPathComponent("feedback").path
        let input = try scratch.write("in.ndjson", (1...3).map {
            #"{"type":"tick","id":"t\#($0)","ts":"2024-03-01T14:30:0\#($0).000Z","symbol":"A","last":\#($0)}"#
        }.joined(separator: "\n") + "\n")
        // A stand-in for exec that holds the FIFO open, acks the first barrier, and dies.
        let fakeExec = try scratch.write("fake-exec.sh", """
            exec 3> "$1"
            IFS= read -r line; IFS= read -r line
            printf '{"type":"ack","seq":1}\\n' >&3
            IFS= read -r line; IFS= read -r line
            exit 0
            """)
        // The ack timeout is long: sigsrc must notice that exec has gone, not wait it out.
        let result = try ProgramRunner.shell("mkfifo \(fifo) && sigsrc --sync --feedback \(fifo) --ack-timeout 120 \(input.path) | sh \(fakeExec.path) \(fifo)")
        #expect(result.stderr.hasPrefix("sigsrc: exec closed \(fifo) before the ack for barrier 2: a stage of the ring stopped\n"), "\(result.stderr)")
    }

    @Test func liveFeedbackIsMergedAsItArrives() throws {
        let scratch = try ScratchDirectory()
        let fifo = scratch.url.appendingPathComponent("feedback").path
        let input = try scratch.write("in.ndjson", #"{"type":"tick","id":"t1","ts":"2024-03-01T14:30:00.000Z","symbol":"A","last":1}"# + "\n")
        let result = try ProgramRunner.shell("""
            mkfifo \(fifo)
            (sleep 0.3; printf '%s\\n' '{"type":"account","ts":1709303400500,"cash":1,"equity":1,"positions":[]}' 'garbage' > \(fifo)) &
            sigsrc --feedback \(fifo) --linger 2 \(input.path); wait
            """)
        #expect(result.status == 0)
        let lines = result.stdoutLines
        #expect(lines.count == 3)
        #expect(lines[1] == #"{"type":"account","ts":"2024-03-01T14:30:00.500Z","cash":1,"equity":1,"positions":[],"id":"s-1"}"#)
        #expect(lines[2].hasPrefix(#"{"type":"error","stage":"sigsrc","file":"\#(fifo)","line":2"#))
    }

    @Test func liveFeedbackFlowsWhileTheInputIsQuiet() throws {
        let scratch = try ScratchDirectory()
        let fifo = scratch.url.appendingPathComponent("feedback").path
        // The input's only record comes after two seconds; the fill arrives after a third of one
        // and must not wait for it.
        let result = try ProgramRunner.shell("""
            mkfifo \(fifo)
            (sleep 0.3; printf '%s\\n' '{"type":"fill","id":"f1","order_id":"o","ts":1709303400500,"symbol":"A","side":"buy","qty":1,"price":1,"fee":0}' > \(fifo)) &
            (sleep 2; printf '%s\\n' '{"type":"tick","id":"t1","ts":"2024-03-01T14:30:01.000Z","symbol":"A","last":1}') | sigsrc --feedback \(fifo) --linger 0; wait
            """)
        #expect(result.status == 0)
        #expect(try result.records().map { $0["id"] as? String ?? "?" } == ["f1", "t1"])
    }

    @Test func liveFeedbackFlowsWhileFollowingAnIdleFile() throws {
        let scratch = try ScratchDirectory()
        let fifo = scratch.url.appendingPathComponent("feedback").path
        let file = try scratch.write("signals.ndjson", #"{"type":"tick","id":"t1","ts":"2024-03-01T14:30:01.000Z","symbol":"A","last":1}"# + "\n")
        let output = scratch.url.appendingPathComponent("out").path
        let result = try ProgramRunner.shell("""
            mkfifo \(fifo)
            sigsrc --follow --feedback \(fifo) \(file.path) > \(output) & pid=$!
            sleep 0.5
            printf '%s\\n' '{"type":"fill","id":"f1","order_id":"o","ts":1709303401500,"symbol":"A","side":"buy","qty":1,"price":1,"fee":0}' > \(fifo)
            sleep 0.7
            kill -TERM $pid; wait $pid; cat \(output)
            """)
        #expect(try result.records().map { $0["id"] as? String ?? "?" } == ["t1", "f1"])
    }

    @Test func speedPacesByEventTime() throws {
        let input = (0..<3).map { #"{"type":"tick","id":"t\#($0)","ts":"2024-03-01T14:30:0\#($0).000Z","symbol":"A","last":1}"# }.joined(separator: "\n")
        let start = Date()
        let result = try ProgramRunner.run("sigsrc", ["--speed", "4"], stdin: input)
        let elapsed = Date().timeIntervalSince(start)
        #expect(result.stdoutLines.count == 3)
        // Two seconds of event time at 4× take at least half a second.
        #expect(elapsed >= 0.45)
    }

    @Test func progressShowsOnATerminalOnly() throws {
        let scratch = try ScratchDirectory()
        let input = try scratch.write("in.ndjson", (0..<4).map {
            #"{"type":"tick","id":"t\#($0)","ts":"2024-03-01T14:30:0\#($0).000Z","symbol":"A","last":1}"#
        }.joined(separator: "\n") + "\n")
        // script(1) gives the program a terminal for standard error; standard output goes to a file.
        func onTerminal(_ options: String) throws -> ProgramRunner.Result {
            try ProgramRunner.shell("script -qfec 'sigsrc \(options) --speed 2 \(input.path) > \(scratch.url.path)/out' /dev/null")
        }
        let shown = try onTerminal("")
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("sigsrc: 2 records, "))
        #expect(shown.stdout.contains("records/s"))
        let quiet = try onTerminal("--quiet")
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("records/s"))
        // Not a terminal: never.
        let plain = try ProgramRunner.run("sigsrc", ["--speed", "2", input.path])
        #expect(plain.stderr.isEmpty)
    }

    @Test func directoriesAreRefusedAsInputs() throws {
        let result = try ProgramRunner.run("sigsrc", ["/tmp"])
        #expect(result.status == 66)
        #expect(result.stderr == "sigsrc: /tmp: is a directory\n")
    }

    @Test("usage errors exit 64", arguments: [
        ["--speed", "0"], ["--interval", "5x"], ["--tz", "Mars/Olympus"], ["--strategy", "macd"], ["--follow", "a", "b"],
        ["--columns", "open,high"], ["-", "-"], ["--ack-timeout", "0"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let result = try ProgramRunner.run("sigsrc", arguments, stdin: "")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("sigsrc: "))
        #expect(result.stderr.contains("usage: sigsrc"))
        #expect(result.stdout.isEmpty)
    }
}
