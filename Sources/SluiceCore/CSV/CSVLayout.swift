/// Which column of a CSV file holds what, found from its header line or given by `--columns`.
public struct CSVLayout: Sendable, Equatable {
    public var time: Int
    public var open: Int
    public var high: Int
    public var low: Int
    public var close: Int
    public var volume: Int?
    public var symbol: Int?
    /// Other columns kept as extra fields of the bar (`adj_close`).
    public var extras: [Extra] = []
    /// The zone the time column's name implies (`datetime_utc`, `datetime_ny`), if any.
    public var impliedZone: TimeZoneRules?

    public struct Extra: Sendable, Equatable {
        public var name: String
        public var column: Int
    }

    static let timeNames = ["timestamp_ms", "time_ms", "ts", "timestamp", "datetime_utc", "datetime", "date_time",
                            "time", "date_utc", "date", "open_time", "datetime_ny", "datetime_et", "date_ny"]
    static let extraNames: Set<String> = ["adj_close", "vwap", "trades", "count"]

    /// A header cell as a field name: lowercased, spaces as underscores.
    static func normalize(_ cell: String) -> String {
        var text = cell.lowercased()
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(separator: " ").joined(separator: "_")
    }

    /// Reads a header line; nil when the line does not name a time column and open, high, low
    /// and close.
    public init?(header cells: [String]) {
        let names = cells.map(CSVLayout.normalize)
        func column(_ candidates: [String]) -> Int? {
            for candidate in candidates { if let index = names.firstIndex(of: candidate) { return index } }
            return nil
        }
        guard let time = column(CSVLayout.timeNames) ?? names.firstIndex(where: { $0.contains("time") || $0.contains("date") }),
              let open = column(["open", "o"]), let high = column(["high", "h"]),
              let low = column(["low", "l"]), let close = column(["close", "c"]) else { return nil }
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        volume = column(["volume", "vol", "v"])
        symbol = column(["symbol", "ticker", "pair", "instrument"])
        for (index, name) in names.enumerated() where CSVLayout.extraNames.contains(name) {
            extras.append(Extra(name: name, column: index))
        }
        impliedZone = CSVLayout.zone(impliedBy: names[time])
    }

    /// From `--columns`: one name per column in order, `-` for a column to ignore.
    public init(columns spec: String) throws(CommandLineError) {
        let names = spec.split(separator: ",", omittingEmptySubsequences: false).map { CSVLayout.normalize(String($0)) }
        func column(_ candidates: [String]) -> Int? { names.firstIndex { candidates.contains($0) } }
        guard let time = column(["ts", "time", "date", "datetime", "timestamp"]) else {
            throw .usage("--columns: name the time column (ts, time, date, datetime or timestamp) in '\(spec)'")
        }
        var missing: [String] = []
        let open = column(["open"]), high = column(["high"]), low = column(["low"]), close = column(["close"])
        if open == nil { missing.append("open") }
        if high == nil { missing.append("high") }
        if low == nil { missing.append("low") }
        if close == nil { missing.append("close") }
        guard missing.isEmpty else { throw .usage("--columns: missing \(missing.joined(separator: ", ")) in '\(spec)'") }
        self.time = time
        self.open = open!
        self.high = high!
        self.low = low!
        self.close = close!
        volume = column(["volume"])
        symbol = column(["symbol"])
        let known: Set<String> = ["ts", "time", "date", "datetime", "timestamp", "open", "high", "low", "close", "volume", "symbol", "-", ""]
        for (index, name) in names.enumerated() where !known.contains(name) {
            extras.append(Extra(name: name, column: index))
        }
    }

    static func zone(impliedBy name: String) -> TimeZoneRules? {
        if name.hasSuffix("_utc") || name.hasSuffix("_ms") || name == "timestamp" { return .utc }
        if name.hasSuffix("_ny") || name.hasSuffix("_et") { return .newYork }
        return nil
    }

    /// The highest column index the layout reads.
    public var widestColumn: Int {
        ([time, open, high, low, close, volume ?? 0, symbol ?? 0] + extras.map(\.column)).max()!
    }
}
