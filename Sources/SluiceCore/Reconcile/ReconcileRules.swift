/// The checks `reconcile` makes on every order against the book: nothing is sold that is not
/// held, nothing is bought with money already promised, and an entry never quietly piles onto
/// or turns around a position.
public struct ReconcileRules: Sendable {
    public let settings: ReconcileSettings

    public init(settings: ReconcileSettings) {
        self.settings = settings
    }

    public func decide(_ order: Order, book: PositionBook, now: Timestamp) -> ReconcileDecision {
        decide(order, position: book[order.symbol], book: book, now: now)
    }

    /// The same, given the book's position in the order's symbol.
    func decide(_ order: Order, position: BookPosition, book: PositionBook, now: Timestamp) -> ReconcileDecision {
        switch order.intent {
        case .close, .reduce: return ReconcileDecision(exit(order, position))
        case .open: return entry(order, position, book: book, now: now)
        }
    }

    /// A close or reduce sells (or covers) at most what is held and not already being closed.
    func exit(_ order: Order, _ position: BookPosition) -> ReconcileDecision.Outcome {
        let selling = order.side == .sell
        let free = selling ? position.sellable : position.coverable
        let held = selling ? (position.qty.signum > 0 ? position.qty : .zero) : (position.qty.signum < 0 ? -position.qty : .zero)
        let what = OrderPhrase(order)
        if free.isZero {
            let rule: StaticString = selling ? "phantom_sell" : "phantom_cover"
            let holding = selling ? "long" : "short"
            if held.isZero { return .refused(Refusal(rule, "\(what): no \(order.symbol) \(holding) held")) }
            return .refused(Refusal(rule, "\(what): the \(held) held are all already being closed by pending orders"))
        }
        if order.qty > free {
            let pending = held - free
            let detail = pending.isZero ? "the \(free) held" : "the \(free) of \(held) held not already being closed"
            return .cut(to: free, note: "oversell: cut from \(order.qty) to \(detail)")
        }
        return .pass
    }

    func entry(_ order: Order, _ position: BookPosition, book: PositionBook, now: Timestamp) -> ReconcileDecision {
        let buying = order.side == .buy
        let what = OrderPhrase(order)
        var closes: [ReconcileDecision.Close] = []
        var conflict: Refusal?
        if position.qty.signum == (buying ? -1 : 1) {
            let held = position.qty.magnitude
            let opposite = buying ? "short" : "long"
            let closable = buying ? position.coverable : position.sellable
            switch settings.onConflict {
            case .reject:
                return ReconcileDecision(.refused(Refusal("conflict", "\(what) against a \(opposite) of \(held) held (--on-conflict reject)")))
            case .closeOnly:
                guard closable.signum > 0 else {
                    return ReconcileDecision(.refused(Refusal("conflict", "\(what): the \(opposite) of \(held) held is already being closed (--on-conflict close-only)")))
                }
                closes.append(.init(symbol: order.symbol, side: order.side, qty: closable, note: "conflict: closes the \(opposite) of \(held) held instead of the \(what) (--on-conflict close-only)"))
                conflict = Refusal("conflict", "\(what): the \(opposite) of \(held) held is closed instead (--on-conflict close-only)")
            case .closeThenOpen:
                if closable.signum > 0 { closes.append(.init(symbol: order.symbol, side: order.side, qty: closable, note: "conflict: closes the \(opposite) of \(held) held before the \(what)")) }
            }
        }
        var rotations: [ReconcileDecision.Close] = []
        if let family = InstrumentFamily(memberOf: order.symbol, in: book.instruments) {
            let direction = (buying ? 1 : -1) * book.instruments[order.symbol]!.exposure!.signum
            let way = direction > 0 ? "long" : "short", otherWay = direction > 0 ? "short" : "long"
            var opposing: [String] = []
            for holding in family.holdings({ book[$0].qty }) where holding.instrument.symbol != order.symbol {
                let member = holding.instrument.symbol
                let closable = holding.qty.signum > 0 ? book[member].sellable : book[member].coverable
                let held = "\(holding.qty) \(member) at exposure \(holding.instrument.exposure!)"
                let side: OrderSide = holding.qty.signum > 0 ? .sell : .buy
                if holding.direction == direction {
                    if closable.signum > 0 {
                        rotations.append(.init(symbol: member, side: side, qty: closable, note: "rotation: closes the \(held) held for the \(what), \(way) \(family.underlying) either way"))
                    }
                    continue
                }
                opposing.append(held)
                guard closable.signum > 0, settings.onConflict != .reject else { continue }
                let instead = settings.onConflict == .closeOnly ? "instead of the \(what) (--on-conflict close-only)" : "before the \(what)"
                closes.append(.init(symbol: member, side: side, qty: closable, note: "conflict: closes the \(otherWay) \(family.underlying) of \(held) held, \(instead)"))
            }
            if !opposing.isEmpty {
                let against = "the \(otherWay) \(family.underlying) held (\(opposing.joined(separator: ", ")))"
                switch settings.onConflict {
                case .reject: return ReconcileDecision(.refused(Refusal("conflict", "\(what) goes \(way) \(family.underlying) against \(against) (--on-conflict reject)")))
                case .closeOnly: conflict = Refusal("conflict", "\(what) goes \(way) \(family.underlying): \(against) is closed instead (--on-conflict close-only)")
                case .closeThenOpen: break
                }
            }
        }
        if let conflict {
            return ReconcileDecision(closes: closes, .refused(conflict))
        }
        do throws(Refusal) {
            try checkFresh(what, book: book, now: now)
            try checkNotDuplicate(order, position, what)
            if !buying { try checkShortable(order, book: book, what) }
            let (outcome, unitCost) = try checkCash(order, position, book: book, what)
            // Nearly always both empty: `+` would still make a new array.
            return ReconcileDecision(closes: rotations.isEmpty ? closes : closes + rotations, outcome, unitCost: unitCost)
        } catch {
            // A rotation is all or nothing: the fund held stays when the new one cannot be bought.
            return ReconcileDecision(closes: closes, .refused(error))
        }
    }

    /// `stale_book`: entries need a recent enough account snapshot.
    func checkFresh(_ what: OrderPhrase, book: PositionBook, now: Timestamp) throws(Refusal) {
        guard let maxStale = settings.maxStale else { return }
        guard let last = book.lastSnapshot else {
            throw Refusal("stale_book", "\(what): no account snapshot seen yet (entries need one at most \(seconds: maxStale) old)")
        }
        let age = now.milliseconds - last.milliseconds
        if age > maxStale { throw Refusal("stale_book", "\(what): last account snapshot \(seconds: age) ago, maximum \(seconds: maxStale)") }
    }

    /// `duplicate_entry`: no second entry in the direction already held or on its way.
    func checkNotDuplicate(_ order: Order, _ position: BookPosition, _ what: OrderPhrase) throws(Refusal) {
        let direction = order.side == .buy ? 1 : -1
        let pendingEntries = order.side == .buy ? position.pendingOpenBuys : position.pendingOpenSells
        let heldSameWay = position.qty.signum == direction
        guard heldSameWay || pendingEntries > 0, position.entries >= settings.maxEntries else { return }
        let holding = heldSameWay ? "\(direction > 0 ? "long" : "short") \(position.qty.magnitude) held" : "\(pendingEntries) entry pending"
        throw Refusal("duplicate_entry", "\(what): \(holding), \(position.entries) of at most \(settings.maxEntries) entries taken (--max-entries)")
    }

    /// A sell to open is a short: only on a margin account, for an instrument that says it can be shorted.
    func checkShortable(_ order: Order, book: PositionBook, _ what: OrderPhrase) throws(Refusal) {
        guard settings.marginAccount else {
            throw Refusal("phantom_sell", "\(what): shorts need a margin account (--account margin)")
        }
        guard let instrument = book.instruments[order.symbol] else {
            throw Refusal("phantom_sell", "\(what): no instrument record says \(order.symbol) can be shorted")
        }
        guard instrument.shortable == true else {
            throw Refusal("phantom_sell", "\(what): the \(order.symbol) instrument does not say shortable: true")
        }
    }

    /// `insufficient_cash`: the entry with its fees fits in what is not already promised to
    /// pending orders, or is cut down to fit with `--resize`.
    func checkCash(_ order: Order, _ position: BookPosition, book: PositionBook, _ what: OrderPhrase) throws(Refusal) -> (ReconcileDecision.Outcome, Decimal) {
        guard let price = order.limitPrice ?? order.refPrice ?? position.lastPrice else {
            throw Refusal("no_price", "\(what): no limit_price, ref_price or earlier price to cost it at")
        }
        guard let available = book.available(margin: settings.marginAccount) else {
            throw Refusal("no_account", "\(what): no account snapshot and no --equity, so the cash it would spend is unknown")
        }
        let unitCost = price.bookProduct(settings.feeFactor)
        let cost = order.qty.bookProduct(unitCost)
        guard cost > available else { return (.pass, unitCost) }
        let money = settings.marginAccount ? "buying power" : "cash"
        let shortfall = Refusal("insufficient_cash", "\(what) costs \(cost) with fees at \(price), \(available) \(money) available (\(book.reserved) held for pending orders)")
        guard settings.resize else { throw shortfall }
        guard let instrument = book.instruments[order.symbol] else {
            throw Refusal("insufficient_cash", "\(shortfall.reason); no instrument record to round a smaller quantity to its lot")
        }
        let fit = instrument.roundedQuantity((try? available.divided(by: unitCost, scale: Decimal.bookScale, rounding: .truncate)) ?? .zero)
        guard fit.signum > 0 else { throw shortfall }
        if let minQty = instrument.minQty, fit < minQty {
            throw Refusal("insufficient_cash", "\(shortfall.reason); \(fit) would fit, below min_qty \(minQty)")
        }
        if let minNotional = instrument.minNotional, fit.bookProduct(price) < minNotional {
            throw Refusal("insufficient_cash", "\(shortfall.reason); \(fit) would fit, below min_notional \(minNotional)")
        }
        return (.cut(to: fit, note: "insufficient_cash: cut from \(order.qty) to \(fit) to fit the \(available) \(money) available"), unitCost)
    }
}

/// "buy 10 QQQ to open": how reasons name an order, made into text only when a reason is. It
/// keeps only what it names, not the order, whose copy would retain three Strings.
struct OrderPhrase: CustomStringConvertible {
    let side: OrderSide
    let qty: Decimal
    let symbol: String
    let intent: Order.Intent

    init(_ order: Order) {
        side = order.side
        qty = order.qty
        symbol = order.symbol
        intent = order.intent
    }

    var description: String { "\(side.rawValue) \(qty) \(symbol) to \(intent.rawValue)" }
}
