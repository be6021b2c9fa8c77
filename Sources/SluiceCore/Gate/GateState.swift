/// The last entry on a symbol in each direction.
struct EntryTimes: Sendable {
    var long: Timestamp?
    var short: Timestamp?
    var flat: Timestamp?

    subscript(side: SignalSide) -> Timestamp? {
        get {
            switch side {
            case .long: long
            case .short: short
            case .flat: flat
            }
        }
        set {
            switch side {
            case .long: long = newValue
            case .short: short = newValue
            case .flat: flat = newValue
            }
        }
    }
}

/// A position as `gate` knows it from account snapshots and fills.
public struct HeldPosition: Sendable, Equatable {
    /// Signed: negative is short.
    public var qty: Decimal
    public var averagePrice: Decimal
    public var openedAt: Timestamp
    /// The last price known for it: the account snapshot's, else the last fill's.
    public var lastPrice: Decimal?
}

/// Everything `gate` remembers: the trading state, the entries it let through, the account and
/// the positions. Its decisions depend only on the records it was given, in order.
public final class GateState {
    public let limits: GateLimits
    public var session: MarketSession
    /// The latest event time seen (any record's `ts`).
    public internal(set) var now: Timestamp?
    public internal(set) var mode = TradingMode.active
    /// Why the whole gate is not active.
    var modeRefusal: Refusal?
    // Per symbol: tables hashed without SipHash (`SymbolTable`), since a signal looks its
    // symbol up in several of them.
    var symbolModes = SymbolTable<(TradingMode, Refusal)>()
    var positions = SymbolTable<HeldPosition>() { didSet { openSymbolsListed = nil } }
    /// Symbols of entries passed since the last account snapshot and not filled yet: they will
    /// be positions, and count as such for max_positions. Never one of `positions`' symbols.
    var pendingEntries = SymbolTable<Bool>() { didSet { openSymbolsListed = nil } }
    /// The open symbols, sorted, and their list as a reason shows it: kept until a position or
    /// a pending entry changes, because at the limit every new symbol's signal is refused with
    /// the same list.
    private var openSymbolsListed: (names: [String], list: ByteText)?
    var lastLoss = SymbolTable<Timestamp>()
    /// Times of the losing exits in a row so far.
    var lossRun: [Timestamp] = []
    var pausedUntil: Timestamp?
    var instruments: [String: Instrument] = [:]
    /// The underlyings the instruments name, so that a signal on another symbol skips the family checks.
    var underlyings: Set<String> = []
    var lastEntry = SymbolTable<(ts: Timestamp, side: SignalSide)>()
    var lastEntryBySide = SymbolTable<EntryTimes>()
    var lastEntryAnywhere: Timestamp?
    var recentEntries: [Timestamp] = []
    var recentEntriesBySymbol = SymbolTable<[Timestamp]>()
    var accountSeen = false
    var peakEquity: Decimal?
    var dayStartEquity: Decimal?
    var lastEquity: Decimal?
    var currentDay: Int?
    /// Event times before this are in `currentDay` without working out the date again.
    var sameDayUntil = Int64.min

    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    /// `limits.minConfidenceByRegime` by case: read for every signal, and hashing the regime
    /// for a dictionary cost more than the rest of the confidence rule.
    private let regimeMinimums: (trending: Decimal?, ranging: Decimal?, volatile: Decimal?)

    public init(limits: GateLimits, session: MarketSession = MarketSession()) {
        self.limits = limits
        self.session = session
        regimeMinimums = (limits.minConfidenceByRegime[.trending], limits.minConfidenceByRegime[.ranging],
                          limits.minConfidenceByRegime[.volatile])
    }

    private func minimumConfidence(for regime: Signal.Regime) -> Decimal? {
        switch regime {
        case .trending: regimeMinimums.trending
        case .ranging: regimeMinimums.ranging
        case .volatile: regimeMinimums.volatile
        }
    }

    /// Static, so that a refusal (most of a noisy stream) builds no String for it.
    private static func minimumPhrase(_ regime: Signal.Regime) -> StaticString {
        switch regime {
        case .trending: " for a trending regime"
        case .ranging: " for a ranging regime"
        case .volatile: " for a volatile regime"
        }
    }

    // MARK: Records that change the state

    /// Moves "now" forward to an event time; a new trading day ends a daily-loss stop.
    public func observe(_ ts: Timestamp) {
        guard now.map({ ts > $0 }) ?? true else { return }
        now = ts
        guard ts.milliseconds >= sameDayUntil else { return }
        let local = limits.dayZone.civil(at: ts)
        let day = CivilDateTime.daysFromCivil(year: local.year, month: local.month, day: local.day)
        // The next local midnight is at least 22 hours after this one as reckoned with the current
        // offset (a day is 23 to 25 hours long, and the offset may change by an hour within it).
        let sinceMidnight = Int64(((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond)
        sameDayUntil = ts.milliseconds - sinceMidnight + 22 * GateState.hour
        if let currentDay, day != currentDay {
            dayStartEquity = lastEquity
            if mode == .reducing && modeRefusal?.ruleName == "daily_loss" {
                mode = .active
                modeRefusal = nil
            }
        }
        currentDay = day
    }

    public func apply(_ account: Account) {
        observe(account.ts)
        accountSeen = true
        var snapshot = SymbolTable<HeldPosition>()
        for position in account.positions where !position.qty.isZero {
            // A position held on the same side keeps its opening time.
            let earlier = positions[position.symbol].flatMap { $0.qty.signum == position.qty.signum ? $0.openedAt : nil }
            snapshot[position.symbol] = HeldPosition(qty: position.qty, averagePrice: position.averagePrice, openedAt: earlier ?? account.ts,
                                                     lastPrice: position.lastPrice)
        }
        positions = snapshot
        pendingEntries.removeAll()
        let equity = account.equity
        if dayStartEquity == nil { dayStartEquity = equity }
        lastEquity = equity
        peakEquity = max(peakEquity ?? equity, equity)
        if let limit = limits.dailyLossPercent, let start = dayStartEquity, start.signum > 0, mode == .active {
            let loss = percent(start - equity, of: start)
            if loss > limit {
                mode = .reducing
                modeRefusal = Refusal("daily_loss", "daily loss \(loss)% of start-of-day equity \(start) exceeds \(limit)%; exits only until the next trading day")
            }
        }
        if let limit = limits.drawdownPercent, let peak = peakEquity, peak.signum > 0, mode != .halted {
            let drawdown = percent(peak - equity, of: peak)
            if drawdown > limit {
                mode = .halted
                modeRefusal = Refusal("drawdown", "equity \(equity) is \(drawdown)% below its peak \(peak), limit \(limit)%; halted until a resume record")
            }
        }
    }

    /// A starting equity for runs with no account records (an audit of recorded signals): loss
    /// limits then measure from it until real snapshots arrive.
    public func assume(equity: Decimal) {
        accountSeen = true
        dayStartEquity = equity
        lastEquity = equity
        peakEquity = equity
    }

    /// Updates the position; an exit fill below the average price (above, for a short), after its
    /// fee, is a losing exit for the loss rules.
    public func apply(_ fill: Fill) {
        observe(fill.ts)
        pendingEntries[fill.symbol] = nil
        let signed = fill.side == .buy ? fill.qty : -fill.qty
        guard var held = positions[fill.symbol] else {
            positions[fill.symbol] = HeldPosition(qty: signed, averagePrice: fill.price, openedAt: fill.ts, lastPrice: fill.price)
            return
        }
        held.lastPrice = fill.price
        if held.qty.signum == signed.signum {
            let size = held.qty.magnitude + fill.qty
            held.averagePrice = (held.averagePrice * held.qty.magnitude + fill.price * fill.qty).dividedForIndicator(by: size)
            held.qty += signed
            positions[fill.symbol] = held
            return
        }
        let closed = min(held.qty.magnitude, fill.qty)
        let direction = Decimal(held.qty.signum)
        recordExit(pnl: (fill.price - held.averagePrice) * closed * direction - fill.fee, symbol: fill.symbol, at: fill.ts)
        let remaining = held.qty + signed
        if remaining.isZero {
            positions[fill.symbol] = nil
        } else if remaining.signum == held.qty.signum {
            held.qty = remaining
            positions[fill.symbol] = held
        } else {
            positions[fill.symbol] = HeldPosition(qty: remaining, averagePrice: fill.price, openedAt: fill.ts, lastPrice: fill.price)
        }
    }

    private func recordExit(pnl: Decimal, symbol: String, at ts: Timestamp) {
        guard pnl.isNegative else {
            lossRun = []
            return
        }
        lastLoss[symbol] = ts
        lossRun = lossRun.filter { ts.milliseconds - $0.milliseconds < limits.lossStreakWindow } + [ts]
        if let streak = limits.lossStreak, lossRun.count >= streak {
            pausedUntil = ts.adding(milliseconds: limits.lossStreakPause)
            lossRun = []
        }
    }

    public func apply(_ halt: HaltRecord) {
        observe(halt.ts)
        let haltMode: TradingMode = halt.mode == .reducing ? .reducing : .halted
        let refusal = Refusal(haltMode == .reducing ? "reducing" : "halted", "\(haltMode.rawValue) by a halt record: \(halt.reason)")
        if let symbol = halt.scope {
            symbolModes[symbol] = halt.isResume ? nil : (haltMode, refusal)
        } else if halt.isResume {
            mode = .active
            modeRefusal = nil
            symbolModes.removeAll()
        } else {
            mode = haltMode
            modeRefusal = refusal
        }
    }

    public func apply(_ instrument: Instrument) {
        instruments[instrument.symbol] = instrument
        if let underlying = instrument.underlying { underlyings.insert(underlying) }
    }

    // MARK: Decisions

    /// A flat signal, or one opposite to the position held, closes risk and is never refused by
    /// a rule meant to stop new risk.
    /// On a family's underlying, a signal against any fund held (or flat) is an exit: `sizer`
    /// turns it into the closes of those funds.
    public func isExit(_ signal: Signal) -> Bool {
        if signal.side == .flat { return true }
        let direction = signal.side == .long ? 1 : -1
        if let held = positions[signal.symbol]?.qty { return held.signum == -direction }
        guard !underlyings.isEmpty, underlyings.contains(signal.symbol), instruments[signal.symbol] == nil,
              let family = InstrumentFamily(underlying: signal.symbol, in: instruments) else { return false }
        return family.holdings { self.positions[$0]?.qty ?? .zero }.contains { $0.direction == -direction }
    }

    /// The one rule about exits: a position younger than the minimum holding time is kept,
    /// unless the signal says `"force": true`.
    public func exitRefusal(of signal: Signal, now: Timestamp) -> Refusal? {
        guard let minimum = limits.minHold, !signal.force, let held = positions[signal.symbol] else { return nil }
        let age = now.milliseconds - held.openedAt.milliseconds
        guard age < minimum else { return nil }
        return Refusal("min_hold", "\(signal.symbol) position opened \(seconds: age) ago, minimum hold \(seconds: minimum); send force to close it")
    }

    /// The first rule that refuses an entry, or nil. `now` must already include the signal's time.
    public func refusal(of signal: Signal, now: Timestamp) -> Refusal? {
        if let modeRefusal { return modeRefusal }
        if !symbolModes.isEmpty, let (_, refusal) = symbolModes[signal.symbol] { return refusal }
        if let until = pausedUntil, now < until {
            return Refusal("loss_streak", "\(limits.lossStreak!) losing exits in a row; entries paused until \(until)")
        }
        if limits.needsAccount && !accountSeen {
            return Refusal("no_account", "no account record seen yet and a loss limit is configured")
        }
        if limits.checkExpiry, let expires = signal.expires, now > expires {
            return Refusal("expired", "expired at \(expires), now \(now)")
        }
        if let maxAge = limits.maxAge, now.milliseconds - signal.ts.milliseconds > maxAge {
            return Refusal("stale", "signal is \(seconds: now.milliseconds - signal.ts.milliseconds) old, maximum \(seconds: maxAge)")
        }
        if let refusal = scoreRefusal(signal) { return refusal }
        if let refusal = priceRefusal(signal) { return refusal }
        if limits.session {
            guard let instrument = instruments[signal.symbol] else {
                return Refusal("unknown_instrument", "no instrument record for \(signal.symbol)")
            }
            if let reason = session.closedReason(instrument.assetClass, at: signal.ts) {
                return Refusal("session", "\(signal.symbol) (\(instrument.assetClass.rawValue)): \(reason)")
            }
        }
        if let refusal = positionRefusal(signal) { return refusal }
        if let refusal = exposureRefusal(signal) { return refusal }
        return timingRefusal(signal, now: now)
    }

    /// max_positions: a new symbol may not take the count of open (or pending) positions past
    /// the maximum, overall or in its correlation group.
    private func positionRefusal(_ signal: Signal) -> Refusal? {
        let symbol = signal.symbol
        guard limits.maxPositions != nil || limits.maxPositionsPerGroup != nil,
              positions[symbol] == nil, pendingEntries[symbol] == nil else { return nil }
        // Entries are pending only while no position is held, so the two never overlap: the
        // count needs no set, and the names are sorted only for a refusal.
        let openCount = positions.count + pendingEntries.count
        if let maximum = limits.maxPositions, openCount >= maximum {
            let open = openSymbols()
            return Refusal("max_positions", "\(open.names.count) positions open (\(open.list)), maximum \(maximum)")
        }
        if let maximum = limits.maxPositionsPerGroup {
            let open = openSymbols().names
            guard let instrument = instruments[symbol] else {
                return Refusal("unknown_instrument", "no instrument record for \(symbol), needed for its correlation group")
            }
            let group = instrument.correlationGroup ?? symbol
            let inGroup = open.filter { (instruments[$0]?.correlationGroup ?? $0) == group }
            if inGroup.count >= maximum {
                return Refusal("max_positions", "\(inGroup.count) positions open in group \(group) (\(list(inGroup))), maximum \(maximum)")
            }
        }
        return nil
    }

    private func openSymbols() -> (names: [String], list: ByteText) {
        if let openSymbolsListed { return openSymbolsListed }
        let names = (positions.names + pendingEntries.names).sorted()
        openSymbolsListed = (names, list(names))
        return openSymbolsListed!
    }

    /// Names separated by commas, written straight into the reason.
    private func list(_ names: [String]) -> ByteText {
        var text = ByteText()
        for (index, name) in names.enumerated() { text += index == 0 ? "\(name)" : ", \(name)" }
        return text
    }

    /// max_exposure: the funds of one underlying held together, each weighted by its exposure,
    /// against equity. Checked on what is held: the size of the entry is `sizer`'s to choose.
    private func exposureRefusal(_ signal: Signal) -> Refusal? {
        guard let limit = limits.maxExposure, !underlyings.isEmpty,
              let family = InstrumentFamily(memberOf: signal.symbol, in: instruments) ?? InstrumentFamily(underlying: signal.symbol, in: instruments)
        else { return nil }
        var total = Decimal.zero
        var parts: [String] = []
        for holding in family.holdings({ self.positions[$0]?.qty ?? .zero }) {
            let position = positions[holding.instrument.symbol]!
            let price = position.lastPrice ?? position.averagePrice
            let exposure = holding.instrument.exposure!.magnitude
            total += holding.qty.magnitude * price * exposure
            parts.append("\(holding.qty.magnitude) \(holding.instrument.symbol) × \(price) × \(exposure)")
        }
        guard !parts.isEmpty else { return nil }
        guard let equity = lastEquity, equity.signum > 0 else {
            return Refusal("max_exposure", "\(family.underlying) family held (\(parts.joined(separator: ", "))) and no equity known to weigh it against")
        }
        let multiple = total.dividedForIndicator(by: equity)
        guard multiple >= limit else { return nil }
        return Refusal("max_exposure", "\(family.underlying) exposure \(total) (\(parts.joined(separator: " + "))) is \(multiple.rounded(places: 4, .halfAwayFromZero).normalized) × equity \(equity), maximum \(limit)")
    }

    private func scoreRefusal(_ signal: Signal) -> Refusal? {
        let regimeMinimum = signal.regime.flatMap { minimumConfidence(for: $0) }
        if let minimum = regimeMinimum ?? limits.minConfidence, signal.confidence < minimum {
            let regime: StaticString = regimeMinimum == nil ? "" : GateState.minimumPhrase(signal.regime!)
            return Refusal("confidence", "confidence \(signal.confidence) is below the minimum \(minimum)\(regime)")
        }
        if let maximum = limits.maxSpoof {
            guard let spoof = signal.spoof else {
                return limits.allowMissingScores ? nil : Refusal("spoof", "signal has no spoof score and the rule needs one")
            }
            if spoof > maximum { return Refusal("spoof", "spoof score \(spoof) is above the maximum \(maximum)") }
        }
        if let maximum = limits.maxRiskPenalty {
            guard let penalty = signal.riskPenalty else {
                return limits.allowMissingScores ? nil : Refusal("risk_penalty", "signal has no risk_penalty and the rule needs one")
            }
            if penalty > maximum { return Refusal("risk_penalty", "risk penalty \(penalty) is above the maximum \(maximum)") }
        }
        return nil
    }

    private func priceRefusal(_ signal: Signal) -> Refusal? {
        if let minimum = limits.minRewardRisk, let stop = signal.stop, let target = signal.target {
            guard let price = signal.price else { return Refusal("reward_risk", "signal has stop and target but no price") }
            let risk = (price - stop).magnitude, reward = (target - price).magnitude
            guard risk.signum > 0 else { return Refusal("reward_risk", "stop \(stop) equals the price \(price)") }
            let ratio = (try? reward.divided(by: risk, scale: 4, rounding: .truncate)) ?? .zero
            if ratio < minimum {
                return Refusal("reward_risk", "reward-to-risk \(ratio) (target \(target), stop \(stop), price \(price)) is below \(minimum)")
            }
        }
        if let maximum = limits.maxStopPercent, let stop = signal.stop {
            guard let price = signal.price else { return Refusal("max_stop", "signal has a stop but no price") }
            let distance = percent((price - stop).magnitude, of: price)
            if distance > maximum { return Refusal("max_stop", "stop \(stop) is \(distance)% from the price \(price), maximum \(maximum)%") }
        }
        return nil
    }

    private func timingRefusal(_ signal: Signal, now: Timestamp) -> Refusal? {
        let symbol = signal.symbol
        if let minimum = limits.lossCooldown, !lastLoss.isEmpty, let last = lastLoss[symbol], now.milliseconds - last.milliseconds < minimum {
            return Refusal("loss_cooldown", "losing exit on \(symbol) \(seconds: now.milliseconds - last.milliseconds) ago, minimum \(seconds: minimum)")
        }
        let sameSide = lastEntryBySide[symbol]?[signal.side]
        if let window = limits.duplicateWindow, let last = sameSide, now.milliseconds - last.milliseconds < window {
            return Refusal("duplicate", "\(signal.side.rawValue) \(symbol) already passed \(seconds: now.milliseconds - last.milliseconds) ago, window \(seconds: window)")
        }
        if let minimum = limits.flipCooldown, let last = lastEntry[symbol], last.side != signal.side,
           now.milliseconds - last.ts.milliseconds < minimum {
            return Refusal("flip_cooldown", "\(signal.side.rawValue) \(symbol) \(seconds: now.milliseconds - last.ts.milliseconds) after a \(last.side.rawValue) entry, minimum \(seconds: minimum)")
        }
        if let minimum = limits.minInterval, let last = sameSide, now.milliseconds - last.milliseconds < minimum {
            return Refusal("min_interval", "last \(signal.side.rawValue) entry on \(symbol) \(seconds: now.milliseconds - last.milliseconds) ago, minimum \(seconds: minimum)")
        }
        if let minimum = limits.cooldown, let last = lastEntry[symbol], now.milliseconds - last.ts.milliseconds < minimum {
            return Refusal("cooldown", "last entry on \(symbol) \(seconds: now.milliseconds - last.ts.milliseconds) ago, minimum \(seconds: minimum)")
        }
        if let minimum = limits.cooldownAll, let last = lastEntryAnywhere, now.milliseconds - last.milliseconds < minimum {
            return Refusal("cooldown", "last entry on any symbol \(seconds: now.milliseconds - last.milliseconds) ago, minimum \(seconds: minimum)")
        }
        let mine = limits.maxEntriesPerHourPerSymbol != nil || limits.maxEntriesPerDayPerSymbol != nil ? recentEntriesBySymbol[symbol] ?? [] : []
        return rateRefusal(limits.maxEntriesPerHourPerSymbol, mine, within: GateState.hour, on: symbol, now: now)
            ?? rateRefusal(limits.maxEntriesPerDayPerSymbol, mine, within: GateState.day, on: symbol, now: now)
            ?? rateRefusal(limits.maxEntriesPerHour, recentEntries, within: GateState.hour, on: nil, now: now)
            ?? rateRefusal(limits.maxEntriesPerDay, recentEntries, within: GateState.day, on: nil, now: now)
    }

    /// rate: `limit` entries within `window` before now, on `symbol` or (nil) on any symbol.
    private func rateRefusal(_ limit: Int?, _ entries: [Timestamp], within window: Int64, on symbol: String?,
                             now: Timestamp) -> Refusal? {
        guard let limit else { return nil }
        let count = entries.reversed().prefix { now.milliseconds - $0.milliseconds < window }.count
        guard count >= limit else { return nil }
        let span: StaticString = window == GateState.hour ? "an hour" : "a day"
        if let symbol { return Refusal("rate", "\(count) entries in the last \(span) on \(symbol), maximum \(limit)") }
        return Refusal("rate", "\(count) entries in the last \(span), maximum \(limit)")
    }

    /// Remembers an entry that passed.
    public func recordEntry(_ signal: Signal, at now: Timestamp) {
        if positions[signal.symbol] == nil { pendingEntries[signal.symbol] = true }
        lastEntry[signal.symbol] = (now, signal.side)
        lastEntryBySide.update(signal.symbol, startingFrom: EntryTimes()) { $0[signal.side] = now }
        lastEntryAnywhere = now
        let countsRate = limits.maxEntriesPerHour != nil || limits.maxEntriesPerDay != nil
        let countsSymbolRate = limits.maxEntriesPerHourPerSymbol != nil || limits.maxEntriesPerDayPerSymbol != nil
        if countsRate { GateState.append(now, to: &recentEntries) }
        if countsSymbolRate { recentEntriesBySymbol.update(signal.symbol, startingFrom: []) { GateState.append(now, to: &$0) } }
    }

    /// Adds an entry time; entries older than a day are never counted again and are dropped.
    static func append(_ now: Timestamp, to entries: inout [Timestamp]) {
        entries.append(now)
        let stale = entries.prefix { now.milliseconds - $0.milliseconds >= day }.count
        if stale > 0 { entries.removeFirst(stale) }
    }

    // MARK: Helpers

    /// `part` as a percent of `whole`, to 4 decimals.
    func percent(_ part: Decimal, of whole: Decimal) -> Decimal {
        ((try? (part * Decimal(100)).divided(by: whole, scale: 4, rounding: .halfAwayFromZero)) ?? .zero).normalized
    }
}
