/// `--route UNDERLYING:SIDE=FUND@MIN,…,FUND`: which member of a family a signal on the
/// underlying trades, by confidence. `NDX:long=TQQQ@0.8,QQQ` sends a long NDX signal of
/// confidence 0.8 or more to TQQQ and any other to QQQ; `NDX:short=SQQQ@0.8,PSQ` sends short
/// ones to the inverse funds, which are bought: a short of the fund itself is never needed.
public struct FamilyRoute: Sendable, Equatable {
    public struct Tier: Sendable, Equatable {
        public var fund: String
        /// The least confidence that picks this fund.
        public var minimum: Decimal
    }

    public var underlying: String
    public var side: SignalSide
    /// Highest minimum first.
    public var tiers: [Tier]

    public init(parsing text: String) throws(CommandLineError) {
        func bad(_ problem: String) -> CommandLineError {
            .usage("--route: \(problem) in '\(text)' (expected UNDERLYING:long|short=FUND@MIN,…,FUND, e.g. NDX:long=TQQQ@0.8,QQQ)")
        }
        let halves = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let head = halves[0].split(separator: ":", omittingEmptySubsequences: false)
        guard halves.count == 2, head.count == 2, !head[0].isEmpty else { throw bad("no UNDERLYING:SIDE=") }
        guard let side = SignalSide(rawValue: String(head[1])), side != .flat else { throw bad("the side must be long or short") }
        underlying = String(head[0])
        self.side = side
        tiers = []
        for part in halves[1].split(separator: ",", omittingEmptySubsequences: false) {
            let fields = part.split(separator: "@", omittingEmptySubsequences: false)
            guard !fields[0].isEmpty, fields.count <= 2 else { throw bad("'\(part)' is not FUND or FUND@MIN") }
            var minimum = Decimal.zero
            if fields.count == 2 {
                guard let value = Decimal(String(fields[1])), value.signum >= 0, value <= .one else { throw bad("the minimum confidence '\(fields[1])' is not from 0 to 1") }
                minimum = value
            }
            if let last = tiers.last, minimum >= last.minimum { throw bad("the minimums must fall from left to right") }
            tiers.append(Tier(fund: String(fields[0]), minimum: minimum))
        }
    }

    /// The first tier whose minimum the confidence reaches; nil below them all.
    public func tier(for confidence: Decimal) -> Tier? { tiers.first { confidence >= $0.minimum } }
}
