/// An input of CSV price bars. The layout comes from the header line (or `--columns`), the
/// symbol from a column or `--symbol`, the bar length from `--interval` or from the smallest
/// step between the first rows. Numbers keep their text.
public final class CSVSource: InputSource {
    /// Rows read ahead to infer the bar length.
    static let lookahead = 64

    public let file: String?
    public let reader: LineReader
    let layout: CSVLayout
    let symbol: String?
    let zone: TimeZoneRules
    private(set) var interval: Int64?
    private var intervalKnown: Bool
    private var fields = CSVFields()
    private let numberCheck = JSONDocument()
    /// Where a row's fields are written as JSON before the row is queued.
    private let scratch = OutputBuffer(destination: .standardOutput, capacity: 4096)
    private var pending: [Row] = []
    private var pendingHead = 0
    private var current: Row?
    private var order = OrderTracker()
    private var started = false
    /// The first line was data (no header), to be read as a row.
    private var firstDataLine: [UInt8]?
    private var firstDataLineNumber = 0
    public private(set) var mergeTime = Timestamp.earliest

    enum Row {
        case bar(Bar, json: [UInt8], line: Int, dateOnly: Bool)
        case bad(raw: [UInt8], line: Int, reason: String, truncated: Bool)
    }

    /// - Parameters:
    ///   - firstLine: the file's first line: its header, or with `--columns` possibly a data row.
    init(file: String?, reader: LineReader, firstLine: InputLine, columns: CSVLayout?, symbol: String?,
         zone: TimeZoneRules?, interval: Int64?) throws(CommandLineError) {
        self.file = file
        self.reader = reader
        var cells = CSVFields()
        cells.split(firstLine.bytes)
        let header = cells.ranges.map { String(decoding: UnsafeBufferPointer(rebasing: firstLine.bytes[$0]), as: UTF8.self) }
        let name = file ?? "standard input"
        if let columns {
            layout = columns
            let timeCell = columns.time < cells.count ? UnsafeBufferPointer(rebasing: firstLine.bytes[cells.ranges[columns.time]]) : UnsafeBufferPointer(rebasing: firstLine.bytes[0..<0])
            if (try? CSVSource.parseTime(timeCell, zone: zone ?? .utc)) != nil {
                firstDataLine = Array(firstLine.bytes)
                firstDataLineNumber = firstLine.number
            }
        } else if let detected = CSVLayout(header: header) {
            layout = detected
        } else {
            throw .usage("\(name): cannot tell the columns from the first line (\(header.prefix(8).joined(separator: ","))); name them with --columns, e.g. --columns date,open,high,low,close,volume")
        }
        guard layout.symbol != nil || symbol != nil else {
            throw .usage("\(name): no symbol column; give --symbol")
        }
        self.symbol = symbol
        self.zone = zone ?? layout.impliedZone ?? .utc
        self.interval = interval
        intervalKnown = interval != nil
    }

    public func advance(_ stage: Stage) throws -> Bool {
        if !started {
            started = true
            try fillLookahead()
        }
        while true {
            if pendingHead == pending.count {
                pending.removeAll(keepingCapacity: true)
                pendingHead = 0
                guard let line = try reader.next() else {
                    order.summarize(file: file, stage: stage)
                    return false
                }
                pending.append(row(line.bytes, number: line.number, overlong: line.isOverlong))
            }
            let row = pending[pendingHead]
            pendingHead += 1
            switch row {
            case let .bad(raw, line, reason, truncated):
                try raw.withUnsafeBufferPointer { try stage.reportBadLine($0, line: line, file: file, reason: reason, truncated: truncated) }
            case let .bar(bar, _, line, _):
                current = row
                mergeTime = order.place(bar.ts, line: line, file: file, stage: stage)
                return true
            }
        }
    }

    /// Reads the first rows to infer the bar length when it was not given.
    private func fillLookahead() throws {
        if let first = firstDataLine {
            pending.append(first.withUnsafeBufferPointer { row($0, number: firstDataLineNumber, overlong: false) })
            firstDataLine = nil
        }
        guard !intervalKnown else { return }
        while pending.count < CSVSource.lookahead, let line = try reader.next() {
            pending.append(row(line.bytes, number: line.number, overlong: line.isOverlong))
        }
        var smallest: Int64?
        var previous: [String: Timestamp] = [:]
        var allDates = true
        var anyBar = false
        for case let .bar(bar, _, _, dateOnly) in pending {
            anyBar = true
            allDates = allDates && dateOnly
            if let last = previous[bar.symbol] {
                let step = bar.ts.milliseconds - last.milliseconds
                if step > 0 && step % 1000 == 0 { smallest = min(smallest ?? step, step) }
            }
            previous[bar.symbol] = bar.ts
        }
        let day: Int64 = 86_400
        if anyBar && allDates {
            interval = day
        } else if let smallest {
            // Steps over a day are gaps (weekends, holidays, a DST change), not the bar length,
            // unless they are whole weeks.
            let seconds = smallest / 1000
            interval = seconds > day && seconds % (7 * day) != 0 ? day : seconds
        }
        intervalKnown = true
    }

    private func row(_ line: UnsafeBufferPointer<UInt8>, number: Int, overlong: Bool) -> Row {
        do throws(RecordError) {
            if overlong { throw RecordError("csv", "line longer than \(reader.maximumLineLength) bytes") }
            return try parseRow(line, number: number)
        } catch {
            return .bad(raw: Array(line.prefix(Stage.maximumRawLength + 1)), line: number, reason: error.description, truncated: overlong)
        }
    }

    private func parseRow(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws(RecordError) -> Row {
        fields.split(line)
        guard fields.count > layout.widestColumn else {
            throw RecordError("csv", "expected at least \(layout.widestColumn + 1) fields, got \(fields.count)")
        }
        func cell(_ column: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: line[fields.ranges[column]]) }
        let ts: Timestamp
        let dateOnly: Bool
        do throws(TimeError) {
            (ts, dateOnly) = try CSVSource.parseTime(cell(layout.time), zone: zone)
        } catch {
            throw RecordError("csv", field: "time", error.message)
        }
        let rowSymbol: String
        if let column = layout.symbol, !cell(column).isEmpty {
            rowSymbol = String(decoding: cell(column), as: UTF8.self)
        } else if let symbol {
            rowSymbol = symbol
        } else {
            throw RecordError("csv", field: "symbol", "empty")
        }
        let output = scratch
        output.truncate(to: 0)
        var json = JSONObjectWriter(output)
        json.string("symbol", rowSymbol)
        func numberCell(_ name: StaticString, _ column: Int) throws(RecordError) -> Decimal {
            let text = cell(column)
            let value: Decimal
            do throws(DecimalError) {
                value = try Decimal(parsing: text)
            } catch {
                throw RecordError("csv", field: name.description, "expected a number, got \"\(String(decoding: text.prefix(40), as: UTF8.self))\"")
            }
            json.key(name)
            appendNumber(text, value, to: output)
            return value
        }
        let open = try numberCell("open", layout.open)
        let high = try numberCell("high", layout.high)
        let low = try numberCell("low", layout.low)
        let close = try numberCell("close", layout.close)
        var volume: Decimal?
        if let column = layout.volume, !cell(column).isEmpty { volume = try numberCell("volume", column) }
        for extra in layout.extras where !cell(extra.column).isEmpty {
            let text = cell(extra.column)
            json.key(named: extra.name)
            if let value = try? Decimal(parsing: text) {
                appendNumber(text, value, to: output)
            } else {
                output.appendJSONString(text)
            }
        }
        let bar = Bar(ts: ts, symbol: rowSymbol, open: open, high: high, low: low, close: close, volume: volume)
        try bar.validate()
        return .bar(bar, json: Array(output.takeBytes().dropFirst()), line: number, dateOnly: dateOnly)
    }

    /// A number's own text when it is valid JSON, else its shortest exact form (`.5` → `0.5`).
    private func appendNumber(_ text: UnsafeBufferPointer<UInt8>, _ value: Decimal, to output: OutputBuffer) {
        if (try? numberCheck.parse(text)) != nil && numberCheck[0].kind == .number {
            output.append(text)
        } else {
            output.append(decimal: value)
        }
    }

    /// A time cell: epoch milliseconds (13 digits) or seconds, `YYYYMMDD`, an ISO date or
    /// date-time, or a US `M/D/YYYY` date; times without an offset are read in `zone`.
    static func parseTime(_ text: UnsafeBufferPointer<UInt8>, zone: TimeZoneRules) throws(TimeError) -> (Timestamp, Bool) {
        let digitsOnly = !text.isEmpty && text.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        if digitsOnly && text.count != 8 {
            guard let value = RecordFields.parseInteger(text) else { throw TimeError("epoch time out of range") }
            let ms = value >= 100_000_000_000 ? value : value * 1000
            return (try Timestamp(epochMilliseconds: ms), false)
        }
        var scanner = DateTimeScanner(text)
        let parsed = try scanner.scanDateTime()
        if let offset = parsed.offsetSeconds {
            return (Timestamp(milliseconds: parsed.civil.millisecondsIfUTC - Int64(offset) * 1000), parsed.isDateOnly)
        }
        return (zone.instant(fromLocal: parsed.civil), parsed.isDateOnly)
    }

    public func emitCurrent(_ emitter: inout RecordEmitter, to output: OutputBuffer) -> Bar? {
        guard case .bar(var bar, let json, _, _) = current else { return nil }
        bar.interval = interval
        var record = JSONObjectWriter(output)
        record.word("type", "bar")
        record.key("id")
        emitter.ids.appendNext(to: output)
        record.timestamp("ts", bar.ts)
        output.append(UInt8(ascii: ","))
        output.append(json)
        if let interval {
            output.append(",\"interval\":")
            output.append(integer: interval)
        }
        record.close()
        output.append(UInt8(ascii: "\n"))
        return bar
    }
}
