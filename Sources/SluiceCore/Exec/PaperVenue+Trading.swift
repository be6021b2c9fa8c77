/// Trading against a new price: working orders first (in the order they were accepted), then the
/// protective orders of earlier entries. A market order takes the first price after it (a bar's
/// open, a tick) moved by the slippage; a limit order fills where the price crosses it, at its
/// limit or at a better open.
extension PaperVenue {
    public func trade(_ point: PricePoint, in index: Int, events: inout [VenueEvent]) {
        if !markets[index].working.isEmpty || !markets[index].brackets.isEmpty {
            fillWorkingOrders(point, index, &events)
            manageBrackets(point, index, &events)
        }
        markets[index].lastPrice = point.close
    }

    private func fillWorkingOrders(_ point: PricePoint, _ index: Int, _ events: inout [VenueEvent]) {
        var n = 0
        while n < markets[index].working.count {
            var order = markets[index].working[n]
            if let end = order.expiresAt, point.ts >= end {
                finish(index, n, .expired, at: point.ts, reason: "day order ended at \(end)", &events)
                continue
            }
            guard point.ts >= order.acceptedAt, let price = executionPrice(of: order, point, markets[index].instrument) else {
                n += 1
                continue
            }
            var qty = order.remaining
            if let fraction = settings.maxFillFractionOfVolume, let volume = point.volume {
                qty = min(qty, markets[index].instrument.roundedQuantity(volume.bookProduct(fraction)))
                if qty.isZero {
                    n += 1
                    continue
                }
            }
            let (allowed, shortfall) = affordable(qty, of: order, at: price, index)
            if allowed.isZero {
                finish(index, n, .canceled, at: point.ts, reason: shortfall!.reason, code: shortfall!.code, &events)
                continue
            }
            order.fills += 1
            order.remaining -= allowed
            order.filled += allowed
            reserved -= allowed.bookProduct(order.unitReserve)
            markets[index].working[n] = order
            execute(index, orderID: order.id, number: order.fills, side: order.side, qty: allowed, price: price,
                    reason: order.isEntry ? .entry : .exit, at: point.ts, &events)
            if let protection = order.protection { protect(index, entry: order, protection, qty: allowed, price: price, at: point.ts) }
            if let shortfall {
                finish(index, n, .canceled, at: point.ts, reason: "\(shortfall.reason); \(order.filled.normalized) filled", code: shortfall.code, &events)
            } else if order.remaining.isZero {
                markets[index].working.remove(at: n)
                events.append(.status(VenueStatus(orderID: order.id, ts: point.ts, status: .filled, filledQty: order.filled)))
            } else {
                events.append(.status(VenueStatus(orderID: order.id, ts: point.ts, status: .partiallyFilled, filledQty: order.filled)))
                n += 1
            }
        }
    }

    /// Where `order` trades at `point`, or nil if it does not.
    private func executionPrice(of order: WorkingOrder, _ point: PricePoint, _ instrument: Instrument) -> Decimal? {
        guard let limit = order.limitPrice else { return slipped(point.marketPrice(order.side), order.side, instrument) }
        if order.side == .buy {
            if point.open <= limit { return point.open }
            return point.low <= limit ? limit : nil
        }
        if point.open >= limit { return point.open }
        return point.high >= limit ? limit : nil
    }

    /// A market price moved against the order by the slippage, then onto the tick away from it.
    func slipped(_ price: Decimal, _ side: OrderSide, _ instrument: Instrument) -> Decimal {
        guard !settings.slippage.isZero else { return price }
        let moved = price.bookProduct(side == .buy ? .one + settings.slippage : .one - settings.slippage)
        return instrument.roundedPrice(moved, side == .buy ? .up : .down).normalized
    }

    /// How much of `qty` the account can take: a buy never spends cash it does not have, a sell
    /// never goes short where shorts are not allowed. The rest is refused with a venue code.
    private func affordable(_ qty: Decimal, of order: WorkingOrder, at price: Decimal, _ index: Int) -> (Decimal, (code: String, reason: String)?) {
        let market = markets[index]
        if order.side == .sell {
            guard !canShort(market) else { return (qty, nil) }
            let held = max(market.qty, .zero)
            if qty <= held { return (qty, nil) }
            return (held, ("INSUFFICIENT_POSITION", "sell \(qty) \(market.symbol): \(held.normalized) held, and shorts are not allowed"))
        }
        let short = max(-market.qty, .zero)
        let otherReserved = reserved - order.remaining.bookProduct(order.unitReserve)
        let collateral = shortValue(excluding: index)
        func fits(_ q: Decimal) -> Bool {
            let cost = q.bookProduct(price) + fee(q.bookProduct(price))
            let stillShort = max(short - q, .zero).bookProduct(price)
            return cost <= cash - collateral - stillShort - otherReserved
        }
        if fits(qty) { return (qty, nil) }
        let unit = price.bookProduct(.one + settings.fee)
        let room = cash - collateral - otherReserved
        var cut = room.signum > 0 ? market.instrument.roundedQuantity((try? room.divided(by: unit, scale: Decimal.bookScale, rounding: .truncate)) ?? .zero) : .zero
        cut = min(cut, qty)
        while cut.signum > 0 && !fits(cut) { cut = market.instrument.roundedQuantity(cut - market.instrument.lotStep) }
        if let minimum = market.instrument.minQty, cut < minimum { cut = .zero }
        let available = max(room, .zero).normalized
        return (cut, ("INSUFFICIENT_FUNDS", "buy \(qty) \(market.symbol) at \(price): \(available) available"))
    }

    /// The fee on a notional: its basis points rounded half up to 8 decimals, at least the minimum.
    func fee(_ notional: Decimal) -> Decimal {
        guard !settings.fee.isZero || !settings.minimumFee.isZero else { return .zero }
        let charged = notional.bookProduct(settings.fee).rounded(places: 8, .halfAwayFromZero).normalized
        return max(charged, settings.minimumFee)
    }

    /// Ends working order `n` with `status`, releasing what it held back.
    private func finish(_ index: Int, _ n: Int, _ status: OrderStatus.Status, at ts: Timestamp, reason: String, code: String? = nil, _ events: inout [VenueEvent]) {
        let order = markets[index].working.remove(at: n)
        reserved -= order.remaining.bookProduct(order.unitReserve)
        events.append(.status(VenueStatus(orderID: order.id, ts: ts, status: status, reason: reason, code: code, filledQty: order.filled)))
    }

    /// Books an execution: cash, fees, the position and its average price, realized P&L; then
    /// fits the protective orders to what is left of the position.
    func execute(_ index: Int, orderID: String, number: Int, side: OrderSide, qty: Decimal, price: Decimal,
                 reason: Fill.Reason, at ts: Timestamp, _ events: inout [VenueEvent]) {
        let notional = qty.bookProduct(price)
        let charged = fee(notional)
        let signed = side == .buy ? qty : -qty
        let held = markets[index].qty
        if !held.isZero && held.signum != signed.signum {
            let closed = min(qty, held.magnitude)
            let perUnit = held.signum > 0 ? price - markets[index].averagePrice : markets[index].averagePrice - price
            realizedPnL += closed.bookProduct(perUnit)
        }
        markets[index].averagePrice = BookPosition.averagePrice(of: held, at: markets[index].averagePrice, after: signed, at: price)
        markets[index].qty = held + signed
        markets[index].fillCount += 1
        markets[index].lastPrice = price
        cash += side == .buy ? -notional : notional
        cash -= charged
        fees += charged
        let id = "\(orderID)-fill-\(number)"
        events.append(.fill(VenueFill(id: id, orderID: orderID, ts: ts, symbol: markets[index].symbol, venueSymbol: markets[index].venueSymbol, side: side,
                                      qty: qty, price: price, fee: charged, reason: reason,
                                      isReported: !settings.faults.happens(.dropFillEvent, to: id))))
        fitBrackets(index, at: ts, &events)
    }
}
