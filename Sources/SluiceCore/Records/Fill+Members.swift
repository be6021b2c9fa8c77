extension Fill {
    /// Where each field of a fill sits in its document, found in one pass (see `Signal.Members`):
    /// a ledger is mostly fills. Zero is "absent or null".
    struct Members {
        static let index = MemberIndex(["id", "order_id", "ts", "symbol", "side", "qty", "price", "fee", "reason"])

        var id, orderID, ts, symbol, side, qty, price, fee, reason: Int

        init(_ at: MemberValues) {
            (id, orderID, ts, symbol, side, qty, price, fee, reason) = (at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7], at[8])
        }
    }
}
