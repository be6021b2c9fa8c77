import Foundation
import SluiceTestSupport
import Testing

@Suite("sizer end to end")
struct SizerEndToEndTests {
    static let instruments = ProgramRunner.repositoryRoot.appendingPathComponent("pipelines/samples/instruments.ndjson").path

    /// A seeded mix of signals on every sample instrument, with accounts, fills, bars and
    /// records of unknown types between them.
    static func stream(count: Int) -> String {
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let symbols = [("SPY", 512), ("QQQ", 440), ("NVDA", 881), ("BTC-USD", 61234), ("ETH-USD", 3412), ("ETH-BTC", 0), ("AAPL", 180)]
        var lines = [#"{"type":"account","ts":"2024-03-01T14:30:00Z","cash":250000,"equity":250000,"positions":[]}"#]
        for n in 0..<count {
            let ms = 1_709_303_460_000 + Int64(n) * 1000
            let (symbol, base) = symbols[next(symbols.count)]
            let price = base == 0 ? "0.05\(next(900) + 100)" : "\(base + next(50)).\(next(100))"
            switch next(10) {
            case 0:
                lines.append(#"{"type":"fill","id":"f\#(n)","order_id":"o","ts":\#(ms),"symbol":"\#(symbol)","side":"\#(next(2) == 0 ? "buy" : "sell")","qty":\#(next(5) + 1),"price":\#(price),"fee":0.5}"#)
            case 1:
                lines.append(#"{"type":"bar","ts":\#(ms),"symbol":"\#(symbol)","open":\#(price),"high":\#(price),"low":\#(price),"close":\#(price)}"#)
            case 2:
                lines.append(#"{"type":"note","n":\#(n)}"#)
            default:
                let side = ["long", "short", "flat", "long"][next(4)]
                lines.append(#"{"type":"signal","id":"s\#(n)","ts":\#(ms),"symbol":"\#(symbol)","side":"\#(side)","confidence":0.\#(next(90) + 10),"price":\#(price),"atr":\#(next(20) + 1)}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func sameInputSameBytesAndNothingLost() throws {
        let scratch = try ScratchDirectory()
        let input = try scratch.write("stream.ndjson", Self.stream(count: 3000))
        let arguments = ["--instruments", Self.instruments, "--stop-atr", "2", "--target-atr", "3", "--account", "margin", "--leverage", "2", input.path]
        let first = try ProgramRunner.run("sizer", arguments)
        let second = try ProgramRunner.run("sizer", arguments)
        #expect(first.status == 0 && first.stderr.isEmpty)
        #expect(first.stdout == second.stdout)
        let inputLines = try String(contentsOf: input, encoding: .utf8).split(separator: "\n")
        let records = try first.records()
        #expect(records.count == inputLines.count)
        let orders = records.filter { $0["type"] as? String == "order" }
        let rejects = records.filter { $0["type"] as? String == "reject" }
        #expect(orders.count + rejects.count == inputLines.filter { $0.contains(#""type":"signal""#) }.count)
        #expect(orders.count > 100 && rejects.count > 100)
        #expect(rejects.allSatisfy { ($0["rule"] as? String)?.isEmpty == false && ($0["reason"] as? String)?.isEmpty == false && $0["subject"] != nil })
        #expect(orders.allSatisfy { ($0["id"] as? String) == "o-" + ($0["signal_id"] as? String ?? "") })
    }

    @Test func quantitiesRespectTheLot() throws {
        let scratch = try ScratchDirectory()
        let input = try scratch.write("stream.ndjson", Self.stream(count: 2000))
        let result = try ProgramRunner.run("sizer", ["--instruments", Self.instruments, "--stop-pct", "1.5", input.path])
        for order in try result.records() where order["type"] as? String == "order" {
            let qty = try #require(order["qty"] as? NSNumber).stringValue
            let symbol = order["symbol"] as? String ?? ""
            let decimals = qty.split(separator: ".").dropFirst().first?.count ?? 0
            switch symbol {
            case "SPY", "QQQ", "NVDA": #expect(decimals == 0, "\(symbol) \(qty)")
            case "ETH-BTC": #expect(decimals <= 4, "\(symbol) \(qty)")
            default: #expect(decimals <= 8, "\(symbol) \(qty)")
            }
        }
    }

    @Test func aMissingInputExits66() throws {
        let result = try ProgramRunner.run("sizer", ["--equity", "1000", "/nonexistent/signals.ndjson"])
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("sizer: "))
    }

    @Test func aBadInstrumentsFileExits78() throws {
        let scratch = try ScratchDirectory()
        let bad = try scratch.write("instruments.ndjson", #"{"type":"instrument","symbol":"X","asset_class":"bond"}"# + "\n")
        let result = try ProgramRunner.run("sizer", ["--instruments", bad.path], stdin: "")
        #expect(result.status == 78)
        #expect(result.stderr.contains("line 1"))
    }
}
