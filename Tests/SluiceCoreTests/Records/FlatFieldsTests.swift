import Testing
@testable import SluiceCore

/// `FlatFields` reads a line straight into a record only when the line is in the form stages
/// write, and must then read exactly what the parser and `RecordFields` read; anything else it
/// leaves to them.
@Suite("Flat fields")
struct FlatFieldsTests {
    static let order = #"{"type":"order","id":"o-z1","signal_id":"z1","ts":"2024-03-01T14:30:00.050Z","symbol":"S293","side":"buy","qty":34,"kind":"market","intent":"open","ref_price":414.54,"time_in_force":"day","strategy":"bench"}"#
    static let bracketed = #"{"type":"order","id":"o-7","signal_id":"s-7","ts":1709303400250,"symbol":"BTC-USD","side":"sell","qty":0.015,"kind":"limit","intent":"close","limit_price":64000.5,"stop_loss":65000,"take_profit":60000,"trailing":1.5,"time_exit":"2024-03-01T16:00:00Z","leverage":2,"note":"caf\u00e9 ☕","tags":"a,b"}"#
    static let fill = #"{"type":"fill","id":"f-o-z1","order_id":"o-z1","ts":"2024-03-01T14:30:00.052Z","symbol":"S293","side":"buy","qty":34,"price":414.54,"fee":0.35}"#
    static let exitFill = #"{"type":"fill","id":"f-9","order_id":"o-9","ts":1709303460000,"symbol":"ETH-USD","side":"sell","qty":1.25,"price":3401.2,"fee":0,"reason":"stop_loss","venue":"paper"}"#
    /// Keys in another order than stages write them, and keys that begin like known ones.
    static let reordered = #"{"type":"fill","fee":0.1,"price":10,"qty_requested":9,"qty":3,"sides":"x","side":"sell","symbol":"QQQ","ts":"2024-03-01T14:30:00Z","order_id":"o","id":"f"}"#

    /// The record a line reads to, described field by field, or nil.
    static func flat(_ line: String) -> String? {
        Array(line.utf8).withUnsafeBufferPointer(flat)
    }

    static func flat(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        let record = UnsafeMutablePointer<ReconcileRecord>.allocate(capacity: 1)
        defer { record.deallocate() }
        guard ReconcileRecord.decode(flat: line, caches: JSONDocument(), into: record) else { return nil }
        return String(reflecting: record.move())
    }

    static func parsed(_ line: String) -> String? {
        guard case let .success(document) = parseJSON(line) else { return nil }
        let record = UnsafeMutablePointer<ReconcileRecord>.allocate(capacity: 1)
        defer { record.deallocate() }
        guard Reconcile.decode(document, into: record) else { return nil }
        return String(reflecting: record.move())
    }

    @Test("lines as stages write them are read flat, to what the parser reads", arguments: [order, bracketed, fill, exitFill, reordered])
    func writtenLinesAreReadFlat(line: String) throws {
        let flat = try #require(FlatFieldsTests.flat(line))
        #expect(flat == FlatFieldsTests.parsed(line))
    }

    @Test("other forms are left to the parser", arguments: [
        #"{ "type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0} "#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1, "fee":0}"#,
        #"{"id":"f","type":"fill","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0}"#,
        #"{"type":"fill","id":"f\u002d1","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0}"#,
        #"{"type":"fill","i\u0064":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0,"reason":null}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":"1","price":1,"fee":0}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0,"venue":{"name":"paper"}}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0,"final":true}"#,
    ])
    func otherFormsAreLeftToTheParser(line: String) {
        #expect(FlatFieldsTests.flat(line) == nil)
        #expect(FlatFieldsTests.parsed(line) != nil)
    }

    @Test("refused lines are refused flat too", arguments: [
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0,"qty":2}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0,"type":"order"}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":0,"price":1,"fee":0}"#,
        #"{"type":"fill","id":"","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0.5,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"long","qty":1,"price":1,"fee":0}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":01,"fee":0}"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0}x"#,
        #"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0,"note":"\x"}"#,
        #"{"type":"order","id":"o","signal_id":"s","ts":0,"symbol":"X","side":"buy","qty":1,"kind":"limit","intent":"open"}"#,
    ])
    func refusedLinesAreRefusedFlat(line: String) {
        #expect(FlatFieldsTests.flat(line) == nil)
        #expect(FlatFieldsTests.parsed(line) == nil)
    }

    /// Every line one byte away from a written one, by replacing, deleting or doubling it: a
    /// flat read, when there is one, is the parser's read.
    @Test func everyLineOneByteAwayReadsFlatAsTheParserReadsIt() {
        let replacements: [UInt8] = Array(#" "\,:{}[]-+.0159eExnt"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]
        var readFlat = 0, leftToTheParser = 0, lines = 0
        for written in [FlatFieldsTests.order, FlatFieldsTests.bracketed, FlatFieldsTests.fill, FlatFieldsTests.exitFill, FlatFieldsTests.reordered] {
            let bytes = Array(written.utf8)
            var variants: [[UInt8]] = []
            for position in bytes.indices {
                for byte in replacements where byte != bytes[position] {
                    var variant = bytes
                    variant[position] = byte
                    variants.append(variant)
                }
                var deleted = bytes
                deleted.remove(at: position)
                variants.append(deleted)
                var doubled = bytes
                doubled.insert(bytes[position], at: position)
                variants.append(doubled)
            }
            for variant in variants {
                let line = String(decoding: variant, as: UTF8.self)
                // Bytes that are not UTF-8 change in the String; those lines are tested as bytes below.
                guard Array(line.utf8) == variant else { continue }
                lines += 1
                let parsed = FlatFieldsTests.parsed(line)
                if let flat = FlatFieldsTests.flat(line) {
                    readFlat += 1
                    #expect(flat == parsed, "\(line)")
                } else if parsed != nil {
                    leftToTheParser += 1
                }
            }
        }
        #expect(lines > 10_000)
        #expect(readFlat > 1_000)
        #expect(leftToTheParser > 20)
    }

    @Test func invalidUTF8IsRefusedFlat() {
        for bad: [UInt8] in [[0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80]] {
            var line = Array(#"{"type":"fill","id":"f","order_id":"o","ts":0,"symbol":"X","side":"buy","qty":1,"price":1,"fee":0,"note":"#.utf8)
            line += [UInt8(ascii: "\"")] + bad + Array(#""}"#.utf8)
            let flat = line.withUnsafeBufferPointer(FlatFieldsTests.flat)
            let parsed: Void? = line.withUnsafeBufferPointer { try? JSONDocument().parseObject($0) }
            #expect(flat == nil)
            #expect(parsed == nil)
        }
    }
}
