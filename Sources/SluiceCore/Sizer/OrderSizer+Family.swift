/// Signals on a family's underlying (`NDX` for QQQ, TQQQ, PSQ and SQQQ). The family is one
/// exposure: a signal against what is held closes the funds actually held, never sells one
/// that is not; a signal with the family flat, or held its way, buys the fund its route picks.
extension OrderSizer {
    public func orders(for signal: Signal, on family: InstrumentFamily, book: SizerBook) throws(Refusal) -> [SizedOrder] {
        let underlying = family.underlying
        let direction = signal.side == .long ? 1 : signal.side == .short ? -1 : 0
        let against = family.holdings { book.positions[$0] ?? .zero }.filter { direction == 0 || $0.direction != direction }
        if !against.isEmpty { return try closing(against.map(\.instrument), of: family, for: signal, book: book) }
        guard direction != 0 else {
            throw Refusal("no_position", "flat signal for \(underlying) but no fund of its family (\(family.members.map(\.symbol).joined(separator: ", "))) is held")
        }
        let side = signal.side.rawValue
        guard let route = settings.routes.first(where: { $0.underlying == underlying && $0.side == signal.side }) else {
            throw Refusal("no_route", "\(side) signal for \(underlying): no --route \(underlying):\(side)=… says which fund of its family to trade")
        }
        guard let tier = route.tier(for: signal.confidence) else {
            throw Refusal("below_route", "\(side) signal for \(underlying) at confidence \(signal.confidence) is below the lowest --route tier \(route.tiers.last!.minimum)")
        }
        guard let fund = family.members.first(where: { $0.symbol == tier.fund }) else {
            throw Refusal("unknown_instrument", "--route \(underlying):\(side) picks \(tier.fund), which no instrument record puts in the \(underlying) family")
        }
        let exposure = fund.exposure!
        guard exposure.signum == direction else {
            throw Refusal("route_mismatch", "--route \(underlying):\(side) picks \(tier.fund), whose exposure \(exposure) does not go \(side) \(underlying)")
        }
        var order = try order(for: try routed(signal, to: fund, book: book), book: book)
        order.underlying = underlying
        order.route = "\(side) \(underlying) at confidence \(signal.confidence), tier \(tier.minimum): \(fund.symbol) (exposure \(exposure))"
        return [order]
    }

    /// The signal restated for the fund: bought at the fund's own last price, with the stop,
    /// target and ATR moved by the fund's exposure (a fund of exposure e moves e times the
    /// underlying's relative move).
    func routed(_ signal: Signal, to fund: Instrument, book: SizerBook) throws(Refusal) -> Signal {
        guard let fundPrice = book.lastPrice[fund.symbol] else {
            throw Refusal("no_price", "no price for \(fund.symbol): no bar, tick or fill of it has been seen")
        }
        var routed = signal
        (routed.symbol, routed.side, routed.price) = (fund.symbol, .long, fundPrice)
        (routed.stop, routed.target, routed.atr) = (nil, nil, nil)
        guard let price = signal.price ?? book.lastPrice[signal.symbol] else { return routed }
        let exposure = fund.exposure!
        func moved(_ level: Decimal?, _ name: String) throws(Refusal) -> Decimal? {
            guard let level else { return nil }
            let change = (try? (level - price).divided(by: price, scale: OrderSizer.workingScale)) ?? .zero
            let result = fundPrice.bookProduct(.one + change.bookProduct(exposure))
            guard result.signum > 0 else {
                throw Refusal("bad_stop", "the \(name) \(level) of \(signal.symbol) at \(price) is a move of more than the whole of \(fund.symbol) (exposure \(exposure))")
            }
            return result
        }
        routed.stop = try moved(signal.stop, "stop")
        routed.target = try moved(signal.target, "target")
        routed.atr = signal.atr.flatMap { atr in try? atr.bookProduct(exposure.magnitude).bookProduct(fundPrice).divided(by: price, scale: OrderSizer.workingScale) }
        return routed
    }

    /// One closing order per fund held against the signal, in symbol order. A fund that cannot
    /// be closed (dust) is named on the others; if none can, the first reason is the refusal.
    func closing(_ held: [Instrument], of family: InstrumentFamily, for signal: Signal, book: SizerBook) throws(Refusal) -> [SizedOrder] {
        var orders: [SizedOrder] = [], refusals: [Refusal] = []
        for fund in held {
            var exit = signal
            (exit.symbol, exit.side, exit.price) = (fund.symbol, .flat, nil)
            do throws(Refusal) {
                var order = try order(for: exit, book: book)
                order.underlying = family.underlying
                order.route = "\(signal.side.rawValue) signal for \(family.underlying): closes \(fund.symbol) (exposure \(fund.exposure!)), held against it"
                orders.append(order)
            } catch {
                refusals.append(error)
            }
        }
        guard !orders.isEmpty else { throw refusals[0] }
        if !refusals.isEmpty {
            let left = refusals.map { "\($0.reason)" }.joined(separator: "; ")
            for index in orders.indices { orders[index].sizing += "; not closed: \(left)" }
        }
        return orders
    }
}
