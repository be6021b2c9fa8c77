/// The venue's rules for one symbol. A class: a stage looks its instrument up for every record,
/// and a lookup then hands out a reference instead of copying some 300 bytes of rules.
public final class Instrument: Record, Sendable {
    public enum AssetClass: String, Sendable, CaseIterable { case crypto, equity, etf, future }

    public static let recordType = RecordType.instrument
    public let symbol: String
    public let assetClass: AssetClass
    public let venueSymbol: String?
    public let tickSize: Decimal?
    public let lotSize: Decimal?
    public let minQty: Decimal?
    public let maxQty: Decimal?
    public let minNotional: Decimal?
    public let fractional: Bool?
    public let session: String?
    public let correlationGroup: String?
    public let maxLeverage: Decimal?
    /// The venue lends it for short sales. Absent means no: a short is never assumed possible.
    public let shortable: Bool?
    /// The index a fund follows (`NDX`); instruments with one underlying form a family.
    public let underlying: String?
    /// The signed multiple of the underlying's move the fund gives: 1, 3, -1, -3.
    public let exposure: Decimal?

    public init(_ f: RecordFields) throws(RecordError) {
        symbol = try f.symbol("symbol")
        assetClass = try f.word("asset_class", as: AssetClass.self)
        venueSymbol = try f.optionalString("venue_symbol")
        tickSize = try f.optionalPositiveDecimal("tick_size")
        lotSize = try f.optionalPositiveDecimal("lot_size")
        minQty = try f.optionalDecimal("min_qty")
        maxQty = try f.optionalPositiveDecimal("max_qty")
        minNotional = try f.optionalDecimal("min_notional")
        fractional = try f.bool("fractional")
        session = try f.optionalString("session")
        correlationGroup = try f.optionalString("correlation_group")
        maxLeverage = try f.optionalPositiveDecimal("max_leverage")
        shortable = try f.bool("shortable")
        underlying = try f.optionalString("underlying")
        exposure = try f.optionalDecimal("exposure")
        if exposure?.isZero == true { throw RecordError("instrument", field: "exposure", "must not be 0: a fund moves with its underlying or against it") }
        if (underlying == nil) != (exposure == nil) {
            throw RecordError("instrument", field: underlying == nil ? "underlying" : "exposure", "underlying and exposure go together: a family member needs both")
        }
        if underlying == symbol { throw RecordError("instrument", field: "underlying", "an instrument cannot be its own underlying") }
        if let minQty, let maxQty, minQty > maxQty {
            throw RecordError("instrument", field: "min_qty", "min_qty \(minQty) is above max_qty \(maxQty)")
        }
    }
}
