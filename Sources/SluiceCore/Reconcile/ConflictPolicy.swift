/// What `reconcile` does with an entry against a position held the other way.
public enum ConflictPolicy: String, Sendable, CaseIterable {
    /// Close the opposite position first, then check the entry as if flat.
    case closeThenOpen = "close-then-open"
    /// Close the opposite position and drop the entry.
    case closeOnly = "close-only"
    /// Refuse the entry (`conflict`); the position stays.
    case reject
}
