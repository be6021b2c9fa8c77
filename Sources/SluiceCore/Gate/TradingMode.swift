/// What `gate` lets through: everything, only exits (reducing), or no entries (halted).
public enum TradingMode: String, Sendable {
    case active, reducing, halted
}
