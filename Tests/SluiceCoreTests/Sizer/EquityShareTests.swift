import Testing
@testable import SluiceCore

@Suite("sizer: the share of equity kept between entries")
struct EquityShareTests {
    @Test func worksTheShareOutOnceForEachAmount() throws {
        let share = EquityShare()
        var described = 0
        func take(_ base: String) throws -> String {
            var words = ByteText()
            let money = try share.of(Decimal(base)!, percent: Decimal("2.5")!, scale: 12, sizing: &words) { money in
                described += 1
                return "2.5% of \(Decimal(base)!) = \(money)"
            }
            return "\(money.normalized) \(words)"
        }
        #expect(try take("1000") == "25 2.5% of 1000 = 25")
        #expect(try take("1000.00") == "25 2.5% of 1000 = 25")
        #expect(described == 1)
        #expect(try take("999.99") == "24.99975 2.5% of 999.99 = 24.99975")
        #expect(try take("1000") == "25 2.5% of 1000 = 25")
        #expect(described == 3)
    }

    @Test func anAccountRecordChangesTheNextEntrysSizing() throws {
        let sizing = SizingCase()
        let sizer = OrderSizer(settings: sizing.settings)
        func entry() throws -> SizedOrder {
            let json = #"{"type":"signal","id":"s","ts":"2024-03-01T14:31:00Z","symbol":"SPY","side":"long","confidence":0.6,"price":100,"stop":98}"#
            return try sizer.order(for: try Signal(document: parseJSON(json).get()), book: sizing.book)
        }
        let first = try entry()
        #expect(first.qty.description == "500")
        #expect(first.sizing.description == "risk 1% of equity 100000 = 1000 over a stop distance of 2")
        sizing.book.apply(try Account(document: parseJSON(#"{"type":"account","ts":"2024-03-01T14:32:00Z","cash":40000,"equity":40000,"positions":[]}"#).get()))
        let second = try entry()
        #expect(second.qty.description == "200")
        #expect(second.sizing.description == "risk 1% of equity 40000 = 400 over a stop distance of 2")
    }
}
