import Glibc
import Testing
@testable import SluiceCore

@Suite("Sizer")
struct SizerTests {
    /// With read-ahead the signals are decoded on the other thread, for some batches and not
    /// others; the orders must not depend on it.
    @Test func sizesARecordingTheSameWhetherItsSignalsAreDecodedAheadOrNot() throws {
        let instruments = temporaryFile(Array("""
            {"type":"instrument","symbol":"SPY","asset_class":"etf","tick_size":0.01,"lot_size":1,"min_qty":1,"max_qty":1000000,"min_notional":1}
            {"type":"instrument","symbol":"BTC-USD","asset_class":"crypto","tick_size":0.01,"lot_size":0.001,"min_qty":0.001,"max_qty":100,"min_notional":10,"fractional":true}

            """.utf8))
        defer { unlink(instruments) }
        let symbols = ["SPY", "BTC-USD", "XYZ"]
        let lines = (0..<6_000).map { n -> String in
            let ts = Timestamp(milliseconds: 1_709_303_400_000 + Int64(n) * 1_000).description
            let symbol = symbols[n % 3], price = n % 3 == 1 ? "61\(n % 1000).5" : "50\(n % 10).25"
            switch n % 40 {
            case 5: return "{\"type\":\"signal\",\"id\":\"s\(n)\",\"ts\":\"\(ts)\",\"symbol\":\"\(symbol)\",\"side\":\"long\"}"
            case 9: return "{\"type\":\"signal\",\"id\":\"s\(n)\",\"ts\":"
            case 17: return "{\"type\":\"account\",\"ts\":\"\(ts)\",\"equity\":\(100_000 + n),\"cash\":\(60_000 - n),\"positions\":[]}"
            case 29: return "{\"type\":\"fill\",\"id\":\"f\(n)\",\"order_id\":\"o\(n)\",\"ts\":\"\(ts)\",\"symbol\":\"SPY\",\"side\":\"buy\",\"qty\":3,\"price\":500,\"fee\":0}"
            default:
                let side = n % 7 < 4 ? "long" : n % 7 < 6 ? "short" : "flat"
                return "{\"type\":\"signal\",\"id\":\"s\(n)\",\"ts\":\"\(ts)\",\"symbol\":\"\(symbol)\",\"side\":\"\(side)\",\"confidence\":0.\(50 + n % 50),\"price\":\(price),\"stop_pct\":1,\"strategy\":\"t\(n % 4)\"}"
            }
        }
        let path = temporaryFile(Array(lines.joined(separator: "\n").utf8))
        defer { unlink(path) }
        let arguments = try ArgumentParser.parse(["--instruments", instruments, "--equity", "100000", "--stop-pct", "2"], for: Sizer.command)
        let direct = try runInProcess({ try Sizer(arguments, stage: $0) }, on: [path], readAhead: false)
        let ahead = try runInProcess({ try Sizer(arguments, stage: $0) }, on: [path], readAhead: true)
        let written = String(decoding: direct.output, as: UTF8.self).split(separator: "\n")
        #expect(written.count == 6_000)
        #expect(written.filter { $0.hasPrefix("{\"type\":\"order\"") }.count > 1_000)
        #expect(written.contains { $0.contains("\"rule\":\"unknown_instrument\"") })
        #expect(written.contains { $0.contains("\"rule\":\"invalid_signal\"") })
        #expect(written.contains { $0.contains("\"type\":\"error\"") })
        #expect(ahead.output == direct.output)
        #expect(String(decoding: direct.diagnostics, as: UTF8.self).split(separator: "\n").count == 150)
        #expect(ahead.diagnostics == direct.diagnostics)
    }
}
