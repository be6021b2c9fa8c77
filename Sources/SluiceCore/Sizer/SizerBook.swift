/// What `sizer` knows of the account: equity, cash and positions from `account` snapshots,
/// moved by the `fill`s since; the last price of each symbol; the instruments.
public final class SizerBook {
    public internal(set) var equity: Decimal?
    public internal(set) var cash: Decimal?
    public internal(set) var buyingPower: Decimal?
    // Read or set for nearly every record: `SymbolTable`s, hashed without SipHash.
    /// Signed quantities: negative is short.
    var positions = SymbolTable<Decimal>()
    var lastPrice = SymbolTable<Decimal>()
    var instruments = SymbolTable<Instrument>()

    public init(startingEquity: Decimal? = nil) {
        equity = startingEquity
        cash = startingEquity
    }

    /// The broker's snapshot replaces what fills had moved.
    public func apply(_ account: Account) {
        equity = account.equity
        cash = account.cash
        buyingPower = account.buyingPower
        positions.removeAll()
        for position in account.positions where !position.qty.isZero {
            positions[position.symbol] = position.qty
            if lastPrice[position.symbol] == nil { lastPrice[position.symbol] = position.averagePrice }
        }
    }

    /// A fill moves the position and the cash until the next snapshot; its fee leaves equity.
    public func apply(_ fill: Fill) {
        let signed = fill.side == .buy ? fill.qty : -fill.qty
        let held = (positions[fill.symbol] ?? .zero) + signed
        positions[fill.symbol] = held.isZero ? nil : held
        let cost = (try? signed.multiplied(by: fill.price)) ?? .zero
        cash = cash.map { $0 - cost - fill.fee }
        equity = equity.map { $0 - fill.fee }
        lastPrice[fill.symbol] = fill.price
    }

    public func apply(_ instrument: Instrument) {
        instruments[instrument.symbol] = instrument
    }

    public func observe(price: Decimal, of symbol: String) {
        observe(price: price, of: SymbolKey(symbol))
    }

    func observe(price: Decimal, of symbol: SymbolKey) {
        lastPrice[symbol] = price
    }
}
