/// Protective orders: made when an entry fills, managed on later prices, fitted to the position.
extension PaperVenue {
    /// An entry's fill puts its stop and target to work for the quantity filled (a partial fill
    /// adds to the bracket of the same entry). A stop on the wrong side of the price cannot be
    /// placed; the bracket says why and `exec` deals with it.
    func protect(_ index: Int, entry: WorkingOrder, _ protection: WorkingOrder.Protection, qty: Decimal, price: Decimal, at ts: Timestamp) {
        if let n = markets[index].brackets.firstIndex(where: { $0.entryID == entry.id }) {
            markets[index].brackets[n].qty += qty
            return
        }
        let isLong = entry.side == .buy
        var bracket = Bracket(entryID: entry.id, signalID: entry.signalID, isLong: isLong, qty: qty, entryPrice: price, stop: protection.stop,
                              target: protection.target, trailing: protection.trailing, timeExit: protection.timeExit, best: price,
                              initialRisk: protection.stop.map { ($0 - price).magnitude }, stopID: entry.id + "-sl", targetID: entry.id + "-tp",
                              since: ts)
        bracket.targetWorking = bracket.target != nil
        if bracket.hasStop {
            bracket.stopProblem = bracket.stopFault(at: price)
            bracket.stopWorking = bracket.stopProblem == nil
        }
        markets[index].brackets.append(bracket)
    }

    /// Brackets never protect more than is held, nor a position that turned around: what no
    /// longer has a position under it is canceled.
    func fitBrackets(_ index: Int, at ts: Timestamp, _ events: inout [VenueEvent]) {
        guard !markets[index].brackets.isEmpty else { return }
        let held = markets[index].qty
        var left = held.magnitude
        var n = 0
        while n < markets[index].brackets.count {
            var bracket = markets[index].brackets[n]
            let sameSide = bracket.isLong ? held.signum > 0 : held.signum < 0
            bracket.qty = sameSide ? min(bracket.qty, left) : .zero
            left -= bracket.qty
            if bracket.qty.isZero {
                cancel(bracket, at: ts, reason: "position closed", &events)
                markets[index].brackets.remove(at: n)
            } else {
                markets[index].brackets[n] = bracket
                n += 1
            }
        }
    }

    private func cancel(_ bracket: Bracket, at ts: Timestamp, reason: String, _ events: inout [VenueEvent]) {
        if bracket.stopWorking { events.append(.status(VenueStatus(orderID: bracket.stopID, ts: ts, status: .canceled, reason: reason))) }
        if bracket.targetWorking { events.append(.status(VenueStatus(orderID: bracket.targetID, ts: ts, status: .canceled, reason: reason))) }
    }

    /// On each price after its entry's: the time exit at the first price at or after its time;
    /// a price that opens through the stop or target fills there; else a stop the range touches,
    /// else a target it touches (both touched: the stop is assumed first). Then the trailing
    /// stop follows the best price and the stop moves to break-even, for the next price.
    func manageBrackets(_ point: PricePoint, _ index: Int, _ events: inout [VenueEvent]) {
        var n = 0
        while n < markets[index].brackets.count {
            var bracket = markets[index].brackets[n]
            guard point.ts > bracket.since else {
                n += 1
                continue
            }
            if let exit = exitPrice(of: bracket, point, markets[index].instrument) {
                markets[index].brackets.remove(at: n)
                let side: OrderSide = bracket.isLong ? .sell : .buy
                execute(index, orderID: exit.orderID, number: 1, side: side, qty: bracket.qty, price: exit.price, reason: exit.reason, at: point.ts, &events)
                events.append(.status(VenueStatus(orderID: exit.orderID, ts: point.ts, status: .filled, filledQty: bracket.qty)))
                bracket.stopWorking = bracket.stopWorking && exit.orderID != bracket.stopID
                bracket.targetWorking = bracket.targetWorking && exit.orderID != bracket.targetID
                cancel(bracket, at: point.ts, reason: "one cancels the other: \(exit.orderID) filled", &events)
                // execute() may have removed brackets after this one; carry on from the same place.
                continue
            }
            if bracket.isLong { bracket.best = max(bracket.best, point.high) } else { bracket.best = min(bracket.best, point.low) }
            if let r = settings.breakEvenAtRisk, let risk = bracket.initialRisk, let stop = bracket.stop {
                let gain = bracket.isLong ? bracket.best - bracket.entryPrice : bracket.entryPrice - bracket.best
                if gain >= risk.bookProduct(r) {
                    bracket.stop = bracket.isLong ? max(stop, bracket.entryPrice) : min(stop, bracket.entryPrice)
                }
            }
            if (bracket.stopWorking || bracket.targetWorking) && settings.faults.happens(.dropBracket, to: bracket.stopID, point.ts.milliseconds) {
                bracket.stopWorking = false
                bracket.targetWorking = false
            }
            markets[index].brackets[n] = bracket
            n += 1
        }
    }

    private func exitPrice(of bracket: Bracket, _ point: PricePoint, _ instrument: Instrument) -> (price: Decimal, reason: Fill.Reason, orderID: String)? {
        let side: OrderSide = bracket.isLong ? .sell : .buy
        if let exit = bracket.timeExit, point.ts >= exit {
            return (slipped(point.marketPrice(side), side, instrument), .timeExit, bracket.entryID + "-time")
        }
        let stop = bracket.stopWorking ? bracket.stopLevel() : nil
        let target = bracket.targetWorking ? bracket.target : nil
        let opening = point.marketPrice(side)
        let stopReason: Fill.Reason = stop?.isTrailing == true ? .trailingStop : .stopLoss
        // "Through" means at or beyond, in the direction that hurts (stop) or pays (target).
        func beyondStop(_ price: Decimal, _ level: Decimal) -> Bool { bracket.isLong ? price <= level : price >= level }
        func beyondTarget(_ price: Decimal, _ level: Decimal) -> Bool { bracket.isLong ? price >= level : price <= level }
        if let (level, _) = stop, beyondStop(opening, level) { return (slipped(opening, side, instrument), stopReason, bracket.stopID) }
        if let level = target, beyondTarget(opening, level) { return (opening, .takeProfit, bracket.targetID) }
        if let (level, _) = stop, beyondStop(bracket.isLong ? point.low : point.high, level) {
            return (slipped(level, side, instrument), stopReason, bracket.stopID)
        }
        if let level = target, beyondTarget(bracket.isLong ? point.high : point.low, level) { return (level, .takeProfit, bracket.targetID) }
        return nil
    }

    /// The brackets of a market, for `exec` to see which protective orders are missing.
    public func brackets(in index: Int) -> [Bracket] { markets[index].brackets }

    /// Places a missing stop (and target) again under new ids. A stop the price has already
    /// passed cannot be placed (`STOP_WOULD_TRIGGER`, not retryable).
    public func reattach(in index: Int, entryID: String, at ts: Timestamp) -> (stopID: String, targetID: String, answer: VenueAnswer)? {
        guard let n = markets[index].brackets.firstIndex(where: { $0.entryID == entryID }) else { return nil }
        var bracket = markets[index].brackets[n]
        bracket.attaches += 1
        bracket.lastAttach = ts
        bracket.stopID = "\(entryID)-sl-\(bracket.attaches)"
        bracket.targetID = "\(entryID)-tp-\(bracket.attaches)"
        let answer: VenueAnswer
        if let price = markets[index].lastPrice, let fault = bracket.stopFault(at: price) {
            answer = .rejected(VenueRejection("STOP_WOULD_TRIGGER", fault))
            bracket.stopProblem = fault
        } else {
            answer = .accepted(at: ts)
            bracket.stopWorking = bracket.hasStop
            bracket.targetWorking = bracket.target != nil
            bracket.stopProblem = nil
        }
        markets[index].brackets[n] = bracket
        return (bracket.stopID, bracket.targetID, answer)
    }

    /// After an emergency exit is sent, the bracket is left alone.
    public func abandon(in index: Int, entryID: String) {
        guard let n = markets[index].brackets.firstIndex(where: { $0.entryID == entryID }) else { return }
        markets[index].brackets[n].isAbandoned = true
    }
}
