/// A price bar; `ts` is when it opened, and it is known at `ts + interval`.
public struct Bar: Record, Sendable {
    public static let recordType = RecordType.bar
    public var ts: Timestamp
    public var symbol: String
    public var open, high, low, close: Decimal
    public var volume: Decimal?
    /// Bar length in seconds.
    public var interval: Int64?

    public init(ts: Timestamp, symbol: String, open: Decimal, high: Decimal, low: Decimal, close: Decimal,
                volume: Decimal? = nil, interval: Int64? = nil) {
        self.ts = ts
        self.symbol = symbol
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.interval = interval
    }

    public init(_ f: RecordFields) throws(RecordError) {
        let at = Members(f.document)
        self.init(ts: try f.timestamp("ts", at: at.ts), symbol: try f.symbol("symbol", at: at.symbol),
                  open: try f.decimal("open", at: at.open), high: try f.decimal("high", at: at.high),
                  low: try f.decimal("low", at: at.low), close: try f.decimal("close", at: at.close),
                  volume: try f.optionalDecimal("volume", at: at.volume),
                  interval: try f.optionalInteger("interval", at: at.interval))
        try validate()
    }

    /// High and low must bound open and close; volume and interval cannot be negative.
    public func validate() throws(RecordError) {
        if high < low { throw RecordError("bar", field: "high", "high \(high) is below low \(low)") }
        if high < open || high < close { throw RecordError("bar", field: "high", "high \(high) is below open \(open) or close \(close)") }
        if low > open || low > close { throw RecordError("bar", field: "low", "low \(low) is above open \(open) or close \(close)") }
        if let volume, volume.isNegative { throw RecordError("bar", field: "volume", "expected a number of at least 0, got \(volume)") }
        if let interval, interval <= 0 { throw RecordError("bar", field: "interval", "expected a positive number of seconds, got \(interval)") }
    }

    /// When the bar's prices are known: the end of the bar, or its open time if the length is unknown.
    public var knownAt: Timestamp { ts.adding(milliseconds: (interval ?? 0) * 1000) }
}
