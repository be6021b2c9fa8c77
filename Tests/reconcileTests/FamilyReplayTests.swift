import Foundation
import SluiceTestSupport
import Testing

/// The failure that started Sluice, replayed: one index traded through four funds (QQQ 1×,
/// TQQQ 3×, PSQ −1×, SQQQ −3×) by a selector that picks a fund per signal. Bullish, then bearish,
/// NDX signals of varying confidence run over a real week of SPY minutes (the funds priced from
/// its moves) through the whole ring: sizer routes, reconcile nets the family, the paper venue trades.
@Suite("a family of leveraged and inverse funds, replayed")
struct FamilyReplayTests {
    static let funds: [(symbol: String, exposure: Double, base: Double)] = [("QQQ", 1, 80), ("TQQQ", 3, 60), ("PSQ", -1, 25), ("SQQQ", -3, 30)]

    /// Regular-session minutes of the SPY sample; each fund at `base × (1 + exposure × SPY's
    /// move since the first minute)`; an NDX signal every 20 minutes, long for the first 45% of
    /// the week and short after, its confidence cycling so that the route changes fund.
    static func stream() throws -> String {
        let csv = try String(contentsOf: ProgramRunner.repositoryRoot.appendingPathComponent("pipelines/samples/spy_1min_2013-10.csv"), encoding: .utf8)
        let rows: [[String]] = csv.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: ",").map(String.init)
            let time = String(fields[0].suffix(8))
            return time >= "09:30:00" && time <= "15:59:00" ? fields : nil
        }
        let first = Double(rows[0][4])!
        let confidences = ["0.6", "0.9", "0.9", "0.6", "0.55", "0.95"]
        var lines: [String] = []
        for (n, row) in rows.enumerated() {
            // October 2013 in New York is UTC-4.
            let (date, time) = (row[0].prefix(10), row[0].suffix(8))
            let ts = "\(date)T\(Int(time.prefix(2))! + 4):\(time.dropFirst(3).prefix(2)):00Z"
            let spy = row[1...4].map { Double($0)! }
            for fund in funds {
                let prices: [Double] = spy.map { (price: Double) -> Double in
                    let moved: Double = fund.base * (1 + fund.exposure * (price / first - 1))
                    return (moved * 100).rounded() / 100
                }
                lines.append(#"{"type":"bar","ts":"\#(ts)","symbol":"\#(fund.symbol)","open":\#(prices[0]),"high":\#(prices.max()!),"low":\#(prices.min()!),"close":\#(prices[3]),"volume":100000,"interval":60}"#)
            }
            if n % 20 == 10 {
                let side = Double(n) < Double(rows.count) * 0.45 ? "long" : "short"
                lines.append(#"{"type":"signal","id":"ndx-\#(n)","ts":"\#(ts)","symbol":"NDX","side":"\#(side)","confidence":\#(confidences[(n / 20) % 6]),"price":\#(spy[3] * 10),"strategy":"selector"}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func noFundIsSoldUnheldHoldingsRotateAndTheJournalAddsUp() throws {
        let scratch = try ScratchDirectory()
        _ = try scratch.write("stream.ndjson", try Self.stream())
        let instruments = ProgramRunner.repositoryRoot.path + "/pipelines/samples/instruments.ndjson"
        let result = try ProgramRunner.shell("""
            cd \(scratch.url.path) && mkfifo ring
            sigsrc --sync --feedback ring \(instruments) stream.ndjson \
              | sizer --equity 100000 --method pct-equity --pct 40 --route NDX:long=TQQQ@0.8,QQQ --route NDX:short=SQQQ@0.8,PSQ --instruments \(instruments) \
              | reconcile --equity 100000 --instruments \(instruments) \
              | env exec --feedback ring --instruments \(instruments) --fee-bps 5 \
              | journal --ledger ledger.ndjson > out.ndjson
            journal report --json ledger.ndjson
            """)
        #expect(result.status == 0, "\(result.stderr)")
        let exposure = Dictionary(uniqueKeysWithValues: Self.funds.map { ($0.symbol, $0.exposure) })
        var seen: Set<String> = [], held: [String: Double] = [:]
        var unheldSells: [String] = [], shortOpens = 0, lowestCash = Double.infinity
        var states: [String] = [], heldEver: [String: Set<String>] = [:]
        var lastEquity = 0.0
        var fundsHeld: Set<String> = [], crowded: [String] = []
        let output = try String(contentsOf: scratch.url.appendingPathComponent("out.ndjson"), encoding: .utf8)
        for line in output.split(separator: "\n") {
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            switch record["type"] as? String {
            case "fill":
                // Each fill comes out of exec twice (as written, and round the ring); count it once.
                guard seen.insert(record["id"] as! String).inserted else { continue }
                let (symbol, qty) = (record["symbol"] as! String, (record["qty"] as! NSNumber).doubleValue)
                if record["side"] as? String == "sell" {
                    if qty > held[symbol, default: 0] + 1e-9 { unheldSells.append("\(record["id"]!): \(qty) \(symbol), \(held[symbol, default: 0]) held") }
                    held[symbol, default: 0] -= qty
                } else {
                    held[symbol, default: 0] += qty
                }
            case "order":
                if record["side"] as? String == "sell" && record["intent"] as? String == "open" { shortOpens += 1 }
                // When a signal's order comes, the family is in one fund at most: a rotation closed the other.
                if record["origin"] == nil && fundsHeld.count > 1 { crowded.append("\(record["id"]!): \(fundsHeld.sorted()) held") }
            case "account":
                lowestCash = min(lowestCash, (record["cash"] as! NSNumber).doubleValue)
                lastEquity = (record["equity"] as! NSNumber).doubleValue
                let symbols = (record["positions"] as! [[String: Any]]).filter { ($0["qty"] as! NSNumber).doubleValue != 0 }.map { $0["symbol"] as! String }
                fundsHeld = Set(symbols)
                let ways = Set(symbols.map { exposure[$0]! > 0 ? "long" : "short" })
                let state = ways.isEmpty ? "flat" : ways.count == 1 ? ways.first! : "mixed"
                heldEver[state, default: []].formUnion(symbols)
                if states.last != state { states.append(state) }
            default: break
            }
        }
        #expect(unheldSells.isEmpty, "\(unheldSells.prefix(5))")
        #expect(shortOpens == 0)
        #expect(lowestCash >= 0)
        // Long the family, flat, then the inverse family: never both at once, never back.
        #expect(!states.contains("mixed"))
        let firstShort = try #require(states.firstIndex(of: "short"))
        #expect(states[firstShort - 1] == "flat" && states[..<firstShort].contains("long") && !states[firstShort...].contains("long"))
        // The holdings really rotate between members as the confidence changes.
        #expect(heldEver["long"] == ["QQQ", "TQQQ"] && heldEver["short"] == ["PSQ", "SQQQ"])
        #expect(crowded.isEmpty, "\(crowded.prefix(5))")
        // The journal's trades, closed and open, add up to the account's change, to the cent.
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let net = (report["net_pnl"] as! NSNumber).doubleValue
        let open = (report["open"] as! [[String: Any]]).map { ($0["unrealized_pnl"] as! NSNumber).doubleValue }.reduce(0, +)
        #expect((report["trades"] as! Int) > 20)
        #expect(abs(net + open - (lastEquity - 100_000)) < 0.005, "trades \(net) + open \(open) against an account change of \(lastEquity - 100_000)")
    }
}
