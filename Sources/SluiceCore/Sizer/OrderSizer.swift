/// Turns one signal into one venue-valid order, or a refusal that says why not. A pure function
/// of the signal, the book and the settings. A class: the settings are some 800 bytes, which
/// a struct copied onto the stack for every signal it sized.
public final class OrderSizer {
    public let settings: SizerSettings
    /// The percent of equity the method sizes from, kept while the equity stays the same.
    let share = EquityShare()
    /// 1 + fee / 10,000: a unit's cost with its fee per unit of price, worked out once, since
    /// every entry on a cash account needs it.
    let feeFactor: Decimal
    /// Decimals kept in intermediate quotients; every result is rounded to the venue's grid.
    static let workingScale = 12

    public init(settings: SizerSettings) {
        self.settings = settings
        feeFactor = .one + ((try? settings.feeBps.dividedByPowerOfTen(4, scale: OrderSizer.workingScale)) ?? .zero)
    }

    public func order(for signal: Signal, book: SizerBook) throws(Refusal) -> SizedOrder {
        let symbol = SymbolKey(signal.symbol)
        var order = SizedOrder(symbol: signal.symbol)
        try size(&order, for: signal, instrument: book.instruments[symbol], held: book.positions[symbol] ?? .zero, book: book)
        return order
    }

    /// Sizes `signal` into `order`, made by `SizedOrder(symbol:)` with the signal's symbol, given
    /// its instrument (nil when none is listed) and the quantity held of it. Filled in place: an
    /// order is about 500 bytes, and returning one up through the calls copied it seven times.
    func size(_ order: inout SizedOrder, for signal: Signal, instrument: Instrument?, held: Decimal, book: SizerBook) throws(Refusal) {
        guard let instrument else {
            throw Refusal("unknown_instrument", "no instrument record for \(signal.symbol)")
        }
        let closes = signal.side == .flat || (held.signum > 0 && signal.side == .short) || (held.signum < 0 && signal.side == .long)
        do {
            if closes {
                try closingOrder(&order, signal, instrument, held: held, book: book)
            } else {
                try entryOrder(&order, signal, instrument, held: held, book: book)
            }
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw Refusal("out_of_range", "cannot size \(signal.symbol) exactly: \(String(describing: error))")
        }
    }

    // MARK: Closing

    /// The whole holding, rounded down to the lot; what the lot cannot carry is reported as dust.
    func closingOrder(_ order: inout SizedOrder, _ signal: Signal, _ instrument: Instrument, held: Decimal, book: SizerBook) throws {
        let symbol = signal.symbol
        guard !held.isZero else {
            throw Refusal("no_position", "\(signal.side.rawValue) signal for \(symbol) but no position is held")
        }
        let holding = held.magnitude
        var qty = instrument.roundedQuantity(holding)
        guard !qty.isZero else {
            throw Refusal("dust", "position of \(holding) \(symbol) is below the lot \(instrument.lotStep): nothing the venue accepts can close it")
        }
        if let minQty = instrument.minQty, qty < minQty {
            throw Refusal("below_min_qty", "closing \(qty) \(symbol) is below the minimum quantity \(minQty): the position stays as dust")
        }
        let price = signal.price ?? book.lastPrice[symbol]
        if let minNotional = instrument.minNotional, let price {
            let notional = try qty.multiplied(by: price)
            if notional < minNotional {
                throw Refusal("below_min_notional", "closing \(qty) \(symbol) at \(price) is \(notional), below the minimum notional \(minNotional): the position stays as dust")
            }
        }
        order.intent = .close
        if let maxQty = instrument.maxQty, qty > maxQty {
            // An exit is never refused for its size: send what the venue takes, the rest after.
            qty = instrument.roundedQuantity(maxQty)
            order.intent = .reduce
            order.sizing = "reduce the position of \(holding) by the venue maximum \(qty)"
        } else {
            order.sizing = "close the whole position of \(holding)"
        }
        let dust = holding - instrument.roundedQuantity(holding)
        if !dust.isZero {
            order.sizing += "; \(dust) below the lot \(instrument.lotStep) stays as dust"
            order.dust = dust
        }
        order.side = held.signum > 0 ? .sell : .buy
        order.qty = qty
        order.refPrice = price
        order.timeInForce = settings.timeInForce ?? instrument.defaultTimeInForce
    }

    // MARK: Entries

    func entryOrder(_ order: inout SizedOrder, _ signal: Signal, _ instrument: Instrument, held: Decimal, book: SizerBook) throws {
        let symbol = signal.symbol
        let long = signal.side == .long
        if !long && settings.cashAccount {
            throw Refusal("no_shorting", "a cash account cannot open a short on \(symbol) (--account margin where the venue allows shorts)")
        }
        guard let price = signal.price ?? book.lastPrice[symbol] else {
            throw Refusal("no_price", "no price for \(symbol): the signal has none and no bar, tick or fill has been seen")
        }
        let stop = try stopPrice(signal, price: price, long: long)
        var qty = try baseQuantity(signal, price: price, stop: stop, book: book, sizing: &order.sizing)
        if let threshold = settings.confidenceScaleAbove, settings.confidenceScaleMax > .one, signal.confidence > threshold {
            let above = try (signal.confidence - threshold).divided(by: .one - threshold, scale: OrderSizer.workingScale)
            let factor = (.one + (try above.multiplied(by: settings.confidenceScaleMax - .one))).rounded(places: 4, .truncate)
            qty = try qty.multiplied(by: factor)
            order.sizing += ", × \(factor) for confidence \(signal.confidence)"
        }
        qty = try capped(qty, sizing: &order.sizing, symbol: symbol, price: price, held: held.magnitude, book: book)
        let sized = qty
        qty = instrument.roundedQuantity(qty)
        try checkVenue(qty, sized: sized, symbol: symbol, price: price, instrument)
        order.side = long ? .buy : .sell
        order.qty = qty
        order.refPrice = price
        order.timeInForce = settings.timeInForce ?? instrument.defaultTimeInForce
        try addBrackets(to: &order, signal, instrument, price: price, stop: stop, long: long)
        if let bps = settings.limitOffsetBps {
            let offset = try price.multiplied(by: bps).dividedByPowerOfTen(4, scale: OrderSizer.workingScale)
            // Never further through the price than asked: a buy's limit rounds down, a sell's up.
            order.limitPrice = long ? instrument.roundedPrice(price + offset, .down) : instrument.roundedPrice(price - offset, .up)
            order.kind = .limit
        }
        if settings.leverage > .one { order.leverage = settings.leverage }
    }

    /// The signal's stop, else ATR × k, else a percent of the price; nil when none is configured.
    func stopPrice(_ signal: Signal, price: Decimal, long: Bool) throws -> Decimal? {
        if let stop = signal.stop {
            guard long ? stop < price : stop > price else {
                throw Refusal("bad_stop", "stop \(stop) is not \(long ? "below" : "above") the price \(price) of a \(signal.side.rawValue) entry")
            }
            return stop
        }
        var distance: Decimal?
        if let k = settings.stopATR, let atr = signal.atr {
            distance = try atr.multiplied(by: k)
        } else if let pct = settings.stopPct {
            distance = try price.multiplied(by: pct).dividedByPowerOfTen(2, scale: OrderSizer.workingScale)
        }
        guard let distance else { return nil }
        guard !long || distance < price else {
            throw Refusal("bad_stop", "stop distance \(distance) is not below the price \(price)")
        }
        return long ? price - distance : price + distance
    }

    /// The quantity before caps and rounding, with how it was reached put in `sizing`.
    func baseQuantity(_ signal: Signal, price: Decimal, stop: Decimal?, book: SizerBook, sizing: inout ByteText) throws -> Decimal {
        let scale = OrderSizer.workingScale
        switch settings.method {
        case .fixedQty:
            sizing = "fixed quantity \(settings.qty!)"
            return settings.qty!
        case .fixedNotional:
            let qty = try settings.notional!.divided(by: price, scale: scale, rounding: .truncate)
            sizing = "fixed notional \(settings.notional!) at \(price)"
            return qty
        case .pctEquity:
            let equity = try needEquity(book)
            let (base, name) = settings.pctOfBuyingPower ? (book.buyingPower ?? equity, "buying power") : (equity, "equity")
            let money = try share.of(base, percent: settings.pct, scale: scale, sizing: &sizing) { "\(settings.pct)% of \(name) \(base) = \($0) at " }
            sizing.append(price)
            return try money.divided(by: price, scale: scale, rounding: .truncate)
        case .risk:
            let equity = try needEquity(book)
            guard let stop else {
                throw Refusal("no_stop", "risk sizing needs a stop: the signal has none, and neither --stop-atr (with an atr on the signal) nor --stop-pct gives one")
            }
            let distance = (price - stop).magnitude
            let money = try share.of(equity, percent: settings.riskPct, scale: scale, sizing: &sizing) { "risk \(settings.riskPct)% of equity \(equity) = \($0) over a stop distance of " }
            sizing.append(distance)
            return try money.divided(by: distance, scale: scale, rounding: .truncate)
        case .kelly:
            let equity = try needEquity(book)
            let (winRate, payoff) = (settings.winRate!, settings.payoff!)
            let edge = winRate - (try (.one - winRate).divided(by: payoff, scale: scale, rounding: .truncate))
            guard edge.signum > 0 else {
                throw Refusal("no_edge", "Kelly fraction \(edge.rounded(places: 4, .truncate)) from win rate \(winRate) and payoff \(payoff) is not positive")
            }
            var percent = (try edge.multiplied(by: settings.kellyFraction).multiplied(by: Decimal(100))).rounded(places: 4, .truncate)
            sizing = "Kelly \(edge.rounded(places: 4, .truncate)) × \(settings.kellyFraction) = \(percent)% of equity \(equity)"
            if percent > settings.kellyCapPct {
                percent = settings.kellyCapPct
                sizing += ", capped at \(percent)%"
            }
            let money = try equity.multiplied(by: percent).dividedByPowerOfTen(2, scale: scale, rounding: .truncate)
            let qty = try money.divided(by: price, scale: scale, rounding: .truncate)
            sizing += " = \(money) at \(price)"
            return qty
        case .volTarget:
            let equity = try needEquity(book)
            guard let atr = signal.atr else {
                throw Refusal("no_atr", "vol-target sizing needs the signal's atr")
            }
            let money = try share.of(equity, percent: settings.targetVolPct!, scale: scale, sizing: &sizing) { "target volatility \(settings.targetVolPct!)% of equity \(equity) = \($0) over ATR " }
            sizing.append(atr)
            return try money.divided(by: atr, scale: scale, rounding: .truncate)
        }
    }

    func needEquity(_ book: SizerBook) throws -> Decimal {
        guard let equity = book.equity else {
            throw Refusal("no_account", "no account record seen and no --equity: cannot size by \(settings.method.rawValue)")
        }
        guard equity.signum > 0 else { throw Refusal("no_equity", "equity is \(equity)") }
        return equity
    }

    /// The smallest of the configured ceilings, each in money turned into a quantity; the
    /// ceiling that applies is noted in `why`.
    func capped(_ qty: Decimal, sizing why: inout ByteText, symbol: String, price: Decimal, held: Decimal, book: SizerBook) throws -> Decimal {
        let scale = OrderSizer.workingScale
        var result = qty
        if let maxNotional = settings.maxNotional {
            let limit = try maxNotional.divided(by: price, scale: scale, rounding: .truncate)
            if limit < result {
                result = limit
                why += capNote(limit, "max notional \(maxNotional)")
            }
        }
        if let pct = settings.maxPositionPct {
            let equity = try needEquity(book)
            let money = try equity.multiplied(by: pct).dividedByPowerOfTen(2, scale: scale, rounding: .truncate)
            let room = try money.divided(by: price, scale: scale, rounding: .truncate) - held
            guard room.signum > 0 else {
                throw Refusal("max_position", "\(held) \(symbol) held at \(price) is already \(pct)% of equity \(equity) or more")
            }
            if room < result {
                result = room
                why += capNote(room, "max position \(pct)% of equity")
            }
        }
        if settings.cashAccount {
            guard let cash = book.cash else {
                throw Refusal("no_account", "no account record seen and no --equity: the cash available is unknown")
            }
            let costPerUnit = try price.multiplied(by: feeFactor)
            guard cash.signum > 0 else { throw Refusal("insufficient_cash", "cash is \(cash)") }
            let limit = try cash.divided(by: costPerUnit, scale: scale, rounding: .truncate)
            if limit < result {
                result = limit
                why += capNote(limit, "cash \(cash)")
            }
        } else if let equity = book.equity {
            let power = try book.buyingPower ?? equity.multiplied(by: settings.leverage)
            let room = try power.divided(by: price, scale: scale, rounding: .truncate) - held
            guard room.signum > 0 else {
                throw Refusal("insufficient_buying_power", "\(held) \(symbol) held at \(price) uses the buying power \(power)")
            }
            if room < result {
                result = room
                why += capNote(room, "buying power \(power)")
            }
        }
        return result
    }

    func capNote(_ limit: Decimal, _ reason: ByteText) -> ByteText {
        "; capped at \(limit.rounded(places: 8, .truncate).normalized) by \(reason)"
    }

    /// The venue's size rules, checked on the rounded quantity.
    func checkVenue(_ qty: Decimal, sized: Decimal, symbol: String, price: Decimal, _ instrument: Instrument) throws {
        var shownSize: Decimal { sized.rounded(places: 8, .truncate).normalized }
        if qty.isZero {
            throw Refusal("below_min_qty", "\(symbol): sized \(shownSize) rounds down to 0 at the lot \(instrument.lotStep)")
        }
        if let minQty = instrument.minQty, qty < minQty {
            throw Refusal("below_min_qty", "\(symbol): quantity \(qty) (sized \(shownSize)) is below the minimum \(minQty)")
        }
        if let maxQty = instrument.maxQty, qty > maxQty {
            throw Refusal("above_max_qty", "\(symbol): quantity \(qty) is above the maximum \(maxQty)")
        }
        if let minNotional = instrument.minNotional {
            let notional = try qty.multiplied(by: price)
            if notional < minNotional {
                throw Refusal("below_min_notional", "\(symbol): \(qty) at \(price) is \(notional), below the minimum notional \(minNotional)")
            }
        }
    }

    /// Stop loss, take profit, trailing distance and time exit, on the tick grid in the safe
    /// direction: a long's stop rounds up and its target down; a short's the other way.
    func addBrackets(to order: inout SizedOrder, _ signal: Signal, _ instrument: Instrument, price: Decimal, stop: Decimal?, long: Bool) throws {
        let scale = OrderSizer.workingScale
        if let stop {
            let rounded = instrument.roundedPrice(stop, long ? .up : .down)
            guard long ? rounded < price : rounded > price else {
                throw Refusal("bad_stop", "stop \(stop) rounds to \(rounded) on the tick, not \(long ? "below" : "above") the price \(price)")
            }
            order.stopLoss = rounded
        }
        var target = signal.target
        if target == nil, let k = settings.targetATR, let atr = signal.atr {
            let distance = try atr.multiplied(by: k)
            target = long ? price + distance : price - distance
        } else if target == nil, let pct = settings.targetPct {
            let distance = try price.multiplied(by: pct).dividedByPowerOfTen(2, scale: scale)
            target = long ? price + distance : price - distance
        }
        if let target {
            let rounded = instrument.roundedPrice(target, long ? .down : .up)
            guard long ? rounded > price : (rounded < price && rounded.signum > 0) else {
                throw Refusal("bad_target", "target \(target) is not \(long ? "above" : "below") the price \(price) of a \(signal.side.rawValue) entry")
            }
            order.takeProfit = rounded
        }
        if let minimum = settings.minRewardRisk, let stopLoss = order.stopLoss, let takeProfit = order.takeProfit {
            let ratio = try (takeProfit - price).magnitude.divided(by: (price - stopLoss).magnitude, scale: 4, rounding: .truncate)
            if ratio < minimum {
                throw Refusal("reward_risk", "reward-to-risk \(ratio) (target \(takeProfit), stop \(stopLoss), price \(price)) is below \(minimum)")
            }
        }
        if let pct = settings.trailingPct {
            let distance = instrument.roundedPrice(try price.multiplied(by: pct).dividedByPowerOfTen(2, scale: scale), .halfAwayFromZero)
            order.trailing = distance.isZero ? (instrument.tickSize ?? distance) : distance
        }
        if let timeExit = settings.timeExit { order.timeExit = signal.ts.adding(milliseconds: timeExit) }
    }
}
