extension Bar {
    /// Where each field of a bar sits in its document, found in one pass (see `Signal.Members`):
    /// a replay is mostly bars. Zero is "absent or null".
    struct Members {
        static let index = MemberIndex(["ts", "symbol", "open", "high", "low", "close", "volume", "interval"])

        var ts, symbol, open, high, low, close, volume, interval: Int

        init(_ document: JSONDocument) {
            let at = document.rootMembers(Members.index)
            (ts, symbol, open, high, low, close, volume, interval) = (at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7])
        }
    }
}
