import Glibc
import Testing
@testable import SluiceCore

@Suite("Gate")
struct GateTests {
    /// With read-ahead the signals are decoded on the other thread, for some batches and not
    /// others; the decisions must not depend on it.
    @Test func decidesARecordingTheSameWhetherItsSignalsAreDecodedAheadOrNot() throws {
        let symbols = ["BTC-USD", "ETH-USD", "SPY"]
        let lines = (0..<6_000).map { n -> String in
            let ts = Timestamp(milliseconds: 1_709_251_200_000 + Int64(n) * 15_000).description
            let symbol = symbols[n % 3], side = n % 7 < 4 ? "long" : "short"
            switch n % 50 {
            case 7: return "{\"type\":\"signal\",\"id\":\"s\(n)\",\"ts\":\"\(ts)\",\"symbol\":\"\(symbol)\",\"side\":\"\(side)\"}"
            case 13: return "{\"type\":\"signal\",\"id\":\"s\(n)\",\"ts\":\"\(ts)\",\"symbol\":"
            case 21: return "{\"type\":\"account\",\"ts\":\"\(ts)\",\"equity\":\(100_000 - n),\"cash\":50000,\"positions\":[]}"
            case 33: return "{\"type\":\"fill\",\"id\":\"f\(n)\",\"order_id\":\"o\(n)\",\"ts\":\"\(ts)\",\"symbol\":\"\(symbol)\",\"side\":\"buy\",\"qty\":1,\"price\":100,\"fee\":0}"
            default:
                let confidence = 0.35 + Double(n % 60) / 100
                return "{\"type\":\"signal\",\"id\":\"s\(n)\",\"ts\":\"\(ts)\",\"symbol\":\"\(symbol)\",\"side\":\"\(side)\",\"confidence\":\(confidence),\"spoof\":\(Double(n % 10) / 10),\"risk_penalty\":0.2}"
            }
        }
        let path = temporaryFile(Array(lines.joined(separator: "\n").utf8))
        defer { unlink(path) }
        let arguments = try ArgumentParser.parse(["--profile", "conservative", "--equity", "100000", "--max-age", "60", "--summary"],
                                                 for: Gate.command)
        let direct = try runInProcess({ try Gate(arguments, stage: $0) }, on: [path], readAhead: false)
        let ahead = try runInProcess({ try Gate(arguments, stage: $0) }, on: [path], readAhead: true)
        let written = String(decoding: direct.output, as: UTF8.self).split(separator: "\n")
        #expect(written.count == 6_000)
        #expect(written.contains { $0.contains("\"rule\":\"invalid_signal\"") })
        #expect(written.contains { $0.contains("\"type\":\"error\"") })
        #expect(written.contains { $0.hasPrefix("{\"type\":\"signal\"") })
        #expect(ahead.output == direct.output)
        // Each broken line, one in fifty, is reported once on the diagnostics, in order, either way.
        let warnings = String(decoding: direct.diagnostics, as: UTF8.self).split(separator: "\n")
        #expect(warnings.count == 120)
        #expect(warnings.first == "test: \(path): line 14: unexpected end of line, expected a value at byte 70")
        #expect(ahead.diagnostics == direct.diagnostics)
        #expect(ahead.processor.summary?.json == direct.processor.summary?.json)
        #expect(direct.processor.summary != nil)
    }
}
