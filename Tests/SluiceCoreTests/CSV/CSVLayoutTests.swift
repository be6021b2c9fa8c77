import Testing
@testable import SluiceCore

@Suite("CSV layouts and times")
struct CSVLayoutTests {
    @Test func yahooHeader() throws {
        let layout = try #require(CSVLayout(header: ["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"]))
        #expect((layout.time, layout.open, layout.high, layout.low, layout.close, layout.volume) == (0, 1, 2, 3, 4, 6))
        #expect(layout.extras == [CSVLayout.Extra(name: "adj_close", column: 5)])
        #expect(layout.symbol == nil)
        #expect(layout.impliedZone == nil)
    }

    @Test func epochHeaderPrefersMilliseconds() throws {
        let layout = try #require(CSVLayout(header: ["timestamp_ms", "datetime_utc", "open", "high", "low", "close", "volume"]))
        #expect(layout.time == 0)
        #expect(layout.impliedZone == .utc)
    }

    @Test func zoneFromColumnName() throws {
        #expect(try #require(CSVLayout(header: ["datetime_ny", "open", "high", "low", "close", "volume"])).impliedZone == .newYork)
        #expect(try #require(CSVLayout(header: ["date_utc", "open", "high", "low", "close"])).impliedZone == .utc)
    }

    @Test func symbolColumn() throws {
        #expect(try #require(CSVLayout(header: ["ticker", "timestamp", "o", "h", "l", "c", "v"])).symbol == 0)
    }

    @Test func notAHeader() {
        #expect(CSVLayout(header: ["2024-01-01", "1", "2", "0.5", "1.5"]) == nil)
        #expect(CSVLayout(header: ["date", "price"]) == nil)
    }

    @Test func columnsOption() throws {
        let layout = try CSVLayout(columns: "date,-,open,high,low,close,volume,venue")
        #expect((layout.time, layout.open, layout.close, layout.volume) == (0, 2, 5, 6))
        #expect(layout.extras == [CSVLayout.Extra(name: "venue", column: 7)])
        #expect(throws: CommandLineError.usage("--columns: missing high, low in 'date,open,close'")) { try CSVLayout(columns: "date,open,close") }
        #expect(throws: CommandLineError.self) { try CSVLayout(columns: "open,high,low,close") }
    }

    @Test("time cells", arguments: [
        ("1515560100000", "UTC", "2018-01-10T04:55:00.000Z"),
        ("1515560100", "UTC", "2018-01-10T04:55:00.000Z"),
        ("2014-12-01", "UTC", "2014-12-01T00:00:00.000Z"),
        ("20131004", "UTC", "2013-10-04T00:00:00.000Z"),
        ("10/4/2013", "UTC", "2013-10-04T00:00:00.000Z"),
        ("2013-10-04 09:30:00", "America/New_York", "2013-10-04T13:30:00.000Z"),
        ("2013-12-04 09:30:00", "America/New_York", "2013-12-04T14:30:00.000Z"),
        ("2013-10-04T09:30", "America/New_York", "2013-10-04T13:30:00.000Z"),
        ("2018-01-10T04:55:00Z", "America/New_York", "2018-01-10T04:55:00.000Z"),
        ("2018-01-10T05:55:00+01:00", "UTC", "2018-01-10T04:55:00.000Z"),
        ("1/2/2024 16:00", "America/New_York", "2024-01-02T21:00:00.000Z"),
    ])
    func timeCells(_ text: String, _ zone: String, _ expected: String) throws {
        var text = text
        let rules = try TimeZoneRules(named: zone)
        let result = text.withUTF8 { bytes in Result { () throws(TimeError) in try CSVSource.parseTime(bytes, zone: rules) } }
        #expect(try result.get().0.description == expected)
    }

    @Test func fieldsAreSplitAndTrimmed() {
        var fields = CSVFields()
        let line = Array(#" a ,"b",,c"#.utf8)
        line.withUnsafeBufferPointer { buffer in
            fields.split(buffer)
            #expect(fields.ranges.map { String(decoding: buffer[$0], as: UTF8.self) } == ["a", "b", "", "c"])
        }
    }
}
