extension Signal {
    /// Where each field of a signal sits in its document, found in one pass over the members:
    /// a signal is read for every line of a signal stream, and a lookup per field (fifteen of
    /// them, most absent) cost more than the pass. Zero is "absent" (node 0 is the root); a null
    /// value counts as absent, as it does for every record.
    struct Members {
        static let index = MemberIndex(["id", "ts", "symbol", "side", "confidence", "price", "strategy", "regime",
                                        "spoof", "risk_penalty", "atr", "stop", "target", "expires", "force"])

        var id, ts, symbol, side, confidence, price, strategy, regime: Int
        var spoof, riskPenalty, atr, stop, target, expires, force: Int

        init(_ document: JSONDocument) {
            let at = document.rootMembers(Members.index)
            (id, ts, symbol, side, confidence, price, strategy, regime) = (at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7])
            (spoof, riskPenalty, atr, stop, target, expires, force) = (at[8], at[9], at[10], at[11], at[12], at[13], at[14])
        }
    }
}
