import Testing
@testable import SluiceCore

@Suite("position book")
struct PositionBookTests {
    func account(_ positions: String, cash: String = "1000", at ts: String = "2024-03-01T15:00:00Z") -> Account {
        try! Account(document: parseJSON(#"{"type":"account","ts":"\#(ts)","cash":\#(cash),"equity":\#(cash),"positions":[\#(positions)]}"#).get())
    }

    func fill(_ symbol: String, _ side: String, _ qty: String, at price: String, fee: String = "0", order: String = "o") -> Fill {
        try! Fill(document: parseJSON(#"{"type":"fill","id":"f","order_id":"\#(order)","ts":"2024-03-01T14:31:00Z","symbol":"\#(symbol)","side":"\#(side)","qty":\#(qty),"price":\#(price),"fee":\#(fee)}"#).get())
    }

    @Test func averagePriceOfAddsAndFlips() {
        let book = PositionBook(startingCash: Decimal(10_000))
        book.apply(fill("QQQ", "buy", "10", at: "100"))
        book.apply(fill("QQQ", "buy", "30", at: "104", fee: "2"))
        #expect(book["QQQ"].qty == Decimal(40))
        #expect(book["QQQ"].averagePrice == Decimal(103))
        book.apply(fill("QQQ", "sell", "15", at: "110"))
        #expect(book["QQQ"].averagePrice == Decimal(103))
        book.apply(fill("QQQ", "sell", "35", at: "111"))
        #expect(book["QQQ"].qty == Decimal(-10))
        #expect(book["QQQ"].averagePrice == Decimal(111))
        // 10,000 − 1,000 − 3,120 − 2 + 1,650 + 3,885
        #expect(book.cash == Decimal(11_413))
    }

    @Test func aSnapshotClearsPhantomsAdoptsOrphansAndResizes() {
        let book = PositionBook()
        #expect(book.apply(account(#"{"symbol":"NVDA","qty":1,"avg_price":880}"#, at: "2024-03-01T14:00:00Z")).isEmpty, "the first snapshot is the starting book")
        book.apply(fill("PSQ", "buy", "5", at: "10"))
        book.apply(fill("SQQQ", "buy", "7", at: "10"))
        book.apply(fill("QQQ", "buy", "3", at: "400"))
        let corrections = book.apply(account(#"{"symbol":"TQQQ","qty":4,"avg_price":60},{"symbol":"QQQ","qty":2,"avg_price":401}"#, cash: "812.5"))
        #expect(corrections.map { "\($0.symbol) \($0.localQty)→\($0.brokerQty) \($0.action.rawValue)" } == [
            "NVDA 1→0 cleared_phantom", "PSQ 5→0 cleared_phantom", "QQQ 3→2 resized", "SQQQ 7→0 cleared_phantom", "TQQQ 0→4 adopted_orphan",
        ])
        #expect(book["PSQ"].sellable == .zero)
        #expect(book["TQQQ"].sellable == Decimal(4))
        #expect(book["QQQ"].averagePrice == Decimal(401))
        #expect(book.cash == Decimal("812.5")!)
        #expect(book.apply(account(#"{"symbol":"TQQQ","qty":4,"avg_price":60},{"symbol":"QQQ","qty":2,"avg_price":401}"#)).isEmpty)
    }

    @Test func theStateFileGivesBackTheSameBook() throws {
        let book = PositionBook(startingCash: Decimal(5000))
        book.apply(try Instrument(document: parseJSON(#"{"type":"instrument","symbol":"SPY","asset_class":"etf","shortable":true}"#).get()),
                   record: Array(#"{"type":"instrument","symbol":"SPY","asset_class":"etf","shortable":true}"#.utf8))
        book.observe(Timestamp(milliseconds: 1_709_303_460_000))
        _ = book.apply(account(#"{"symbol":"SPY","qty":-3,"avg_price":500.25}"#, cash: "4000.10"))
        book.send(id: "o1", symbol: "QQQ", side: .buy, qty: Decimal(2), isOpen: true, unitCost: Decimal("440.44")!)
        book.send(id: "o2", symbol: "SPY", side: .buy, qty: Decimal(3), isOpen: false, unitCost: .zero)
        book.apply(fill("QQQ", "buy", "1", at: "440", order: "o1"))
        book.observe(price: Decimal("441.5")!, of: "NVDA")

        let output = OutputBuffer(destination: .standardOutput)
        book.write(to: output, line: 42)
        var bytes = output.takeBytes()
        let restored = PositionBook()
        let document = JSONDocument()
        let line = try bytes.withUnsafeMutableBufferPointer { buffer in
            try document.parseObject(UnsafeBufferPointer(buffer))
            return try restored.restore(from: document)
        }
        #expect(line == 42)
        #expect(book.symbols.sorted() == ["NVDA", "QQQ", "SPY"])
        #expect(restored.symbols.sorted() == book.symbols.sorted())
        #expect(book.symbols.map { restored[$0] } == book.symbols.map { book[$0] })
        #expect(pendingOrders(of: restored) == pendingOrders(of: book))
        #expect(pendingOrders(of: book) == ["o1 QQQ buy 1 open 440.44 440.44", "o2 SPY buy 3 close 0 0"])
        #expect(restored.reserved == book.reserved)
        #expect(restored.cash == book.cash)
        #expect(restored.now == book.now)
        #expect(restored.lastSnapshot == book.lastSnapshot)
        #expect(restored.instruments["SPY"]?.shortable == true)
        let again = OutputBuffer(destination: .standardOutput)
        restored.write(to: again, line: 42)
        #expect(again.takeBytes() == bytes)
    }

    @Test func numbersBeyondTheBooksArithmeticAreBadInput() {
        #expect(Decimal("123456789012345678")!.fitsBook)
        #expect(!Decimal("1234567890123456789")!.fitsBook)
        #expect(Decimal("0.000000000001")!.fitsBook)
        #expect(!Decimal("0.0000000000001")!.fitsBook)
        #expect(throws: RecordError.self) { try fill("QQQ", "buy", "1e30", at: "1").checkFitsBook() }
    }

    /// A book's pending orders with their symbols named: the numbers a book gives symbols
    /// depend on the order it met them in.
    private func pendingOrders(of book: PositionBook) -> [String] {
        book.pending.entries.map { id, order in
            "\(id) \(book.symbolName(order.symbolNumber)) \(order.side.rawValue) \(order.remaining) \(order.isOpen ? "open" : "close") \(order.unitCost) \(order.reserved)"
        }.sorted()
    }
}
