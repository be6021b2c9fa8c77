import Testing
@testable import SluiceCore

@Suite("Symbol table")
struct SymbolTableTests {
    /// Against a dictionary, through several doublings, with symbols that differ by a byte.
    @Test func findsWhatADictionaryFinds() {
        var table = SymbolTable<Int>()
        var reference: [String: Int] = [:]
        let symbols = (0..<500).map { "S\($0)" } + ["BTC-USD", "BTCUSD", "btc-usd", "É", "", "SPY", "SPY "]
        for (n, symbol) in symbols.enumerated() {
            #expect(table[symbol] == nil)
            table[symbol] = n
            reference[symbol] = n
        }
        table["SPY"] = -1
        reference["SPY"] = -1
        #expect(table.count == reference.count)
        for symbol in symbols { #expect(table[symbol] == reference[symbol], "\(symbol)") }
        for absent in ["S500", "S-1", "SP", "spy", "BTC-USD "] { #expect(table[absent] == nil, "\(absent)") }
    }

    /// In-place updates start from the given value once, and every symbol is listed once.
    @Test func updatesInPlaceAndListsEntries() {
        var table = SymbolTable<Int>()
        let symbols = (0..<100).map { "S\($0 % 40)" }
        for symbol in symbols { table.update(symbol, startingFrom: 1000) { $0 += 1 } }
        #expect(table.count == 40)
        let entries = table.entries.sorted { $0.key < $1.key }
        #expect(entries.map(\.key) == (0..<40).map { "S\($0)" }.sorted())
        for (key, value) in entries {
            let n = Int(key.dropFirst())!
            #expect(value == 1000 + (n < 20 ? 3 : 2), "\(key)")
        }
    }

    /// Seeded inserts, changes and removals against a dictionary: a removal must leave every
    /// other key findable (the entries after it in its run move back), through growth.
    @Test func removesWhatADictionaryRemoves() {
        var table = SymbolTable<Int>()
        var reference: [String: Int] = [:]
        for step in 0..<20_000 {
            let draw = StableRandom.bits(seed: 7, "symbol-table", number: Int64(step))
            let key = "K\(draw % 300)"
            if draw >> 32 % 3 == 0 {
                table[key] = nil
                reference[key] = nil
            } else {
                table[key] = step
                reference[key] = step
            }
            if step % 997 == 0 {
                for n in 0..<300 { #expect(table["K\(n)"] == reference["K\(n)"], "step \(step) K\(n)") }
            }
        }
        #expect(table.count == reference.count)
        #expect(Set(table.names) == Set(reference.keys))
        for (key, value) in reference { #expect(table[key] == value, "\(key)") }
    }
}
