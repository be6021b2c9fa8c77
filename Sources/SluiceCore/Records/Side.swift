/// The direction a signal asks for.
public enum SignalSide: String, Sendable, CaseIterable {
    case long, short, flat

    /// Accepted aliases: `buy` → long, `sell` → short, `exit` and `close` → flat.
    public static let aliases: [String: SignalSide] = ["buy": .long, "sell": .short, "exit": .flat, "close": .flat]
}

/// The side of an order or a fill.
public enum OrderSide: String, Sendable, CaseIterable {
    case buy, sell
}
