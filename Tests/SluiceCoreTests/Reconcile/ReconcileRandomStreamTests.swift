import Testing
@testable import SluiceCore

/// A venue that executes whatever `reconcile` lets through, never refusing anything: if
/// reconcile let a bad order by, the venue's cash or a position would go below zero.
final class CarelessVenue {
    struct Working {
        var id: String
        var symbol: String
        var side: OrderSide
        var remaining: Decimal
        var price: Decimal
    }

    var cash = Decimal(20_000)
    var positions: [String: Decimal] = [:]
    var working: [Working] = []
    var fills = 0

    /// Executes part or all of a working order at its price or better; returns the fill record.
    func execute(_ n: Int, fraction: Int, better: Int, at ts: Int64) -> String {
        var order = working[n]
        let qty = fraction >= 2 || order.remaining <= Decimal(1) ? order.remaining : (order.remaining * Decimal(coefficient: 5, scale: 1)).rounded(places: 0, .truncate)
        let price = order.side == .buy ? order.price - Decimal(better) : order.price + Decimal(better)
        let notional = qty * price
        let fee = (notional * Decimal(coefficient: 1, scale: 3)).rounded(places: 2, .up)
        cash += order.side == .buy ? -(notional + fee) : notional - fee
        positions[order.symbol, default: .zero] += order.side == .buy ? qty : -qty
        order.remaining -= qty
        if order.remaining.isZero { working.remove(at: n) } else { working[n] = order }
        fills += 1
        return #"{"type":"fill","id":"v\#(fills)","order_id":"\#(order.id)","ts":\#(ts),"symbol":"\#(order.symbol)","side":"\#(order.side.rawValue)","qty":\#(qty),"price":\#(price),"fee":\#(fee)}"#
    }

    var snapshot: String {
        let list = positions.filter { !$0.value.isZero }.sorted { $0.key < $1.key }
            .map { #"{"symbol":"\#($0.key)","qty":\#($0.value),"avg_price":1}"# }
        return #""cash":\#(cash),"equity":\#(cash),"positions":[\#(list.joined(separator: ","))]"#
    }
}

@Suite("reconcile: random streams")
struct ReconcileRandomStreamTests {
    static let symbols = [("QQQ", 440), ("TQQQ", 61), ("PSQ", 10), ("SQQQ", 12), ("SPY", 512)]

    @Test(arguments: 1...12)
    func cashNeverNegativeAndNothingSoldThatIsNotHeld(seed: UInt64) throws {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let stage = Stage(name: "reconcile")
        let arguments = try ArgumentParser.parse(["--fee-bps", "10", "--on-conflict", ["close-then-open", "close-only", "reject"][next(3)]], for: Reconcile.command)
        let reconcile = try Reconcile(arguments, stage: stage)
        let venue = CarelessVenue()
        let reader = JSONDocument()
        var lineNumber = 0
        var ordersIn = 0, ordersOut = 0, refused = 0

        func feed(_ line: String) throws -> [String] {
            lineNumber += 1
            var bytes = Array(line.utf8)
            try bytes.withUnsafeMutableBufferPointer { buffer in
                try reconcile.process(InputLine(bytes: UnsafeBufferPointer(buffer), number: lineNumber, isOverlong: false), file: nil)
            }
            let output = String(decoding: stage.output.takeBytes(), as: UTF8.self)
            let lines = output.split(separator: "\n").map(String.init)
            #expect(!lines.isEmpty, "line \(lineNumber) gave no output")
            return lines
        }

        _ = try feed(#"{"type":"account","ts":0,\#(venue.snapshot)}"#)
        for step in 1...2500 {
            let ts = Int64(step) * 1000
            switch next(20) {
            case 0..<9:
                let (symbol, base) = Self.symbols[next(Self.symbols.count)]
                let side = next(2) == 0 ? "buy" : "sell"
                let intent = ["open", "close", "reduce"][next(3)]
                let price = base + next(5)
                ordersIn += 1
                for line in try feed(#"{"type":"order","id":"o\#(step)","signal_id":"s\#(step)","ts":\#(ts),"symbol":"\#(symbol)","side":"\#(side)","qty":\#(next(40) + 1),"kind":"market","intent":"\#(intent)","ref_price":\#(price)}"#) {
                    let record = try reader.fields(of: line)
                    if record["type"] == "reject" {
                        refused += 1
                        #expect(!(record["rule"] ?? "").isEmpty && !(record["reason"] ?? "").isEmpty)
                        continue
                    }
                    #expect(record["type"] == "order")
                    ordersOut += 1
                    #expect(Decimal(record["qty"]!)! > .zero)
                    venue.working.append(.init(id: record["id"]!, symbol: record["symbol"]!, side: OrderSide(rawValue: record["side"]!)!,
                                               remaining: Decimal(record["qty"]!)!, price: Decimal(record["ref_price"]!)!))
                }
            case 9..<16 where !venue.working.isEmpty:
                let n = next(venue.working.count)
                let id = venue.working[n].id
                _ = try feed(venue.execute(n, fraction: next(3), better: next(2), at: ts))
                if !venue.working.contains(where: { $0.id == id }) {
                    _ = try feed(#"{"type":"order_status","order_id":"\#(id)","ts":\#(ts),"status":"filled"}"#)
                }
                #expect(venue.cash >= .zero, "seed \(seed) step \(step): the venue's cash went to \(venue.cash)")
                for (symbol, qty) in venue.positions { #expect(qty >= .zero, "seed \(seed) step \(step): \(symbol) went to \(qty)") }
            case 16 where !venue.working.isEmpty:
                let order = venue.working.remove(at: next(venue.working.count))
                _ = try feed(#"{"type":"order_status","order_id":"\#(order.id)","ts":\#(ts),"status":"canceled"}"#)
            case 17:
                _ = try feed(#"{"type":"account","ts":\#(ts),\#(venue.snapshot)}"#)
            case 18:
                // A failed snapshot says nothing about positions and must clear none.
                _ = try feed(#"{"type":"account","ts":\#(ts),"ok":false,"error":"timeout","cash":0,"equity":0,"positions":[]}"#)
            default:
                _ = try feed(#"{"type":"bar","ts":\#(ts),"symbol":"QQQ","open":440,"high":441,"low":439,"close":440}"#)
            }
        }
        #expect(ordersIn > 1000 && refused > 100 && ordersOut > 100, "the stream should exercise both sides: \(ordersIn) in, \(ordersOut) out, \(refused) refused")
    }
}

extension JSONDocument {
    /// The root's scalar members as text, read while the line's bytes are alive.
    func fields(of line: String) throws -> [String: String] {
        var bytes = Array(line.utf8)
        return try bytes.withUnsafeMutableBufferPointer { buffer in
            try parseObject(UnsafeBufferPointer(buffer))
            var fields: [String: String] = [:]
            forEachMember { key, value in
                if self[value].kind != .object && self[value].kind != .array {
                    fields[string(key)!] = String(decoding: text(value), as: UTF8.self)
                }
            }
            return fields
        }
    }
}
