import Testing
@testable import SluiceCore

@Suite("Word table")
struct WordTableTests {
    private func word<T: TableWord>(_ text: String, as type: T.Type) -> T? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { T.wordTable.word(UnsafeBufferPointer($0)) }
    }

    @Test func findsEveryCaseByItsExactText() {
        for side in SignalSide.allCases { #expect(word(side.rawValue, as: SignalSide.self) == side) }
        for intent in Order.Intent.allCases { #expect(word(intent.rawValue, as: Order.Intent.self) == intent) }
        for reason in Fill.Reason.allCases { #expect(word(reason.rawValue, as: Fill.Reason.self) == reason) }
    }

    @Test(arguments: ["", "lon", "longs", "Long", "LONG", "buy", " long", "flat\u{0}"])
    func refusesAnythingElse(_ text: String) {
        #expect(word(text, as: SignalSide.self) == nil)
    }
}
