import Foundation
import SluiceTestSupport
import Testing

/// Seeded random markets and signals through the whole feedback ring: whatever the stream, what
/// comes out keeps the promises every stage makes.
@Suite("invariants of the ring over random streams")
struct RingInvariantTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        mutating func unit() -> Double { Double(next() % 1_000_000) / 1_000_000 }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Minute bars of SPY (in the New York session) and BTC-USD walking at random, and a signal
    /// every few minutes: any side, any confidence, sometimes with a stop, sometimes flat.
    static func stream(seed: UInt64, minutes: Int) -> String {
        var random = Generator(state: seed)
        var prices = ["SPY": 512.0, "BTC-USD": 61_000.0]
        var lines: [String] = []
        let start: Int64 = 1_709_303_400_000  // 2024-03-01T14:30:00Z, a Friday's open
        for minute in 0..<minutes {
            let ms = start + Int64(minute) * 60_000
            for symbol in ["SPY", "BTC-USD"] {
                let open = prices[symbol]!
                let close = (open * (1 + (random.unit() - 0.5) * 0.004) * 100).rounded() / 100
                let high = max(open, close) + 0.05, low = min(open, close) - 0.05
                prices[symbol] = close
                lines.append(#"{"type":"bar","ts":\#(ms),"symbol":"\#(symbol)","open":\#(open),"high":\#(high),"low":\#(low),"close":\#(close),"volume":\#(1_000 + random.below(9_000)),"interval":60}"#)
            }
            if random.below(3) == 0 {
                let symbol = random.below(2) == 0 ? "SPY" : "BTC-USD"
                let side = ["long", "long", "short", "flat"][random.below(4)]
                let price = prices[symbol]!
                let stop = random.below(2) == 0 ? #","stop":\#((price * (side == "short" ? 1.01 : 0.99) * 100).rounded() / 100)"# : ""
                lines.append(#"{"type":"signal","id":"r\#(seed)-\#(minute)","ts":\#(ms + 30_000),"symbol":"\#(symbol)","side":"\#(side)","confidence":\#(Double(random.below(100)) / 100),"price":\#(price)\#(stop),"strategy":"random"}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func promisesHoldWhateverTheStream(seed: UInt64) throws {
        let scratch = try ScratchDirectory()
        _ = try scratch.write("stream.ndjson", Self.stream(seed: seed, minutes: 400))
        let instruments = ProgramRunner.repositoryRoot.path + "/pipelines/samples/instruments.ndjson"
        let result = try ProgramRunner.shell("""
            cd \(scratch.url.path) && mkfifo ring
            sigsrc --sync --feedback ring stream.ndjson \
              | gate --equity 100000 --min-confidence 0.3 \
              | sizer --equity 100000 --stop-pct 1 --max-position-pct 50 --fee-bps 10 --instruments \(instruments) \
              | reconcile --equity 100000 --fee-bps 10 --instruments \(instruments) \
              | env exec --feedback ring --equity 100000 --instruments \(instruments) --fee-bps 10 --slippage-bps 2 \
              | journal --ledger ledger.ndjson
            """)
        #expect(result.status == 0, "\(result.stderr)")
        var held: [String: Double] = [:], seenFills: Set<String> = [], sentOrders: [String: Int] = [:]
        var problems: [String] = []
        var lastAccount: [String: Any]?, entries = 0, fills = 0
        for line in result.stdoutLines {
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let number = { (key: String) in (record[key] as? NSNumber)?.doubleValue ?? .nan }
            switch record["type"] as? String {
            case "fill":
                guard seenFills.insert(record["id"] as! String).inserted else { continue }
                fills += 1
                let symbol = record["symbol"] as! String
                if record["side"] as? String == "sell" {
                    if number("qty") > held[symbol, default: 0] + 1e-9 { problems.append("sold \(number("qty")) \(symbol) with \(held[symbol, default: 0]) held") }
                    held[symbol, default: 0] -= number("qty")
                } else {
                    held[symbol, default: 0] += number("qty")
                }
            case "order":
                sentOrders[record["id"] as! String, default: 0] += 1
                if record["intent"] as? String == "open" { entries += 1 }
            case "account":
                if number("cash") < 0 { problems.append("cash \(number("cash")) at \(record["ts"]!)") }
                lastAccount = record
            case "order_status":
                // reconcile keeps the venue from ever having to refuse a sale of what is not held,
                // or a purchase the cash cannot pay when it arrives. (A market order that fills
                // higher than it was sized at may still be cut at the fill: that is the price moving.)
                if record["status"] as? String == "rejected", let code = record["venue_code"] as? String, code.hasPrefix("INSUFFICIENT") {
                    problems.append("the venue refused: \(line.prefix(200))")
                }
            case "reject":
                if ((record["rule"] as? String) ?? "").isEmpty || ((record["reason"] as? String) ?? "").isEmpty {
                    problems.append("a reject without a rule or a reason: \(line.prefix(120))")
                }
            case "error":
                problems.append("an error record: \(line.prefix(160))")
            default: break
            }
        }
        for (id, count) in sentOrders where count > 1 { problems.append("order \(id) written \(count) times") }
        #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(5))")
        // Enough happened for the promises to mean something.
        #expect(entries > 5 && fills > 5, "seed \(seed): \(entries) entries, \(fills) fills")
        // The last snapshot's equity is its cash and its positions at their last prices.
        let account = try #require(lastAccount)
        let positions = (account["positions"] as! [[String: Any]]).map { (($0["qty"] as! NSNumber).decimalValue, ($0["last_price"] as! NSNumber).decimalValue) }
        let value = positions.reduce((account["cash"] as! NSNumber).decimalValue) { $0 + $1.0 * $1.1 }
        var difference = value - (account["equity"] as! NSNumber).decimalValue
        var rounded = Foundation.Decimal()
        NSDecimalRound(&rounded, &difference, 6, .plain)
        #expect(rounded == 0, "seed \(seed): equity \(account["equity"]!) against cash and positions \(value)")
    }
}
