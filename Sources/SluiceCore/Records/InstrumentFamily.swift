/// The funds that follow one underlying (`QQQ`, `TQQQ`, `PSQ` and `SQQQ` on `NDX`): one exposure,
/// whichever of them is held. A long position in an inverse fund is short the underlying.
public struct InstrumentFamily: Sendable {
    public let underlying: String
    /// In symbol order, so that what is done for each member is done in the same order every run.
    public let members: [Instrument]

    /// The family of `underlying`; nil when no instrument names it.
    public init?(underlying: String, in instruments: [String: Instrument]) {
        self.init(underlying: underlying, among: instruments.values)
    }

    /// The family of `underlying` among `instruments`, in any order; nil when none names it.
    public init?(underlying: String, among instruments: some Sequence<Instrument>) {
        let members = instruments.filter { $0.underlying == underlying }.sorted { $0.symbol < $1.symbol }
        guard !members.isEmpty else { return nil }
        self.underlying = underlying
        self.members = members
    }

    /// The family `symbol` belongs to; nil when its instrument names no underlying.
    public init?(memberOf symbol: String, in instruments: [String: Instrument]) {
        guard let underlying = instruments[symbol]?.underlying else { return nil }
        self.init(underlying: underlying, in: instruments)
    }

    /// +1 when holding `qty` of a fund of this `exposure` gains as the underlying rises, -1 when
    /// it gains as it falls, 0 for nothing held.
    public static func direction(qty: Decimal, exposure: Decimal) -> Int { qty.signum * exposure.signum }

    /// The members held, each with its quantity (signed) and the direction it holds the underlying in.
    public func holdings(_ quantity: (String) -> Decimal) -> [(instrument: Instrument, qty: Decimal, direction: Int)] {
        members.compactMap { member in
            let qty = quantity(member.symbol)
            guard !qty.isZero else { return nil }
            return (member, qty, InstrumentFamily.direction(qty: qty, exposure: member.exposure!))
        }
    }
}
