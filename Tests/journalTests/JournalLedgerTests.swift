import Foundation
import SluiceTestSupport
import Testing

@Suite("journal --ledger", .serialized)
struct JournalLedgerTests {
    /// What exec writes for a day of orders, fed back once round the ring: every fill, status
    /// and account twice.
    static func stream(scratch: ScratchDirectory) throws -> URL {
        var lines: [String] = []
        for minute in 0..<3000 {
            let ts = 1_709_562_600_000 + Int64(minute) * 60_000
            lines.append(#"{"type":"bar","ts":\#(ts),"symbol":"SPY","open":500,"high":501,"low":499,"close":500.5}"#)
            if minute % 3 == 0 {
                let records = [
                    #"{"type":"order","id":"o\#(minute)","signal_id":"s\#(minute)","ts":\#(ts),"symbol":"SPY","side":"buy","qty":1,"kind":"market","intent":"open"}"#,
                    #"{"type":"order_status","id":"o\#(minute)-accepted","order_id":"o\#(minute)","ts":\#(ts),"status":"accepted"}"#,
                    #"{"type":"fill","id":"o\#(minute)-fill-1","order_id":"o\#(minute)","ts":\#(ts),"symbol":"SPY","side":"buy","qty":1,"price":500.5,"fee":0.05}"#,
                    #"{"type":"account","id":"account-\#(minute)","ts":\#(ts),"cash":\#(100_000 - minute),"equity":100000,"positions":[]}"#,
                ]
                lines += records + records.dropFirst()
            }
        }
        return try scratch.write("input.ndjson", lines.joined(separator: "\n") + "\n")
    }

    @Test(arguments: [0.15, 0.3, 0.5])
    func aKilledJournalRestartedOnTheSameInputLosesAndDoublesNothing(_ delay: Double) throws {
        let scratch = try ScratchDirectory()
        let input = try Self.stream(scratch: scratch)
        let full = scratch.url.appendingPathComponent("full.ledger").path
        #expect(try ProgramRunner.run("journal", ["--ledger", full, input.path]).status == 0)
        let killed = try ProgramRunner.shell("""
            cd \(scratch.url.path) && split -l 500 input.ndjson chunk.
            (for f in chunk.*; do cat $f; sleep 0.03; done) | journal --ledger killed.ledger > /dev/null & pid=$!
            sleep \(delay); kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
            wc -l < killed.ledger
            """)
        let kept = try #require(Int(killed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let expected = try String(contentsOfFile: full, encoding: .utf8)
        #expect(kept > 0 && kept < expected.split(separator: "\n").count, "killed with \(kept) ledger lines")
        let killedLedger = scratch.url.appendingPathComponent("killed.ledger").path
        let rest = try ProgramRunner.run("journal", ["--ledger", killedLedger, input.path])
        #expect(rest.status == 0)
        #expect(try String(contentsOfFile: killedLedger, encoding: .utf8) == expected)
        // Four records a third of the minutes, each once: the copies that came round the ring are not counted.
        #expect(expected.split(separator: "\n").count == 4000)
    }
}

@Suite("journal report on a real sample")
struct JournalReportSampleTests {
    /// One month of real SPY minute bars through a strategy, the sizer and the paper venue, with
    /// the feedback ring: the journal's trades, closed and open, add up to the account's change,
    /// to the cent.
    @Test func theTradesAddUpToTheAccountsChange() throws {
        let scratch = try ScratchDirectory()
        let root = ProgramRunner.repositoryRoot.path
        let instruments = root + "/pipelines/samples/instruments.ndjson"
        let result = try ProgramRunner.shell("""
            cd \(scratch.url.path) && mkfifo ring
            sigsrc --sync --feedback ring --strategy sma-cross:fast=5,slow=20 --symbol SPY \(root)/pipelines/samples/spy_1min_2013-10.csv \
              | sizer --equity 100000 --method fixed-qty --qty 10 --instruments \(instruments) \
              | env exec --feedback ring --instruments \(instruments) --fee-bps 5 --slippage-bps 1 \
              | journal --ledger ledger.ndjson > /dev/null
            journal report --json ledger.ndjson
            """)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let ledger = try String(contentsOf: scratch.url.appendingPathComponent("ledger.ndjson"), encoding: .utf8)
        let lastAccount = try ledger.split(separator: "\n").last { $0.hasPrefix(#"{"type":"account""#) }
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let equity = try #require(lastAccount?["equity"] as? NSNumber).decimalValue
        let net = (report["net_pnl"] as! NSNumber).decimalValue
        let open = (report["open"] as! [[String: Any]]).map { ($0["unrealized_pnl"] as! NSNumber).decimalValue }.reduce(0, +)
        #expect((report["trades"] as! Int) > 20)
        var total = net + open - (equity - 100_000)
        var rounded = Foundation.Decimal()
        NSDecimalRound(&rounded, &total, 2, .plain)
        #expect(rounded == 0, "trades \(net) + open \(open) against an account change of \(equity - 100_000)")
    }
}
