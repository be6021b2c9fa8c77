/// One symbol at the paper venue: its rules, its last price, the position held and what works on it.
final class VenueMarket {
    var instrument: Instrument {
        didSet { (symbol, venueSymbol) = (instrument.symbol, instrument.venueSymbol ?? instrument.symbol) }
    }
    /// Kept apart from the instrument, so that snapshots read them without copying it.
    private(set) var symbol: String
    private(set) var venueSymbol: String
    var lastPrice: Decimal?
    /// Signed: negative is short.
    var qty = Decimal.zero
    var averagePrice = Decimal.zero
    /// Counts the fills, so that what is written about the position can be kept until it changes.
    var fillCount = 0
    var working: [WorkingOrder] = []
    var brackets: [Bracket] = []

    init(_ instrument: Instrument) {
        self.instrument = instrument
        (symbol, venueSymbol) = (instrument.symbol, instrument.venueSymbol ?? instrument.symbol)
    }

    /// What working sells (entries and exits, not protective orders) already claim of a long.
    var workingSells: Decimal {
        working.reduce(Decimal.zero) { $1.side == .sell ? $0 + $1.remaining : $0 }
    }
}
