/// The records `exec` makes. Statuses, fills and accounts also go to the feedback FIFO.
extension Exec {
    /// `{"type":"fill","id":"<order>-fill-<n>","order_id":…,"ts":…,"symbol":…,"venue_symbol":…,
    /// "side":…,"qty":…,"price":…,"fee":…,"reason":…}`
    func write(_ fill: VenueFill) {
        let mark = output.count
        var record = JSONObjectWriter(output)
        record.word("type", "fill")
        record.string("id", fill.id)
        record.string("order_id", fill.orderID)
        record.timestamp("ts", fill.ts)
        record.string("symbol", fill.symbol)
        if fill.venueSymbol != fill.symbol { record.string("venue_symbol", fill.venueSymbol) }
        record.word("side", fill.side)
        record.decimal("qty", fill.qty)
        record.decimal("price", fill.price)
        record.decimal("fee", fill.fee)
        record.word("reason", fill.reason)
        endFeedbackRecord(record, from: mark)
    }

    /// `{"type":"order_status","id":"<order>-<status>",…}`; a partial fill's id ends with the
    /// quantity filled so far, so each is unique.
    func write(_ status: VenueStatus, retryable: Bool? = nil) {
        let mark = output.count
        var record = JSONObjectWriter(output)
        record.word("type", "order_status")
        var id = status.orderID + "-" + status.status.rawValue
        if status.status == .partiallyFilled, let filled = status.filledQty { id += "-\(filled)" }
        record.string("id", id)
        record.string("order_id", status.orderID)
        record.timestamp("ts", status.ts)
        record.word("status", status.status)
        if let filled = status.filledQty { record.decimal("filled_qty", filled) }
        if let reason = status.reason { record.string("reason", reason) }
        if let code = status.code { record.string("venue_code", code) }
        if let retryable { record.bool("retryable", retryable) }
        endFeedbackRecord(record, from: mark)
    }

    /// `{"type":"account","id":"account-<seq>","ts":…,"source":"paper","seq":…,"cash":…,
    /// "equity":…,"buying_power":…,"realized_pnl":…,"fees":…,"positions":[…]}`
    func writeAccount(at ts: Timestamp) {
        let mark = output.count
        var record = JSONObjectWriter(output)
        record.word("type", "account")
        record.string("id", "account-\(snapshotSeq)")
        record.timestamp("ts", ts)
        record.word("source", "paper")
        record.integer("seq", snapshotSeq)
        record.decimal("cash", venue.cash)
        record.decimal("equity", venue.equity)
        record.decimal("buying_power", venue.buyingPower)
        record.decimal("realized_pnl", venue.realizedPnL)
        record.decimal("fees", venue.fees)
        record.key("positions")
        output.append(UInt8(ascii: "["))
        var first = true
        venue.forEachPosition { number, market in
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            appendPositionText(number, market)
            if let price = market.lastPrice {
                output.append(",\"last_price\":")
                output.append(decimal: price)
            }
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: "]"))
        endFeedbackRecord(record, from: mark)
    }

    /// `{"symbol":…,"venue_symbol":…,"qty":…,"avg_price":…` (left open for the last price), made
    /// again only after a fill: a snapshot of many positions is mostly this text.
    private func appendPositionText(_ number: Int, _ market: VenueMarket) {
        if number < positionTexts.count && positionTexts[number].fillCount == market.fillCount {
            return positionTexts[number].text.withUnsafeBufferPointer { output.append($0) }
        }
        var entry = JSONObjectWriter(scratch)
        entry.string("symbol", market.symbol)
        if market.venueSymbol != market.symbol { entry.string("venue_symbol", market.venueSymbol) }
        entry.decimal("qty", market.qty)
        entry.decimal("avg_price", market.averagePrice)
        let text = scratch.takeBytes()
        if number >= positionTexts.count { positionTexts += repeatElement((fillCount: -1, text: [UInt8]()), count: number + 1 - positionTexts.count) }
        positionTexts[number] = (market.fillCount, text)
        output.append(text)
    }

    /// An order `exec` makes itself (an emergency exit), on standard output only.
    func writeOrder(_ order: Order, note: String) {
        var record = JSONObjectWriter(output)
        record.word("type", "order")
        record.string("id", order.id)
        record.string("signal_id", order.signalID)
        record.timestamp("ts", order.ts)
        record.string("symbol", order.symbol)
        record.word("side", order.side)
        record.decimal("qty", order.qty)
        record.word("kind", order.kind)
        record.word("intent", order.intent)
        record.word("origin", "exec")
        record.string("note", note)
        record.close()
        output.append(UInt8(ascii: "\n"))
    }

    private func endFeedbackRecord(_ record: JSONObjectWriter, from mark: Int) {
        record.close()
        output.append(UInt8(ascii: "\n"))
        feedback?.append(copyOf: output, from: mark)
    }
}
