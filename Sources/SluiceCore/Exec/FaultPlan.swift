/// `--fault 'timeout=0.02,reject=0.01,drop-fill-event=0.01,drop-bracket=0.01,seed=7'`: how often
/// the paper venue misbehaves. Each draw is a pure function of the seed, the kind of fault and
/// what it happens to (an order id and attempt, a fill id, a stop and a bar time), so a replay,
/// or a restart that skips some draws, meets exactly the same faults.
public struct FaultPlan: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// No answer to a submission; half the time the venue did receive the order.
        case timeout
        /// A transient refusal (`RATE_LIMITED`), worth retrying.
        case reject
        /// The venue fills but the fill event never arrives.
        case dropFillEvent = "drop-fill-event"
        /// The venue loses a position's protective orders.
        case dropBracket = "drop-bracket"
    }

    public var probabilities: [Kind: Double] = [:]
    public var seed: UInt64 = 0

    public init() {}

    public init(parsing spec: String) throws(CommandLineError) {
        for part in spec.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw .usage("--fault: expected NAME=VALUE, got '\(part)'") }
            if pair[0] == "seed" {
                guard let value = UInt64(pair[1]) else { throw .usage("--fault: seed: expected a whole number, got '\(pair[1])'") }
                seed = value
                continue
            }
            guard let kind = Kind(rawValue: pair[0]) else {
                throw .usage("--fault: unknown fault '\(pair[0])' (expected \(Kind.allCases.map(\.rawValue).joined(separator: ", ")) or seed)")
            }
            guard let p = Double(pair[1]), p >= 0, p <= 1 else { throw .usage("--fault: \(pair[0]): expected a probability from 0 to 1, got '\(pair[1])'") }
            probabilities[kind] = p
        }
    }

    /// Whether the fault happens to `subject`.
    /// Whether faults of `kind` may happen at all: checked before the subject of one is looked at.
    public func isPlanned(_ kind: Kind) -> Bool { !probabilities.isEmpty && (probabilities[kind] ?? 0) > 0 }

    public func happens(_ kind: Kind, to subject: String, _ number: Int64 = 0) -> Bool {
        guard !probabilities.isEmpty, let p = probabilities[kind], p > 0 else { return false }
        return StableRandom.unit(seed: seed, kind.rawValue, subject, number) < p
    }
}
