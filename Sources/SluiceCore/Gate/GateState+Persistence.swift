/// `--state DIR`: the gate's state as one JSON object, so that a gate restarted after a crash
/// decides the rest of the stream as an uninterrupted one would.
extension GateState {
    static let stateVersion: Int64 = 1

    /// Writes the state and the number of the last input line it includes.
    func write(to output: OutputBuffer, line: Int) {
        var root = JSONObjectWriter(output)
        root.integer("version", GateState.stateVersion)
        root.integer("line", Int64(line))
        if let now { root.integer("now", now.milliseconds) }
        root.string("mode", mode.rawValue)
        if let modeRefusal {
            root.string("mode_rule", modeRefusal.ruleName)
            root.string("mode_reason", modeRefusal.reason.description)
        }
        root.objects("symbol_modes", symbolModes.entries.sorted { $0.key < $1.key }) { entry, item in
            entry.string("symbol", item.key)
            entry.string("mode", item.value.0.rawValue)
            entry.string("rule", item.value.1.ruleName)
            entry.string("reason", item.value.1.reason.description)
        }
        root.objects("positions", positions.entries.sorted { $0.key < $1.key }) { entry, item in
            entry.string("symbol", item.key)
            entry.decimal("qty", item.value.qty)
            entry.decimal("avg_price", item.value.averagePrice)
            entry.integer("opened", item.value.openedAt.milliseconds)
            if let price = item.value.lastPrice { entry.decimal("last_price", price) }
        }
        root.objects("pending", pendingEntries.names.sorted()) { entry, symbol in entry.string("symbol", symbol) }
        root.objects("last_loss", lastLoss.entries.sorted { $0.key < $1.key }) { entry, item in
            entry.string("symbol", item.key)
            entry.integer("ts", item.value.milliseconds)
        }
        times(&root, "loss_run", lossRun)
        if let pausedUntil { root.integer("paused_until", pausedUntil.milliseconds) }
        root.objects("instruments", instruments.values.sorted { $0.symbol < $1.symbol }) { entry, instrument in
            entry.string("symbol", instrument.symbol)
            entry.string("asset_class", instrument.assetClass.rawValue)
            if let group = instrument.correlationGroup { entry.string("correlation_group", group) }
            if let underlying = instrument.underlying, let exposure = instrument.exposure {
                entry.string("underlying", underlying)
                entry.decimal("exposure", exposure)
            }
        }
        root.objects("last_entry", lastEntry.entries.sorted { $0.key < $1.key }) { entry, item in
            entry.string("symbol", item.key)
            entry.integer("ts", item.value.ts.milliseconds)
            entry.string("side", item.value.side.rawValue)
        }
        let bySide = lastEntryBySide.entries.flatMap { item in
            SignalSide.allCases.compactMap { side in item.value[side].map { (symbol: item.key, side: side, ts: $0) } }
        }.sorted { ($0.symbol, $0.side.rawValue) < ($1.symbol, $1.side.rawValue) }
        root.objects("last_entry_by_side", bySide) { entry, item in
            entry.string("symbol", item.symbol)
            entry.string("side", item.side.rawValue)
            entry.integer("ts", item.ts.milliseconds)
        }
        if let lastEntryAnywhere { root.integer("last_entry_anywhere", lastEntryAnywhere.milliseconds) }
        times(&root, "recent", recentEntries)
        root.objects("recent_by_symbol", recentEntriesBySymbol.entries.sorted { $0.key < $1.key }) { entry, item in
            entry.string("symbol", item.key)
            times(&entry, "ts", item.value)
        }
        root.bool("account_seen", accountSeen)
        if let peakEquity { root.decimal("peak_equity", peakEquity) }
        if let dayStartEquity { root.decimal("day_start_equity", dayStartEquity) }
        if let lastEquity { root.decimal("last_equity", lastEquity) }
        if let currentDay { root.integer("day", Int64(currentDay)) }
        root.close()
        output.append(UInt8(ascii: "\n"))
    }

    private func times(_ root: inout JSONObjectWriter, _ name: StaticString, _ values: [Timestamp]) {
        root.key(name)
        root.output.append(UInt8(ascii: "["))
        for (n, value) in values.enumerated() {
            if n > 0 { root.output.append(UInt8(ascii: ",")) }
            root.output.append(integer: value.milliseconds)
        }
        root.output.append(UInt8(ascii: "]"))
    }

    /// Restores a state written by `write`; returns the last input line it includes.
    func restore(from document: JSONDocument) throws(RecordError) -> Int {
        let reader = StateReader(document: document)
        guard try reader.integer("version", of: 0) == GateState.stateVersion else {
            throw RecordError("state", field: "version", "expected \(GateState.stateVersion)")
        }
        now = try reader.optionalTime("now", of: 0)
        mode = try reader.word("mode", of: 0, as: TradingMode.self)
        if let rule = try reader.optionalString("mode_rule", of: 0) {
            modeRefusal = Refusal(try GateState.modeRule(named: rule, field: "mode_rule"), reason: try reader.string("mode_reason", of: 0))
        }
        for entry in try reader.list("symbol_modes") {
            symbolModes[try reader.string("symbol", of: entry)] =
                (try reader.word("mode", of: entry, as: TradingMode.self), Refusal(try GateState.modeRule(named: try reader.string("rule", of: entry), field: "rule"), reason: try reader.string("reason", of: entry)))
        }
        for entry in try reader.list("positions") {
            positions[try reader.string("symbol", of: entry)] = HeldPosition(
                qty: try reader.decimal("qty", of: entry), averagePrice: try reader.decimal("avg_price", of: entry),
                openedAt: try reader.time("opened", of: entry), lastPrice: try reader.optionalDecimal("last_price", of: entry))
        }
        for entry in try reader.list("pending") {
            let symbol = try reader.string("symbol", of: entry)
            if positions[symbol] == nil { pendingEntries[symbol] = true }
        }
        for entry in try reader.list("last_loss") { lastLoss[try reader.string("symbol", of: entry)] = try reader.time("ts", of: entry) }
        lossRun = try reader.times("loss_run", of: 0)
        pausedUntil = try reader.optionalTime("paused_until", of: 0)
        for entry in try reader.list("instruments") {
            var text = #"{"type":"instrument","symbol":"#
            text += try reader.raw("symbol", of: entry) + #","asset_class":"# + (try reader.raw("asset_class", of: entry))
            for key: JSONKey in ["correlation_group", "underlying", "exposure"] {
                if let value = document.member(key, of: entry) {
                    text += #",""# + key.name + #"":"# + String(decoding: document.rawValue(value), as: UTF8.self)
                }
            }
            text += "}"
            let instrumentDocument = JSONDocument()
            var bytes = Array(text.utf8)
            let instrument = try bytes.withUnsafeMutableBufferPointer { (buffer) throws(RecordError) -> Instrument in
                do throws(JSONError) { try instrumentDocument.parseObject(UnsafeBufferPointer(buffer)) } catch {
                    throw RecordError("state", field: "instruments", error.description)
                }
                return try Instrument(document: instrumentDocument)
            }
            apply(instrument)
        }
        for entry in try reader.list("last_entry") {
            lastEntry[try reader.string("symbol", of: entry)] = (try reader.time("ts", of: entry), try reader.word("side", of: entry, as: SignalSide.self))
        }
        for entry in try reader.list("last_entry_by_side") {
            let symbol = try reader.string("symbol", of: entry)
            let side = try reader.word("side", of: entry, as: SignalSide.self)
            let ts = try reader.time("ts", of: entry)
            lastEntryBySide.update(symbol, startingFrom: EntryTimes()) { $0[side] = ts }
        }
        lastEntryAnywhere = try reader.optionalTime("last_entry_anywhere", of: 0)
        recentEntries = try reader.times("recent", of: 0)
        for entry in try reader.list("recent_by_symbol") { recentEntriesBySymbol[try reader.string("symbol", of: entry)] = try reader.times("ts", of: entry) }
        accountSeen = document.member("account_seen").flatMap { document.bool($0) } ?? false
        peakEquity = try reader.optionalDecimal("peak_equity")
        dayStartEquity = try reader.optionalDecimal("day_start_equity")
        lastEquity = try reader.optionalDecimal("last_equity")
        currentDay = try document.member("day").map { _ throws(RecordError) in Int(try reader.integer("day", of: 0)) }
        return Int(try reader.integer("line", of: 0))
    }

    /// The rule of a stored trading mode: one of the rules that move the whole gate or a symbol
    /// out of active (rule names are static).
    static func modeRule(named name: String, field: String) throws(RecordError) -> StaticString {
        switch name {
        case "daily_loss": "daily_loss"
        case "drawdown": "drawdown"
        case "reducing": "reducing"
        case "halted": "halted"
        default: throw RecordError("state", field: field, "unknown trading-mode rule \"\(name)\"")
        }
    }
}
