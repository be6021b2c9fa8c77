import Glibc
import Testing
@testable import SluiceCore

@Suite("Reconcile")
struct ReconcileTests {
    /// With read-ahead the orders are decoded on the other thread, for some batches and not
    /// others; what passes must not depend on it.
    @Test func checksARecordingTheSameWhetherItsOrdersAreDecodedAheadOrNot() throws {
        let symbols = ["AAA", "BBB", "CCC"]
        var lines = ["{\"type\":\"account\",\"ts\":\"2024-03-01T14:30:00.000Z\",\"cash\":50000,\"equity\":50000,\"positions\":[]}"]
        for n in 1..<6_000 {
            let ts = Timestamp(milliseconds: 1_709_303_400_000 + Int64(n) * 1_000).description
            let symbol = symbols[n % 3], side = n % 5 < 3 ? "buy" : "sell", qty = 1 + n % 40
            switch n % 30 {
            case 4: lines.append("{\"type\":\"order\",\"id\":\"o\(n)\",\"ts\":\"\(ts)\",\"symbol\":\"\(symbol)\",\"side\":\"up\",\"qty\":1}")
            case 8: lines.append("{\"type\":\"order\",\"id\":\"o\(n)\",\"ts\":")
            case 12, 13, 14, 15:
                lines.append("{\"type\":\"fill\",\"id\":\"f\(n)\",\"order_id\":\"o\(n - 3)\",\"ts\":\"\(ts)\",\"symbol\":\"\(symbols[(n - 3) % 3])\",\"side\":\"buy\",\"qty\":\(1 + (n - 3) % 40),\"price\":100,\"fee\":0.1}")
            default:
                let intent = side == "buy" ? "open" : "close"
                lines.append("{\"type\":\"order\",\"id\":\"o\(n)\",\"signal_id\":\"s\(n)\",\"ts\":\"\(ts)\",\"symbol\":\"\(symbol)\",\"side\":\"\(side)\",\"qty\":\(qty),\"kind\":\"market\",\"intent\":\"\(intent)\",\"ref_price\":100.\(n % 100)}")
            }
        }
        let path = temporaryFile(Array(lines.joined(separator: "\n").utf8))
        defer { unlink(path) }
        let arguments = try ArgumentParser.parse(["--fee-bps", "10", "--max-stale", "86400"], for: Reconcile.command)
        let direct = try runInProcess({ try Reconcile(arguments, stage: $0) }, on: [path], readAhead: false)
        let ahead = try runInProcess({ try Reconcile(arguments, stage: $0) }, on: [path], readAhead: true)
        let written = String(decoding: direct.output, as: UTF8.self).split(separator: "\n")
        #expect(written.filter { $0.hasPrefix("{\"type\":\"order\"") }.count > 1_000)
        #expect(written.contains { $0.hasPrefix("{\"type\":\"reject\"") && !$0.contains("invalid_order") })
        #expect(written.contains { $0.contains("\"rule\":\"invalid_order\"") })
        #expect(written.contains { $0.contains("\"type\":\"error\"") })
        #expect(ahead.output == direct.output)
        #expect(String(decoding: direct.diagnostics, as: UTF8.self).split(separator: "\n").count == 200)
        #expect(ahead.diagnostics == direct.diagnostics)
    }
}
