/// Everything `sizer` is configured with, read once from the effective options.
public struct SizerSettings: Sendable {
    public var method = SizingMethod.risk
    public var qty: Decimal?
    public var notional: Decimal?
    public var pct = Decimal(10)
    public var pctOfBuyingPower = false
    public var riskPct = Decimal(1)
    /// Where a stop comes from when the signal has none: ATR × k, or a percent of the price.
    public var stopATR: Decimal?
    public var stopPct: Decimal?
    public var targetATR: Decimal?
    public var targetPct: Decimal?
    public var trailingPct: Decimal?
    /// Milliseconds after the signal's time.
    public var timeExit: Int64?
    public var minRewardRisk: Decimal?
    public var winRate: Decimal?
    public var payoff: Decimal?
    public var kellyFraction = Decimal(coefficient: 5, scale: 1)
    public var kellyCapPct = Decimal(20)
    public var targetVolPct: Decimal?
    public var confidenceScaleAbove: Decimal?
    public var confidenceScaleMax = Decimal(1)
    public var maxPositionPct: Decimal?
    public var maxNotional: Decimal?
    public var leverage = Decimal(1)
    public var cashAccount = true
    public var feeBps = Decimal(0)
    public var limitOffsetBps: Decimal?
    /// nil: `gtc` for crypto, `day` for the rest.
    public var timeInForce: String?
    public var startingEquity: Decimal?
    /// Which fund of a family a signal on its underlying trades (`--route`).
    public var routes: [FamilyRoute] = []

    public init() {}

    public init(_ arguments: ParsedArguments) throws(CommandLineError) {
        func positive(_ name: String) throws(CommandLineError) -> Decimal? {
            guard let value = try arguments.decimal(name, minimum: .zero) else { return nil }
            guard value.signum > 0 else { throw .usage("--\(name): must be above 0, got '\(value)'") }
            return value
        }
        func percent(_ name: String) throws(CommandLineError) -> Decimal? {
            guard let value = try positive(name) else { return nil }
            guard value <= Decimal(100) else { throw .usage("--\(name): must be at most 100, got '\(value)'") }
            return value
        }
        guard let method = SizingMethod(rawValue: arguments.value("method") ?? "") else {
            throw .usage("--method: expected one of \(SizingMethod.allCases.map(\.rawValue).joined(separator: ", ")), got '\(arguments.value("method") ?? "")'")
        }
        self.method = method
        qty = try positive("qty")
        notional = try positive("notional")
        if let value = try percent("pct") { pct = value }
        switch arguments.value("pct-of") {
        case "equity": pctOfBuyingPower = false
        case "buying-power": pctOfBuyingPower = true
        default: throw .usage("--pct-of: expected equity or buying-power, got '\(arguments.value("pct-of") ?? "")'")
        }
        if let value = try percent("risk-pct") { riskPct = value }
        stopATR = try positive("stop-atr")
        stopPct = try percent("stop-pct")
        targetATR = try positive("target-atr")
        targetPct = try positive("target-pct")
        trailingPct = try percent("trailing-pct")
        timeExit = try positive("time-exit") == nil ? nil : arguments.milliseconds("time-exit")
        minRewardRisk = try positive("min-reward-risk")
        winRate = try positive("win-rate")
        if let winRate, winRate >= .one { throw .usage("--win-rate: must be below 1, got '\(winRate)'") }
        payoff = try positive("payoff")
        if let value = try positive("kelly-fraction") {
            guard value <= .one else { throw .usage("--kelly-fraction: must be at most 1, got '\(value)'") }
            kellyFraction = value
        }
        if let value = try percent("kelly-cap-pct") { kellyCapPct = value }
        targetVolPct = try positive("target-vol-pct")
        if let value = try arguments.decimal("confidence-scale-above", minimum: .zero) {
            guard value < .one else { throw .usage("--confidence-scale-above: must be below 1, got '\(value)'") }
            confidenceScaleAbove = value
        }
        if let value = try arguments.decimal("confidence-scale-max", minimum: .one) { confidenceScaleMax = value }
        maxPositionPct = try positive("max-position-pct")
        maxNotional = try positive("max-notional")
        if let value = try arguments.decimal("leverage", minimum: .one) { leverage = value }
        switch arguments.value("account") {
        case "cash": cashAccount = true
        case "margin": cashAccount = false
        default: throw .usage("--account: expected cash or margin, got '\(arguments.value("account") ?? "")'")
        }
        if cashAccount && leverage > .one { throw .usage("--leverage: a cash account cannot use leverage; add --account margin") }
        if let value = try arguments.decimal("fee-bps", minimum: .zero) { feeBps = value }
        limitOffsetBps = try arguments.decimal("limit-offset-bps", minimum: .zero)
        switch arguments.value("tif") {
        case nil, "auto": timeInForce = nil
        case let value? where ["day", "gtc", "ioc", "fok"].contains(value): timeInForce = value
        case let value?: throw .usage("--tif: expected auto, day, gtc, ioc or fok, got '\(value)'")
        }
        startingEquity = try arguments.decimal("equity", minimum: .zero)
        for text in arguments.allValues("route") {
            let route = try FamilyRoute(parsing: text)
            if routes.contains(where: { $0.underlying == route.underlying && $0.side == route.side }) {
                throw .usage("--route: \(route.underlying):\(route.side.rawValue) is routed twice")
            }
            routes.append(route)
        }
        try checkMethodSettings()
    }

    /// Each method's own setting must be there: sizing without it would be a guess.
    func checkMethodSettings() throws(CommandLineError) {
        switch method {
        case .fixedQty where qty == nil: throw .usage("--method fixed-qty needs --qty")
        case .fixedNotional where notional == nil: throw .usage("--method fixed-notional needs --notional")
        case .kelly where winRate == nil || payoff == nil: throw .usage("--method kelly needs --win-rate and --payoff")
        case .volTarget where targetVolPct == nil: throw .usage("--method vol-target needs --target-vol-pct")
        default: break
        }
    }
}
