/// A snapshot of the account at the broker: the truth the book is corrected to.
public struct Account: Record, Sendable {
    public struct Position: Sendable, Equatable {
        public var symbol: String
        /// Signed: negative is short.
        public var qty: Decimal
        public var averagePrice: Decimal
        /// The price it was valued at, when the broker says (informative: a value that is not a
        /// number is left out rather than refusing the snapshot).
        public var lastPrice: Decimal?
    }

    public static let recordType = RecordType.account
    public var ts: Timestamp
    public var cash: Decimal
    public var equity: Decimal
    public var positions: [Position]
    public var buyingPower: Decimal?
    public var realizedPnLDay: Decimal?
    public var source: String?
    public var seq: Int64?

    public init(_ f: RecordFields) throws(RecordError) {
        ts = try f.timestamp("ts")
        cash = try f.decimal("cash")
        equity = try f.decimal("equity")
        buyingPower = try f.optionalDecimal("buying_power")
        realizedPnLDay = try f.optionalDecimal("realized_pnl_day")
        source = try f.optionalString("source")
        seq = try f.optionalInteger("seq")
        let list = try f.required("positions")
        let document = f.document
        guard document[list].kind == .array else { throw RecordError("account", field: "positions", "expected a list, got \(f.shown(list))") }
        positions = []
        for (n, element) in document.elements(of: list).enumerated() {
            guard document[element].kind == .object else {
                throw RecordError("account", field: "positions[\(n)]", "expected an object, got \(f.shown(element))")
            }
            positions.append(try Account.position(document, element, n))
        }
    }

    private static func position(_ document: JSONDocument, _ object: Int, _ n: Int) throws(RecordError) -> Position {
        func value(_ key: JSONKey) throws(RecordError) -> Int {
            guard let index = document.member(key, of: object) else {
                throw RecordError("account", field: "positions[\(n)].\(key.name)", "missing")
            }
            return index
        }
        func number(_ key: JSONKey) throws(RecordError) -> Decimal {
            let index = try value(key)
            guard let parsed = try? Decimal(parsing: document.text(index)), document[index].kind == .number || document[index].kind == .string else {
                throw RecordError("account", field: "positions[\(n)].\(key.name)", "expected a number, got \(String(decoding: document.rawValue(index).prefix(40), as: UTF8.self))")
            }
            return parsed
        }
        guard let symbol = document.repeatedString(try value("symbol")), !symbol.isEmpty else {
            throw RecordError("account", field: "positions[\(n)].symbol", "expected a non-empty string")
        }
        let lastPrice = document.member("last_price", of: object) == nil ? nil : try? number("last_price")
        return Position(symbol: symbol, qty: try number("qty"), averagePrice: try number("avg_price"), lastPrice: lastPrice)
    }
}
