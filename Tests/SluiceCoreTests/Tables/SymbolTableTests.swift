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

    /// Names are compared by their first sixteen bytes and length: names that differ only past
    /// the sixteenth byte, only by a trailing NUL, or only in length stay apart.
    @Test func tellsApartNamesAlikeInTheirPackedWords() {
        var table = SymbolTable<Int>()
        let names = ["o-20240301-000000001", "o-20240301-000000002", "o-20240301-00000000", "o-20240301-000000001-close",
                     "A", "A\u{0}", "A\u{0}\u{0}", "", "\u{0}", "0123456789abcdef", "0123456789abcdef0", "0123456789abcde"]
        for (n, name) in names.enumerated() { table[name] = n }
        #expect(table.count == names.count)
        for (n, name) in names.enumerated() { #expect(table[name] == n, "\(name.debugDescription)") }
        table["o-20240301-000000001"] = nil
        #expect(table["o-20240301-000000001"] == nil)
        #expect(table["o-20240301-000000002"] == 1)
        #expect(table["o-20240301-000000001-close"] == 3)
    }

    /// Every length up to past the packed words: a name and each of its prefixes stay apart.
    @Test func tellsApartEveryPrefix() {
        var table = SymbolTable<Int>()
        let alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
        for length in 0...alphabet.count { table[String(alphabet.prefix(length))] = length }
        #expect(table.count == alphabet.count + 1)
        for length in 0...alphabet.count { #expect(table[String(alphabet.prefix(length))] == length, "length \(length)") }
        #expect(table["0123456789abcdefX"] == nil)
        #expect(table["0123X"] == nil)
    }

    /// The one-lookup forms do what a read followed by a write or a removal does.
    @Test func changesReplacesAndRemovesInOneLookup() {
        var table = SymbolTable<Int>()
        table.update(existing: "absent") { _ in Issue.record("called for an absent name"); return true }
        #expect(table.isEmpty)
        #expect(table.replaceValue(1, for: "o-1") == nil)
        #expect(table.replaceValue(2, for: "o-1") == 1)
        table.update(existing: "o-1") { value in
            value += 40
            return true
        }
        #expect(table["o-1"] == 42)
        table.update(existing: "o-1") { _ in false }
        #expect(table["o-1"] == nil && table.isEmpty)
        table["o-2"] = 7
        #expect(table.removeValue(for: "o-2") == 7)
        #expect(table.removeValue(for: "o-2") == nil)
        #expect(table.isEmpty)
    }
}
