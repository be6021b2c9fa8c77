/// The embedded broker: a simulated exchange that fills orders from the prices in the stream and
/// enforces a real venue's rules (lot step, minimum notional, funds, known symbols, session).
/// It never looks ahead: an order fills against prices that come after it. With a log it keeps
/// its own durable record of every order it answered, as a real venue does, so that after a
/// crash `exec` can ask it about an order instead of sending it again.
public final class PaperVenue {
    let settings: ExecSettings
    var markets: [VenueMarket] = []
    var bySymbol = SymbolTable<Int>()
    var byVenueSymbol: [String: Int] = [:]
    /// Market indices by symbol, for snapshots; rebuilt when a market is listed.
    var symbolOrder: [Int] = []
    public internal(set) var cash: Decimal
    public internal(set) var realizedPnL = Decimal.zero
    public internal(set) var fees = Decimal.zero
    /// Cash held back by working buys.
    var reserved = Decimal.zero
    /// Every client order id answered, and the answer.
    var answers: [String: VenueAnswer] = [:]
    /// Orders answered before a restart that the replayed input has not reached yet: id → time.
    var recovered: [String: Timestamp] = [:]
    let log: AppendLog?
    /// While `exec` rebuilds its state from input it already answered, nothing is logged again.
    public var isReplaying = false

    public init(settings: ExecSettings, logPath: String? = nil) throws {
        self.settings = settings
        cash = settings.startingCash
        log = try logPath.map { path throws(IOError) in try AppendLog(path: path) }
        try log?.forEachRecord { document in
            guard let id = document.member("id").flatMap({ document.string($0) }),
                  let at = document.member("at").flatMap({ RecordFields.parseInteger(document.text($0)) }) else { return }
            recovered[id] = Timestamp(milliseconds: at)
        }
    }

    /// Adds an instrument, or replaces the rules of one already listed.
    public func list(_ instrument: Instrument) {
        if let index = bySymbol[instrument.symbol] {
            byVenueSymbol[markets[index].venueSymbol] = nil
            markets[index].instrument = instrument
            byVenueSymbol[markets[index].venueSymbol] = index
            return
        }
        let market = VenueMarket(instrument)
        bySymbol[market.symbol] = markets.count
        byVenueSymbol[market.venueSymbol] = markets.count
        markets.append(market)
    }

    public func market(symbol: String) -> Int? { bySymbol[symbol] }

    public func symbol(of index: Int) -> String { markets[index].symbol }

    public func venueSymbol(of symbol: String) -> String {
        bySymbol[symbol].map { markets[$0].venueSymbol } ?? symbol
    }

    /// What the venue remembers about a client order id.
    public func query(_ id: String) -> VenueAnswer? { answers[id] }

    /// Asks the venue about an order it may have received before a restart. If its log has the
    /// order, the venue answers as it did then and the order works again as it was, without
    /// being logged twice; nil if it never received it.
    public func recover(_ order: Order, venueSymbol: String, timeInForce: String?) -> VenueAnswer? {
        guard let at = recovered[order.id] else { return nil }
        return submit(order, venueSymbol: venueSymbol, timeInForce: timeInForce, at: at, logging: false)
    }

    /// Receives an order at `at` and answers it.
    public func submit(_ order: Order, venueSymbol: String, timeInForce: String?, at: Timestamp, logging: Bool = true) -> VenueAnswer {
        recovered[order.id] = nil
        if answers[order.id] != nil {
            return .rejected(VenueRejection("DUPLICATE_CLIENT_ORDER_ID", "client order id \(order.id) was used before"))
        }
        let checked: Result<(market: Int, order: WorkingOrder), VenueRejection>
        do throws(VenueRejection) {
            checked = .success(try check(order, venueSymbol: venueSymbol, timeInForce: timeInForce, at: at))
        } catch {
            checked = .failure(error)
        }
        if logging && !isReplaying, let log {
            // A venue that cannot record an order does not act on it.
            do throws(IOError) {
                try log.append { entry in
                    entry.string("id", order.id)
                    entry.integer("at", at.milliseconds)
                }
            } catch {
                return .rejected(VenueRejection("VENUE_UNAVAILABLE", "the paper venue could not log the order: \(error)", retryable: true))
            }
        }
        let answer: VenueAnswer
        switch checked {
        case let .success((index, working)):
            reserved += working.remaining.bookProduct(working.unitReserve)
            markets[index].working.append(working)
            answer = .accepted(at: at)
        case let .failure(rejection):
            answer = .rejected(rejection)
        }
        answers[order.id] = answer
        return answer
    }

    /// The venue's checks, in the order a real one makes them: the order that would work if all pass.
    private func check(_ order: Order, venueSymbol: String, timeInForce: String?, at: Timestamp) throws(VenueRejection) -> (market: Int, order: WorkingOrder) {
        guard let index = byVenueSymbol[venueSymbol] else { throw VenueRejection("UNKNOWN_SYMBOL", "unknown symbol \(venueSymbol)") }
        let market = markets[index]
        let instrument = market.instrument
        if let closed = settings.session.closedReason(instrument.assetClass, at: at) { throw VenueRejection("MARKET_CLOSED", closed) }
        let step = instrument.lotStep
        if instrument.roundedQuantity(order.qty) != order.qty.normalized {
            throw VenueRejection("LOT_SIZE", "quantity \(order.qty) is not a multiple of the lot step \(step)")
        }
        if let minimum = instrument.minQty, order.qty < minimum { throw VenueRejection("LOT_SIZE", "quantity \(order.qty) is below the minimum \(minimum)") }
        if let maximum = instrument.maxQty, order.qty > maximum { throw VenueRejection("LOT_SIZE", "quantity \(order.qty) is above the maximum \(maximum)") }
        if let limit = order.limitPrice, instrument.roundedPrice(limit, .halfAwayFromZero) != limit.normalized {
            throw VenueRejection("PRICE_FILTER", "limit price \(limit) is not on the tick \(instrument.tickSize ?? .zero)")
        }
        let price = order.limitPrice ?? market.lastPrice ?? order.refPrice
        if let price, let minimum = instrument.minNotional {
            let notional = order.qty.bookProduct(price)
            if notional < minimum { throw VenueRejection("MIN_NOTIONAL", "notional \(notional.normalized) is below the minimum \(minimum)") }
        }
        var unitReserve = Decimal.zero
        if order.side == .sell {
            let free = max(market.qty, .zero) - market.workingSells
            if order.qty > free && !canShort(market) {
                throw VenueRejection("INSUFFICIENT_POSITION", "sell \(order.qty) \(market.symbol): \(max(free, .zero).normalized) held and free to sell, and shorts are not allowed")
            }
        } else if let price {
            unitReserve = price.bookProduct(.one + settings.fee)
            let cost = order.qty.bookProduct(unitReserve)
            let covered = min(order.qty, max(-market.qty, .zero)).bookProduct(price)
            let available = buyingPower - reserved
            if cost - covered > available {
                throw VenueRejection("INSUFFICIENT_FUNDS", "buy \(order.qty) \(market.symbol) at \(price): cost \(cost.normalized) with fees, \(max(available, .zero).normalized) available")
            }
        }
        var working = WorkingOrder(id: order.id, signalID: order.signalID, side: order.side, remaining: order.qty, limitPrice: order.limitPrice, acceptedAt: at,
                                   expiresAt: expiry(of: timeInForce ?? instrument.defaultTimeInForce, instrument, at), isEntry: order.intent == .open)
        if working.isEntry && (order.stopLoss != nil || order.takeProfit != nil || order.trailing != nil || order.timeExit != nil) {
            working.protection = .init(stop: order.stopLoss, target: order.takeProfit, trailing: order.trailing, timeExit: order.timeExit)
        }
        working.unitReserve = unitReserve
        return (index, working)
    }

    func canShort(_ market: VenueMarket) -> Bool { settings.allowShort && market.instrument.shortable == true }

    /// A `day` order ends with the session it was accepted in (16:00 New York), or at midnight UTC
    /// for instruments that trade around the clock; `gtc` never.
    private func expiry(of timeInForce: String, _ instrument: Instrument, _ at: Timestamp) -> Timestamp? {
        guard timeInForce == "day" else { return nil }
        let day: Int64 = 86_400_000
        if instrument.assetClass == .crypto { return Timestamp(milliseconds: (at.milliseconds / day + 1) * day) }
        var close = TimeZoneRules.newYork.civil(at: at)
        (close.hour, close.minute, close.second, close.millisecond) = (16, 0, 0, 0)
        return TimeZoneRules.newYork.instant(fromLocal: close)
    }

    /// Cash less what short sales brought in, which backs the shorts and cannot be spent.
    public var buyingPower: Decimal { cash - shortValue() }

    /// The value of the shorts held, at their last prices, leaving out market `index`.
    func shortValue(excluding index: Int? = nil) -> Decimal {
        var value = Decimal.zero
        for n in markets.indices where n != index && markets[n].qty.isNegative {
            value += (-markets[n].qty).bookProduct(markets[n].lastPrice ?? markets[n].averagePrice)
        }
        return value
    }

    /// Cash plus every position at its last price.
    public var equity: Decimal {
        // Written with every snapshot: the positions are summed as integers at the book's scale
        // (exact, since no product there needs rounding), one decimal at a time only if a
        // product has more decimals than the book keeps or a step would overflow.
        var sum: Int128 = 0
        for market in markets where !market.qty.isZero {
            let price = market.lastPrice ?? market.averagePrice
            let scale = market.qty.scale + price.scale
            guard scale <= Decimal.bookScale else { return equityByDecimals }
            let (product, productOverflow) = market.qty.coefficient.multipliedReportingOverflow(by: price.coefficient)
            let (scaled, scaleOverflow) = product.multipliedReportingOverflow(by: Decimal.powerOfTen(Decimal.bookScale - scale))
            let (next, sumOverflow) = sum.addingReportingOverflow(scaled)
            guard !productOverflow && !scaleOverflow && !sumOverflow else { return equityByDecimals }
            sum = next
        }
        return cash + Decimal(coefficient: sum, scale: Decimal.bookScale)
    }

    private var equityByDecimals: Decimal {
        var total = cash
        for n in markets.indices where !markets[n].qty.isZero {
            total += markets[n].qty.bookProduct(markets[n].lastPrice ?? markets[n].averagePrice)
        }
        return total
    }

    /// Calls `body` with the number and market of each position held, in symbol order.
    func forEachPosition(_ body: (_ number: Int, _ market: VenueMarket) -> Void) {
        if symbolOrder.count != markets.count { symbolOrder = markets.indices.sorted { markets[$0].symbol < markets[$1].symbol } }
        for n in symbolOrder where !markets[n].qty.isZero { body(n, markets[n]) }
    }
}
