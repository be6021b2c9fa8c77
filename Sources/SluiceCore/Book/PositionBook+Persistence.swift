/// `--state DIR`: the book as one JSON object, so that a stage restarted after a crash checks
/// the rest of the stream as an uninterrupted one would. What pending orders imply (quantities
/// and cash held back, entries on their way) is derived from them when the state is read.
extension PositionBook {
    static let stateVersion: Int64 = 1

    /// Writes the book and the number of the last input line it includes.
    func write(to output: OutputBuffer, line: Int) {
        var root = JSONObjectWriter(output)
        root.integer("version", PositionBook.stateVersion)
        root.integer("line", Int64(line))
        if let now { root.integer("now", now.milliseconds) }
        if let cash { root.decimal("cash", cash) }
        if let buyingPower { root.decimal("buying_power", buyingPower) }
        if let lastSnapshot { root.integer("last_snapshot", lastSnapshot.milliseconds) }
        root.objects("positions", zip(symbolNames, positions).sorted { $0.0 < $1.0 }) { entry, item in
            let (symbol, position) = item
            entry.string("symbol", symbol)
            entry.decimal("qty", position.qty)
            entry.decimal("avg_price", position.averagePrice)
            entry.integer("entries", Int64(position.entries))
            if let price = position.lastPrice { entry.decimal("last_price", price) }
        }
        root.objects("pending", pending.entries.sorted { $0.key < $1.key }) { entry, item in
            entry.string("id", item.key)
            entry.string("symbol", symbolName(item.value.symbolNumber))
            entry.string("side", item.value.side.rawValue)
            entry.decimal("remaining", item.value.remaining)
            entry.bool("open", item.value.isOpen)
            entry.decimal("unit_cost", item.value.unitCost)
            entry.decimal("reserved", item.value.reserved)
        }
        root.key("instruments")
        output.append(UInt8(ascii: "["))
        for (n, item) in instrumentRecords.sorted(by: { $0.key < $1.key }).enumerated() {
            if n > 0 { output.append(UInt8(ascii: ",")) }
            output.append(item.value)
        }
        output.append(UInt8(ascii: "]"))
        root.close()
        output.append(UInt8(ascii: "\n"))
    }

    /// Restores a book written by `write`; returns the last input line it includes.
    func restore(from document: JSONDocument) throws(RecordError) -> Int {
        let reader = StateReader(document: document)
        guard try reader.integer("version", of: 0) == PositionBook.stateVersion else {
            throw RecordError("state", field: "version", "expected \(PositionBook.stateVersion)")
        }
        now = try reader.optionalTime("now", of: 0)
        cash = try reader.optionalDecimal("cash")
        buyingPower = try reader.optionalDecimal("buying_power")
        lastSnapshot = try reader.optionalTime("last_snapshot", of: 0)
        for entry in try reader.list("positions") {
            var position = BookPosition()
            position.qty = try reader.decimal("qty", of: entry)
            position.averagePrice = try reader.decimal("avg_price", of: entry)
            position.entries = Int(try reader.integer("entries", of: entry))
            if document.member("last_price", of: entry) != nil { position.lastPrice = try reader.decimal("last_price", of: entry) }
            positions[number(of: try reader.string("symbol", of: entry))] = position
        }
        for entry in try reader.list("pending") {
            let symbol = try reader.string("symbol", of: entry)
            let order = PendingOrder(
                symbolNumber: number(of: symbol), side: try reader.word("side", of: entry, as: OrderSide.self),
                remaining: try reader.decimal("remaining", of: entry), isOpen: document.member("open", of: entry).flatMap { document.bool($0) } ?? false,
                unitCost: try reader.decimal("unit_cost", of: entry), reserved: try reader.decimal("reserved", of: entry))
            pending[try reader.string("id", of: entry)] = order
            reserved += order.reserved
            updatePosition(symbol) { position in
                if order.side == .buy { position.pendingBuy += order.remaining } else { position.pendingSell += order.remaining }
                if order.isOpen {
                    if order.side == .buy { position.pendingOpenBuys += 1 } else { position.pendingOpenSells += 1 }
                }
            }
        }
        for entry in try reader.list("instruments") {
            var bytes = Array(document.rawValue(entry))
            let instrumentDocument = JSONDocument()
            let instrument = try bytes.withUnsafeMutableBufferPointer { (buffer) throws(RecordError) -> Instrument in
                do throws(JSONError) { try instrumentDocument.parseObject(UnsafeBufferPointer(buffer)) } catch {
                    throw RecordError("state", field: "instruments", error.description)
                }
                return try Instrument(document: instrumentDocument)
            }
            apply(instrument, record: bytes)
        }
        return Int(try reader.integer("line", of: 0))
    }
}
