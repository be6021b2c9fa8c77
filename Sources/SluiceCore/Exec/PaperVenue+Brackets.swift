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

    /// On each price after the entry's, each bracket either fills (see `Bracket.exit`) and
    /// cancels the rest of itself, or follows the price; then the venue may lose it
    /// (`--fault drop-bracket`).
    func manageBrackets(_ point: PricePoint, _ index: Int, _ events: inout [VenueEvent]) {
        let mayDrop = settings.faults.isPlanned(.dropBracket)
        var n = 0
        while n < markets[index].brackets.count {
            guard point.ts > markets[index].brackets[n].since else {
                n += 1
                continue
            }
            if let exit = markets[index].brackets[n].exit(at: point, slipped: { slipped($0, $1, markets[index].instrument) }) {
                var bracket = markets[index].brackets.remove(at: n)
                execute(index, orderID: exit.orderID, number: 1, side: bracket.isLong ? .sell : .buy, qty: bracket.qty, price: exit.price,
                        reason: exit.reason, at: point.ts, &events)
                events.append(.status(VenueStatus(orderID: exit.orderID, ts: point.ts, status: .filled, filledQty: bracket.qty)))
                bracket.stopWorking = bracket.stopWorking && exit.orderID != bracket.stopID
                bracket.targetWorking = bracket.targetWorking && exit.orderID != bracket.targetID
                cancel(bracket, at: point.ts, reason: "one cancels the other: \(exit.orderID) filled", &events)
                // execute() may have removed brackets after this one; carry on from the same place.
                continue
            }
            markets[index].brackets[n].follow(point, breakEvenAtRisk: settings.breakEvenAtRisk)
            if mayDrop, markets[index].brackets[n].stopWorking || markets[index].brackets[n].targetWorking,
               settings.faults.happens(.dropBracket, to: markets[index].brackets[n].stopID, point.ts.milliseconds) {
                markets[index].brackets[n].stopWorking = false
                markets[index].brackets[n].targetWorking = false
            }
            n += 1
        }
    }

    /// The brackets of a market, for `exec` to see which protective orders are missing.
    public func brackets(in index: Int) -> [Bracket] { markets[index].brackets }

    /// Whether a bracket of the market misses its stop or its target: asked on every price, and
    /// answered without copying the brackets.
    public func missesProtection(in index: Int) -> Bool {
        markets[index].brackets.contains { $0.missesProtection }
    }

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
