import Foundation
import SluiceTestSupport
import Testing

@Suite("reconcile end to end")
struct ReconcileEndToEndTests {
    static let instruments = ProgramRunner.repositoryRoot.appendingPathComponent("pipelines/samples/instruments.ndjson").path

    static func order(_ id: String, _ ms: Int64, _ symbol: String, _ side: String, _ qty: Int, _ intent: String, _ price: String) -> String {
        #"{"type":"order","id":"\#(id)","signal_id":"\#(id)","ts":\#(ms),"symbol":"\#(symbol)","side":"\#(side)","qty":\#(qty),"kind":"market","intent":"\#(intent)","ref_price":\#(price)}"#
    }

    /// The first failure: a system that held TQQQ and QQQ sent 2,234 sells of PSQ and SQQQ.
    @Test func thousandsOfSellsOfFundsNeverBoughtGiveNoSellOrder() throws {
        var lines = [#"{"type":"account","ts":1709303400000,"cash":100000,"equity":100000,"positions":[]}"#,
                     Self.order("o-tqqq", 1_709_303_460_000, "TQQQ", "buy", 200, "open", "61.20"),
                     Self.order("o-qqq", 1_709_303_460_000, "QQQ", "buy", 50, "open", "440.10"),
                     #"{"type":"fill","id":"f1","order_id":"o-tqqq","ts":1709303461000,"symbol":"TQQQ","side":"buy","qty":200,"price":61.21,"fee":1}"#,
                     #"{"type":"fill","id":"f2","order_id":"o-qqq","ts":1709303461000,"symbol":"QQQ","side":"buy","qty":50,"price":440.12,"fee":1}"#]
        for n in 0..<2234 {
            let symbol = n % 2 == 0 ? "PSQ" : "SQQQ"
            lines.append(Self.order("o-\(n)", 1_709_303_520_000 + Int64(n) * 60_000, symbol, "sell", 10 + n % 90, ["close", "reduce", "open"][n % 3], n % 2 == 0 ? "10.45" : "12.30"))
        }
        for account in ["cash", "margin"] {
            let result = try ProgramRunner.run("reconcile", ["--account", account, "--instruments", Self.instruments], stdin: lines.joined(separator: "\n") + "\n")
            #expect(result.status == 0)
            let records = try result.records()
            let sells = records.filter { $0["type"] as? String == "order" && $0["side"] as? String == "sell" }
            #expect(sells.isEmpty, "\(account): \(sells.count) sell orders got through")
            let rejects = records.filter { $0["type"] as? String == "reject" }
            #expect(rejects.count == 2234)
            #expect(rejects.allSatisfy { $0["rule"] as? String == "phantom_sell" })
            #expect(records.filter { $0["type"] as? String == "order" }.count == 2)
        }
    }

    /// The same stream as signals, through `sizer` on a margin account: sizer makes short
    /// entries of them, and reconcile refuses every one (the inverse funds cannot be shorted).
    @Test func shortSignalsOnUnheldInverseFundsNeverBecomeSells() throws {
        let scratch = try ScratchDirectory()
        var lines = [#"{"type":"account","ts":1709303400000,"cash":100000,"equity":100000,"positions":[{"symbol":"TQQQ","qty":200,"avg_price":61.21},{"symbol":"QQQ","qty":50,"avg_price":440.12}]}"#]
        for n in 0..<2234 {
            let (symbol, price) = n % 2 == 0 ? ("PSQ", "10.45") : ("SQQQ", "12.30")
            lines.append(#"{"type":"signal","id":"s\#(n)","ts":\#(1_709_303_520_000 + Int64(n) * 60_000),"symbol":"\#(symbol)","side":"\#(n % 3 == 0 ? "flat" : "short")","confidence":0.\#(50 + n % 50),"price":\#(price),"stop":\#(n % 2 == 0 ? "10.70" : "12.60")}"#)
        }
        let input = try scratch.write("signals.ndjson", lines.joined(separator: "\n") + "\n")
        let result = try ProgramRunner.shell("""
            sizer --account margin --leverage 2 --instruments \(Self.instruments) \(input.path) | reconcile --account margin --instruments \(Self.instruments)
            """)
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.records()
        #expect(records.filter { $0["type"] as? String == "order" }.isEmpty)
        let rules = Dictionary(grouping: records.filter { $0["type"] as? String == "reject" }, by: { "\($0["stage"]!) \($0["rule"]!)" }).mapValues(\.count)
        // Flat signals find nothing to close at sizer; shorts reach reconcile and stop there.
        #expect(rules == ["sizer no_position": 745, "reconcile phantom_sell": 1489])
    }

    /// The second failure: two positions the exchange had already closed blocked every entry.
    @Test func aSnapshotClearsPhantomPositionsAndTheNextEntriesTrade() throws {
        let lines = [
            #"{"type":"account","ts":1709303400000,"cash":50000,"equity":50000,"positions":[{"symbol":"SPY","qty":20,"avg_price":510},{"symbol":"NVDA","qty":10,"avg_price":880}]}"#,
            Self.order("o1", 1_709_303_460_000, "SPY", "buy", 10, "open", "512"),
            Self.order("o2", 1_709_303_460_000, "NVDA", "buy", 5, "open", "881"),
            #"{"type":"account","ts":1709303520000,"cash":69000,"equity":69000,"positions":[]}"#,
            Self.order("o3", 1_709_303_580_000, "SPY", "buy", 10, "open", "512"),
            Self.order("o4", 1_709_303_580_000, "NVDA", "buy", 5, "open", "881"),
        ]
        let result = try ProgramRunner.run("reconcile", ["--instruments", Self.instruments], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        let summary = try result.records().map { record in
            switch record["type"] as? String {
            case "reject": "reject \(record["order_id"]!) \(record["rule"]!)"
            case "correction": "correction \(record["symbol"]!) \(record["local_qty"]!)→\(record["broker_qty"]!) \(record["action"]!)"
            case let type?: "\(type) \(record["id"] ?? "")"
            case nil: "?"
            }
        }
        #expect(summary == [
            "account ", "reject o1 duplicate_entry", "reject o2 duplicate_entry",
            "account ", "correction NVDA 10→0 cleared_phantom", "correction SPY 20→0 cleared_phantom",
            "order o3", "order o4",
        ])
    }

    @Test func aFailedSnapshotClearsNothing() throws {
        let lines = [
            #"{"type":"account","ts":1709303400000,"cash":50000,"equity":50000,"positions":[{"symbol":"SPY","qty":20,"avg_price":510}]}"#,
            #"{"type":"account","ts":1709303460000,"ok":false,"error":"broker timeout","cash":0,"equity":0,"positions":[]}"#,
            Self.order("o1", 1_709_303_520_000, "SPY", "sell", 20, "close", "512"),
        ]
        let result = try ProgramRunner.run("reconcile", [], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.stdoutLines.count == 3)
        #expect(result.stdoutLines[1] == lines[1])
        #expect(result.stdoutLines[2] == lines[2])
    }

    /// A seeded mix of orders, fills, statuses, snapshots, bars and unknown records.
    static func stream(count: Int) -> String {
        var seed: UInt64 = 7
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let symbols = [("SPY", 512), ("QQQ", 440), ("TQQQ", 61), ("BTC-USD", 61234)]
        var lines = [#"{"type":"account","ts":1709303400000,"cash":250000,"equity":250000,"positions":[]}"#]
        for n in 0..<count {
            let ms = 1_709_303_460_000 + Int64(n) * 1000
            let (symbol, base) = symbols[next(symbols.count)]
            switch next(10) {
            case 0, 1:
                lines.append(#"{"type":"fill","id":"f\#(n)","order_id":"o\#(n - 1 - next(5))","ts":\#(ms),"symbol":"\#(symbol)","side":"\#(next(2) == 0 ? "buy" : "sell")","qty":\#(next(5) + 1),"price":\#(base),"fee":0.5}"#)
            case 2:
                lines.append(#"{"type":"order_status","order_id":"o\#(n - 1 - next(5))","ts":\#(ms),"status":"\#(["canceled", "filled", "accepted"][next(3)])"}"#)
            case 3:
                lines.append(#"{"type":"account","ts":\#(ms),"cash":\#(200_000 + next(100_000)),"equity":250000,"positions":[{"symbol":"\#(symbol)","qty":\#(next(20)),"avg_price":\#(base)}]}"#)
            case 4:
                lines.append(#"{"type":"note","n":\#(n)}"#)
            default:
                lines.append(Self.order("o\(n)", ms, symbol, next(2) == 0 ? "buy" : "sell", next(30) + 1, ["open", "close", "reduce"][next(3)], "\(base).\(next(100))"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func sameInputSameBytesAndNothingLost() throws {
        let scratch = try ScratchDirectory()
        let text = Self.stream(count: 5000)
        let input = try scratch.write("stream.ndjson", text)
        let arguments = ["--account", "margin", "--max-entries", "2", "--resize", "--instruments", Self.instruments, input.path]
        let first = try ProgramRunner.run("reconcile", arguments)
        let second = try ProgramRunner.run("reconcile", arguments)
        #expect(first.status == 0 && first.stderr.isEmpty)
        #expect(first.stdout == second.stdout)
        let records = try first.records()
        let inputLines = text.split(separator: "\n").count
        // Reconcile's own records: corrections, and the closes it sends (of the symbol, or of other funds of a family).
        let derived = records.filter { $0["type"] as? String == "correction" || $0["origin"] as? String == "reconcile" }.count
        #expect(records.count - derived == inputLines)
        let kinds = Set(records.compactMap { $0["type"] as? String })
        #expect(kinds.isSuperset(of: ["order", "reject", "correction", "fill", "account", "order_status", "note"]))
    }

    @Test func badLinesBecomeErrorRecordsOrStopUnderStrict() throws {
        let input = "{\"type\":\"order\",\"id\":\n" + Self.order("o1", 1_709_303_460_000, "SPY", "sell", 1, "close", "1") + "\n"
        let result = try ProgramRunner.run("reconcile", [], stdin: input)
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("reconcile: line 1: "))
        #expect(try result.records().map { $0["type"] as? String } == ["error", "reject"])
        let strict = try ProgramRunner.run("reconcile", ["--strict"], stdin: input)
        #expect(strict.status == 65)
        #expect(strict.stdout.isEmpty)
    }
}
