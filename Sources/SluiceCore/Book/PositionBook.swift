/// The positions, cash and orders in flight of one account, built from `fill` records and
/// corrected by `account` snapshots, the broker's truth. Orders passed but not yet done count
/// against cash and holdings, so two quick orders cannot spend the same money or sell the same
/// shares.
public final class PositionBook {
    /// An order passed downstream that the broker has not finished with. It names its symbol by
    /// number (`symbolName(_:)`) and holds no String, so that copying or dropping one, which the
    /// pending table does several times an order, costs no retain or release.
    public struct PendingOrder: Sendable, Equatable {
        public var symbolNumber: Int
        public var side: OrderSide
        public var remaining: Decimal
        public var isOpen: Bool
        /// Cash held back per unit (price and fees); zero when the order spends none.
        public var unitCost: Decimal
        /// Cash still held back for what is not filled yet.
        public var reserved: Decimal
    }

    public internal(set) var cash: Decimal?
    public internal(set) var buyingPower: Decimal?
    /// Cash held back for pending orders.
    public internal(set) var reserved = Decimal.zero
    /// The latest event time seen: "now" in replay.
    public internal(set) var now: Timestamp?
    /// Event time of the last successful account snapshot.
    public internal(set) var lastSnapshot: Timestamp?
    /// Pending orders by id, looked up for nearly every record.
    var pending = SymbolTable<PendingOrder>()
    /// Every symbol the book has a position for, numbered in the order first seen
    /// (`number(of:)`): a pending order names its symbol by number, and reaches its position
    /// without looking the name up.
    var symbolNumbers = SymbolTable<Int>()
    var symbolNames: [String] = []
    var positions: [BookPosition] = []
    public internal(set) var instruments: [String: Instrument] = [:]
    /// The instrument records that came in the stream, kept for the state file (those from
    /// `--instruments` are read again at each start).
    var instrumentRecords: [String: [UInt8]] = [:]

    public init(startingCash: Decimal? = nil) {
        cash = startingCash
    }

    public subscript(symbol: String) -> BookPosition {
        symbolNumbers[symbol].map { positions[$0] } ?? BookPosition()
    }

    /// Every symbol the book has a position for, idle ones included, in the order first seen.
    public var symbols: [String] { symbolNames }

    /// Changes the position in `symbol`, starting it when the book has none.
    func updatePosition(_ symbol: String, _ change: (inout BookPosition) -> Void) {
        change(&positions[number(of: symbol)])
    }

    /// Cash (or, on a margin account, buying power when the broker reports it) not held back.
    public func available(margin: Bool) -> Decimal? {
        guard let base = margin ? (buyingPower ?? cash) : cash else { return nil }
        return base - reserved
    }

    public func apply(_ instrument: Instrument, record: [UInt8] = []) {
        instruments[instrument.symbol] = instrument
        instrumentRecords[instrument.symbol] = record.isEmpty ? nil : record
    }

    public func observe(_ ts: Timestamp) {
        if now.map({ ts > $0 }) ?? true { now = ts }
    }

    public func observe(price: Decimal, of symbol: String) {
        updatePosition(symbol) { $0.lastPrice = price }
    }

    /// The position in `symbol` and the number it goes by, when the book has one: one lookup
    /// for an order that is checked against the position and then sent.
    func numberedPosition(_ symbol: String) -> (number: Int?, position: BookPosition) {
        guard let number = symbolNumbers[symbol] else { return (nil, BookPosition()) }
        return (number, positions[number])
    }

    /// Counts an order just passed downstream as in flight.
    public func send(id: String, symbol: String, side: OrderSide, qty: Decimal, isOpen: Bool, unitCost: Decimal) {
        send(id: id, symbolNumber: number(of: symbol), side: side, qty: qty, isOpen: isOpen, unitCost: unitCost)
    }

    /// The same, for the symbol numbered `number` (`number(of:)`).
    func send(id: String, symbolNumber number: Int, side: OrderSide, qty: Decimal, isOpen: Bool, unitCost: Decimal) {
        positions[number].send(side, qty: qty, isOpen: isOpen)
        let cost = qty.bookProduct(unitCost)
        let order = PendingOrder(symbolNumber: number, side: side, remaining: qty, isOpen: isOpen, unitCost: unitCost, reserved: cost)
        if let earlier = pending.replaceValue(order, for: id) { release(earlier) }
        reserved += cost
    }

    /// A fill moves the position and the cash, and what is left of its order.
    public func apply(_ fill: Fill) {
        // What the fill takes off its order. Plain values only: an optional tuple holding a
        // String is dropped through the runtime's generic tuple destructor.
        var filled: (side: OrderSide, done: Decimal, isOpen: Bool, finished: Bool, symbolNumber: Int)?
        pending.update(existing: fill.orderID) { order in
            let done = fill.qty < order.remaining ? fill.qty : order.remaining
            let released = min(done.bookProduct(order.unitCost), order.reserved)
            order.remaining -= done
            order.reserved -= released
            reserved -= released
            let finished = order.remaining.signum <= 0
            if finished { reserved -= order.reserved }
            filled = (order.side, done, order.isOpen, finished, order.symbolNumber)
            return !finished
        }
        let number: Int
        if let filled {
            positions[filled.symbolNumber].release(filled.side, qty: filled.done, isOpen: filled.isOpen, finished: filled.finished)
            // Nearly always the fill's own symbol, whose number its order has.
            number = symbolNames[filled.symbolNumber] == fill.symbol ? filled.symbolNumber : self.number(of: fill.symbol)
        } else {
            number = self.number(of: fill.symbol)
        }
        positions[number].apply(fill)
        let notional = fill.qty.bookProduct(fill.price)
        cash = cash.map { fill.side == .buy ? $0 - notional - fill.fee : $0 + notional - fill.fee }
    }

    /// The broker finished with an order (filled, canceled, rejected, expired): what it had not
    /// filled no longer counts.
    public func apply(_ status: OrderStatus) {
        guard status.status.isFinal else { return }
        if let order = pending.removeValue(for: status.orderID) { release(order) }
    }

    /// Takes the broker's snapshot as the truth and returns how the local book differed from it,
    /// by symbol. The first snapshot is the starting book: what it brings to a symbol the book
    /// knows nothing of yet is not a correction.
    public func apply(_ account: Account) -> [Correction] {
        var broker: [String: Account.Position] = [:]
        for position in account.positions { broker[position.symbol] = position }
        var corrections: [Correction] = []
        for symbol in Set(symbolNames).union(broker.keys).sorted() {
            var position = self[symbol]
            let brokerQty = broker[symbol]?.qty ?? .zero
            if position.qty != brokerQty && !(lastSnapshot == nil && position.qty.isZero) {
                let action: Correction.Action = brokerQty.isZero ? .clearedPhantom : position.qty.isZero ? .adoptedOrphan : .resized
                corrections.append(Correction(ts: account.ts, symbol: symbol, localQty: position.qty, brokerQty: brokerQty, action: action))
            }
            position.qty = brokerQty
            if let averagePrice = broker[symbol]?.averagePrice, !brokerQty.isZero {
                position.averagePrice = averagePrice
                if position.lastPrice == nil { position.lastPrice = averagePrice }
                position.entries = max(position.entries, 1)
            } else {
                position.averagePrice = .zero
            }
            if position.isIdle { position.entries = 0 }
            positions[number(of: symbol)] = position
        }
        cash = account.cash
        buyingPower = account.buyingPower
        lastSnapshot = account.ts
        return corrections
    }

    /// Releases what a pending order, no longer pending, still held back.
    private func release(_ order: PendingOrder) {
        reserved -= order.reserved
        positions[order.symbolNumber].release(order.side, qty: order.remaining, isOpen: order.isOpen, finished: true)
    }

    /// The number `symbol` goes by, given it with an empty position the first time.
    func number(of symbol: String) -> Int {
        let next = symbolNames.count
        let number = symbolNumbers.update(symbol, startingFrom: next) { $0 }
        if number == next {
            symbolNames.append(symbol)
            positions.append(BookPosition())
        }
        return number
    }

    /// The symbol numbered `number` by `number(of:)`.
    public func symbolName(_ number: Int) -> String { symbolNames[number] }
}
