/// `journal report [LEDGER...]`: round trips and their statistics, overall, per symbol, per
/// strategy and per exit reason, as an aligned table, JSON or CSV. It streams the ledgers: what it keeps is one set of
/// sums per symbol and per exit reason, the open lots, and the last 65,536 fill ids.
public final class JournalReport: LineProcessor {
    public static let command = CommandDescription(
        name: "journal report",
        abstract: "Report round trips and their statistics from journal ledgers.",
        synopsis: "journal report [--json | --csv] [--since TIME] [--until TIME] [--symbol SYMBOL] [--strategy NAME] [--svg FILE] [--html FILE] [LEDGER...]",
        options: [
            Option("json", help: "write one JSON object instead of a table"),
            Option("csv", help: "write one CSV row per round trip instead of a table"),
            Option("since", value: "TIME", help: "only fills at or after TIME (RFC 3339, or a date: its midnight UTC)"),
            Option("until", value: "TIME", help: "only fills before TIME"),
            Option("symbol", value: "SYMBOL", help: "only fills of SYMBOL"),
            Option("strategy", value: "NAME", help: "only trades opened by an order of strategy NAME"),
            Option("svg", value: "FILE", help: "also draw the equity curve and its drawdown in FILE (SVG)"),
            Option("html", value: "FILE", help: "also write FILE: a page with the chart and the report, no script"),
            Option("periods-per-year", value: "N", default: "252", help: "trading days a year, for Sharpe and Sortino (365 for crypto)"),
        ])

    /// The columns of `--csv`.
    static let csvHeader = "symbol,side,opened_at,closed_at,max_qty,gross_pnl,fees,net_pnl,exit_reason,strategy\n"

    public private(set) var overall = TradeStatistics()
    // A round trip is added to these for most fills: `SymbolTable`s, hashed without SipHash.
    private(set) var bySymbol = SymbolTable<TradeStatistics>()
    private(set) var byExitReason = SymbolTable<TradeStatistics>()
    private(set) var byStrategy = SymbolTable<TradeStatistics>()
    /// The strategy of each order not yet ended (filled, canceled, rejected, expired or refused),
    /// so that memory follows the orders working, not all orders ever made.
    var workingStrategies: [String: String] = [:]
    var strategy: String?
    var matcher = TradeMatcher()
    /// A fill seen twice within this many is counted once (a ledger holds each id once already).
    var recentFills = RecentKeys(capacity: 65_536)
    public private(set) var funnel = SignalFunnel()
    public private(set) var equity = EquityCurve()
    var chartPoints = CurveSampler(capacity: 2048)
    var prices: [String: Decimal] = [:]
    let document = JSONDocument()
    let stage: Stage
    var since, until: Timestamp?
    var symbol: String?
    /// With `--csv`, each round trip is written as it closes.
    var csv: OutputBuffer?

    public init(stage: Stage) { self.stage = stage }

    public static func run(_ arguments: ParsedArguments, stage: Stage) throws {
        if arguments.flag("json") && arguments.flag("csv") { throw CommandLineError.usage("--json and --csv: choose one") }
        let report = JournalReport(stage: stage)
        (report.since, report.until, report.symbol) = (try arguments.time("since"), try arguments.time("until"), arguments.value("symbol"))
        report.strategy = arguments.value("strategy")
        report.equity.periodsPerYear = Double(try arguments.integer("periods-per-year", in: 1...366) ?? 252)
        if arguments.flag("csv") {
            report.csv = stage.output
            stage.output.append(text: csvHeader)
        }
        try stage.run(report, on: arguments.operands)
        if report.csv == nil { stage.output.append(text: arguments.flag("json") ? report.json : report.table) }
        let chart = ReportChart(points: report.chartPoints.curve, funnel: report.funnel)
        if let path = arguments.value("svg") { try FileDescriptor.writeAtomically(Array(chart.svg().utf8), to: path) }
        if let path = arguments.value("html") { try FileDescriptor.writeAtomically(Array(chart.html(report: report.table).utf8), to: path) }
    }

    /// With `--csv`, the rows written so far.
    public func flush() throws { try stage.output.flush() }

    /// Takes fills (once per id), orders and their ends (for strategies), and accounts (equity
    /// and last prices); passes over everything else.
    public func process(_ line: InputLine, file: String?) throws {
        guard !line.isOverlong, (try? document.parseObject(line)) != nil, let type = RecordType(of: document) else {
            stage.warn("\(file.map { "\($0): " } ?? "")line \(line.number): not a ledger record; skipped")
            return
        }
        do {
            switch type {
            case .fill:
                let fill = try Fill(document: document)
                try fill.checkFitsBook()
                funnel.addFill(orderID: fill.orderID)
                if let since, fill.ts < since { return }
                if let until, fill.ts >= until { return }
                if let symbol, fill.symbol != symbol { return }
                guard recentFills.insert(fill.id) else { return }
                if let trip = matcher.apply(fill, strategy: workingStrategies[fill.orderID]) { add(trip) }
            case .signal:
                if isInScope(document, ts: try RecordFields(document, type: "signal").timestamp("ts")) { funnel.addSignal() }
            case .order:
                // Only what the report uses: an order's sizes and prices are the venue's business.
                let fields = RecordFields(document, type: "order")
                let (id, ts) = (try fields.string("id"), try fields.timestamp("ts"))
                if let name = try fields.optionalString("strategy") { workingStrategies[id] = name }
                if isInScope(document, ts: ts) {
                    funnel.addOrder(id: id, origin: try fields.optionalString("origin"), isCut: fields.has("qty_requested"))
                }
            case .orderStatus:
                let status = try OrderStatus(document: document)
                funnel.addStatus(status)
                if status.status.isFinal { workingStrategies[status.orderID] = nil }
            case .reject:
                let reject = try Reject(document: document)
                if let id = document.member("order_id").flatMap({ document.string($0) }) { workingStrategies[id] = nil }
                if let subject = document.member("subject"), isInScope(document, ts: reject.ts, of: subject) {
                    funnel.addRefusal(stage: reject.stage, rule: reject.rule)
                }
            case .account:
                let account = try Account(document: document)
                if since.map({ account.ts >= $0 }) ?? true, until.map({ account.ts < $0 }) ?? true {
                    equity.add(equity: account.equity, at: account.ts)
                    chartPoints.add(account.equity, at: account.ts)
                }
                for position in account.positions { if let price = position.lastPrice { prices[position.symbol] = price } }
            default: return
            }
        } catch {
            stage.warn("\(file.map { "\($0): " } ?? "")line \(line.number): \(error); skipped")
        }
    }

    /// Whether a signal, an order, or a refusal of one (`object` is the refused record) falls
    /// within `--since`, `--until`, `--symbol` and `--strategy`.
    func isInScope(_ document: JSONDocument, ts: Timestamp?, of object: Int = 0) -> Bool {
        if let since, let ts, ts < since { return false }
        if let until, let ts, ts >= until { return false }
        if let symbol, document.member("symbol", of: object).flatMap({ document.string($0) }) != symbol { return false }
        if let strategy, document.member("strategy", of: object).flatMap({ document.string($0) }) != strategy { return false }
        return true
    }

    func add(_ trip: RoundTrip) {
        if let strategy, trip.strategy != strategy { return }
        if let name = trip.strategy { byStrategy.update(name, startingFrom: TradeStatistics()) { $0.add(trip) } }
        if let csv { JournalReport.writeRow(trip, to: csv) }
        overall.add(trip)
        bySymbol.update(trip.symbol, startingFrom: TradeStatistics()) { $0.add(trip) }
        byExitReason.update(trip.exitReason, startingFrom: TradeStatistics()) { $0.add(trip) }
    }

    var openTrades: [(symbol: String, qty: Decimal, unrealized: Decimal)] { matcher.openTrades(at: prices) }

    /// Money to the cent, rates as percents with one decimal.
    static func money(_ value: Decimal?) -> String { value.map { $0.rounded(places: 2, .halfAwayFromZero).text(minimumPlaces: 2) } ?? "-" }
    static func percent(_ value: Decimal?) -> String {
        value.map { ($0 * Decimal(100)).rounded(places: 1, .halfAwayFromZero).text(minimumPlaces: 1) + "%" } ?? "-"
    }

    /// Nil when no account snapshot was read.
    var equityDrawdown: Decimal? {
        equity.peak == nil ? nil : Self.decimal(equity.maxDrawdownFraction)
    }

    /// A ratio computed in binary floating point, as an exact decimal of 4 places.
    static func decimal(_ value: Double) -> Decimal { Decimal(coefficient: Int128(Int64((value * 10_000).rounded())), scale: 4).normalized }
    static func ratio(_ value: Double?) -> String { value.map { decimal($0).rounded(places: 2, .halfAwayFromZero).text(minimumPlaces: 2) } ?? "-" }

    public var table: String {
        let s = overall
        let unrealized = openTrades.reduce(Decimal.zero) { $0 + $1.unrealized }
        var rows: [(String, String)] = [
            ("trades", "\(s.trades)"), ("win rate", Self.percent(s.winRate)), ("average win", Self.money(s.averageWin)),
            ("average loss", Self.money(s.averageLoss)), ("expectancy", Self.money(s.expectancy)),
            ("profit factor", s.profitFactor.map { $0.rounded(places: 2, .halfAwayFromZero).text(minimumPlaces: 2) } ?? "-"),
            ("gross P&L", Self.money(s.gross)), ("fees", Self.money(s.fees)), ("net P&L", Self.money(s.net)),
            ("max drawdown", Self.money(s.maxDrawdown)), ("max drawdown of equity", Self.percent(equityDrawdown)),
            ("longest losing streak", "\(s.longestLosingStreak)"), ("exposure", Self.percent(matcher.exposure)),
            ("Sharpe (daily)", Self.ratio(equity.sharpe)), ("Sortino (daily)", Self.ratio(equity.sortino)),
            ("unrealized P&L", Self.money(unrealized)),
        ]
        for trade in openTrades { rows.append(("open \(trade.symbol)", "\(trade.qty) (\(Self.money(trade.unrealized)))")) }
        var text = rows.map { $0.0.padding(23) + $0.1 }.joined(separator: "\n") + "\n"
        for (title, groups) in [("symbol", bySymbol), ("strategy", byStrategy), ("exit reason", byExitReason)] where !groups.isEmpty {
            let width = max(14, groups.names.map(\.count).max()! + 2)
            text += "\n" + title.padding(width) + "trades".leftPadding(8) + "win rate".leftPadding(10) + "net P&L".leftPadding(14) + "\n"
            for key in groups.names.sorted() {
                let g = groups[key]!
                text += key.padding(width) + "\(g.trades)".leftPadding(8) + Self.percent(g.winRate).leftPadding(10) + Self.money(g.net).leftPadding(14) + "\n"
            }
        }
        return text + funnelTable
    }

    /// The funnel's steps with the rate of each over the one before, then the refusals.
    var funnelTable: String {
        guard funnel.count(.seen) > 0 || !funnel.madeByStages.isEmpty else { return "" }
        var text = "\n" + "funnel".padding(26) + "count".leftPadding(8) + "rate".leftPadding(10) + "\n"
        for step in SignalFunnel.Step.allCases {
            let rate = step == .seen ? "" : Self.percent(funnel.rate(step)).leftPadding(10)
            text += step.label.padding(26) + "\(funnel.count(step))".leftPadding(8) + rate + "\n"
        }
        text += "signal to fill".padding(34) + Self.percent(funnel.overallRate).leftPadding(10) + "\n"
        if funnel.ordersCut > 0 { text += "cut by reconcile".padding(26) + "\(funnel.ordersCut)".leftPadding(8) + "\n" }
        for (status, count) in funnel.endedUnfilled.sorted(by: { $0.key < $1.key }) {
            text += "accepted, then \(status)".padding(26) + "\(count)".leftPadding(8) + "\n"
        }
        for (origin, count) in funnel.madeByStages.sorted(by: { $0.key < $1.key }) {
            text += "orders made by \(origin)".padding(26) + "\(count)".leftPadding(8) + "\n"
        }
        if !funnel.refusals.isEmpty {
            text += "\n" + "refused by".padding(12) + "rule".padding(22) + "count".leftPadding(8) + "\n"
            for (refusal, count) in funnel.refusals.sorted(by: { $0.key < $1.key }) {
                text += refusal.stage.padding(12) + refusal.rule.padding(22) + "\(count)".leftPadding(8) + "\n"
            }
        }
        return text
    }

    public var json: String {
        let output = OutputBuffer(destination: .standardOutput, capacity: 4096)
        var root = JSONObjectWriter(output)
        JournalReport.write(overall, into: &root)
        if let value = equityDrawdown { root.decimal("max_drawdown_equity", value) }
        if let value = matcher.exposure { root.decimal("exposure", value) }
        if let value = equity.sharpe { root.decimal("sharpe", Self.decimal(value)) }
        if let value = equity.sortino { root.decimal("sortino", Self.decimal(value)) }
        root.objects("by_symbol", bySymbol.names.sorted()) { entry, key in
            entry.string("symbol", key)
            JournalReport.write(bySymbol[key]!, into: &entry)
        }
        root.objects("by_strategy", byStrategy.names.sorted()) { entry, key in
            entry.string("strategy", key)
            JournalReport.write(byStrategy[key]!, into: &entry)
        }
        root.objects("by_exit_reason", byExitReason.names.sorted()) { entry, key in
            entry.string("reason", key)
            JournalReport.write(byExitReason[key]!, into: &entry)
        }
        root.objects("open", openTrades) { entry, trade in
            entry.string("symbol", trade.symbol)
            entry.decimal("qty", trade.qty)
            entry.decimal("unrealized_pnl", trade.unrealized)
        }
        root.object("funnel") { record in
            for step in SignalFunnel.Step.allCases { record.integer(step.key, Int64(funnel.count(step))) }
            if let value = funnel.overallRate { record.decimal("signal_to_fill", value) }
            record.integer("cut", Int64(funnel.ordersCut))
            record.integer("canceled_unfilled", Int64(funnel.endedUnfilled["canceled", default: 0]))
            record.integer("expired_unfilled", Int64(funnel.endedUnfilled["expired", default: 0]))
            record.objects("made_by_stages", funnel.madeByStages.sorted(by: { $0.key < $1.key })) { entry, made in
                entry.string("origin", made.key)
                entry.integer("orders", Int64(made.value))
            }
            record.objects("refusals", funnel.refusals.sorted(by: { $0.key < $1.key })) { entry, refused in
                entry.string("stage", refused.key.stage)
                entry.string("rule", refused.key.rule)
                entry.integer("count", Int64(refused.value))
            }
        }
        root.close()
        output.append(UInt8(ascii: "\n"))
        return output.contents
    }

    static func write(_ s: TradeStatistics, into record: inout JSONObjectWriter) {
        record.integer("trades", Int64(s.trades))
        record.integer("wins", Int64(s.wins))
        record.integer("losses", Int64(s.losses))
        if let value = s.winRate { record.decimal("win_rate", value) }
        if let value = s.averageWin { record.decimal("average_win", value) }
        if let value = s.averageLoss { record.decimal("average_loss", value) }
        if let value = s.expectancy { record.decimal("expectancy", value) }
        if let value = s.profitFactor { record.decimal("profit_factor", value) }
        record.decimal("gross_pnl", s.gross)
        record.decimal("fees", s.fees)
        record.decimal("net_pnl", s.net)
        record.decimal("max_drawdown", s.maxDrawdown)
        record.integer("longest_losing_streak", Int64(s.longestLosingStreak))
    }

    /// One `--csv` row; symbols and reasons are quoted when they hold a comma or a quote.
    static func writeRow(_ trip: RoundTrip, to output: OutputBuffer) {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : text
        }
        output.append(text: field(trip.symbol) + "," + (trip.isLong ? "long" : "short") + ",")
        output.append(bareTimestamp: trip.openedAt)
        output.append(UInt8(ascii: ","))
        output.append(bareTimestamp: trip.closedAt)
        for value in [trip.maxQty, trip.gross, trip.fees, trip.net] {
            output.append(UInt8(ascii: ","))
            output.append(decimal: value)
        }
        output.append(text: "," + field(trip.exitReason) + "," + field(trip.strategy ?? "") + "\n")
    }
}
